// One verified result of the reference document, as the report prints it.
#pragma once
#include <string>
#include <vector>

#include <leibniz/leibniz.hpp>

namespace leibniz::derivations {

struct record {
    std::string section;          ///< "2.3"
    std::string title;            ///< "Problem 1: dl/dgamma"
    std::string document_latex;   ///< the document's formula, as it states it
    std::string engine_latex;     ///< the engine's result
    std::string verdict;          ///< "matches", "differs" or "undecided"
    std::string difference_latex; ///< engine − document, when they differ
    std::string assumptions;      ///< what the engine used
    std::string note;             ///< reading of the document, remarks
};

constexpr const char* verdict_word(verdict v) {
    switch (v) {
        case verdict::equal: return "matches";
        case verdict::differs: return "differs";
        case verdict::undecided: return "undecided";
    }
    return "?";
}

/// A record for engine result `e` against the document's `doc`, compared
/// under the assumptions `opts`.
template <latex_options O, class E, class D, class... Opts>
record make_record(std::string section, std::string title, E e, D doc, std::string assumptions, std::string note,
                   Opts... opts) {
    constexpr verdict v = dsl::verdict_of<E, D, Opts...>::value;
    record r{std::move(section), std::move(title), std::string(latex<O>(doc).view()),
             std::string(latex<O>(e).view()), verdict_word(v), "", std::move(assumptions), std::move(note)};
    if constexpr (v != verdict::equal) r.difference_latex = std::string(latex<O>(difference(e, doc, opts...)).view());
    return r;
}

}  // namespace leibniz::derivations
