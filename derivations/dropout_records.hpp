// The records of the dropout sections (1.2 to 1.5): the symbolic results of
// 1.2 (and the expectations of 1.3), fixed at compile time, and the numeric
// checks of 1.3 to 1.5, computed when called.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "dropout.hpp"
#include "dropout_laws.hpp"

namespace leibniz::derivations::dropout {

namespace detail {
/// The titles are plain: h̃ is "h~", E[...] and Var(...) are words; the
/// heading has them in LaTeX.
inline std::string heading_of(std::string_view title) {
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

/// The record of a symbolic result.
inline record record_of(const symbolic_result& s) {
    return derivations::record_of(std::string(s.section), std::string(s.title), std::string(s.document_latex),
                                  std::string(s.engine_latex), s.result, std::string(s.difference_latex),
                                  s.assumed.empty() ? std::string(s.assumptions) : assumption_text(s.assumed, s.assumed_why),
                                  std::string(s.note));
}
}  // namespace detail

/// Every record of 1.2 to 1.5, in order.
inline std::vector<record> records() {
    std::vector<record> out;
    for (const symbolic_result& s : symbolic_results) out.push_back(detail::record_of(s));
    for (record& r : laws::records()) out.push_back(std::move(r));
    for (record& r : out) r.heading = detail::heading_of(r.title);
    return out;
}

}  // namespace leibniz::derivations::dropout
