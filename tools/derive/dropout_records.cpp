// Dropout (sections 1.2 to 1.5), as entries: the records of
// derivations/dropout_records.hpp's all_records(), taken from its two
// sources so that a symbolic record keeps its difference and its note apart.
#include <string>

#include <derivations/dropout_records.hpp>

#include "catalog.hpp"

namespace leibniz::derive {

namespace {

/// The records' titles are plain: h̃ is "h~", E[...] and Var(...) are words.
std::string heading_of(std::string_view title) {
    std::string out;
    for (std::size_t i = 0; i != title.size(); ++i) {
        bool word_start = i == 0 || title[i - 1] == ' ';
        if (title.substr(i, 2) == "h~") {
            out += "\\tilde{h}";
            ++i;
        } else if (word_start && title.substr(i, 2) == "E[") {
            out += "\\mathbb{E}[";
            ++i;
        } else if (word_start && title.substr(i, 4) == "Var(") {
            out += "\\operatorname{Var}(";
            i += 3;
        } else {
            out += title[i];
        }
    }
    return out;
}

}  // namespace

std::vector<entry> dropout_entries() {
    namespace dr = derivations::dropout;
    std::vector<entry> out;
    for (const dr::record& r : dr::symbolic_records) {
        entry e;
        e.name = numbered_name("dropout", r.section, r.title, out);
        e.heading = heading_of(r.title);
        e.rec = derivations::record{std::string(r.section),          std::string(r.title),
                                    std::string(r.document_latex),   std::string(r.engine_latex),
                                    derivations::verdict_word(r.result), std::string(r.difference_latex),
                                    std::string(r.assumptions),      std::string(r.note)};
        out.push_back(std::move(e));
    }
    for (const dr::report_record& r : dr::laws::law_records()) {
        entry e;
        e.name = numbered_name("dropout", r.section, r.title, out);
        e.heading = heading_of(r.title);
        e.numeric = r.how == dr::method::numeric;
        e.rec = derivations::record{r.section,         r.title,       r.document_latex, r.engine_latex,
                                    derivations::verdict_word(r.result), "", r.assumptions,    r.difference_or_note};
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace leibniz::derive
