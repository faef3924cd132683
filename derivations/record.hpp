// One verified result of the reference document, as the report prints it:
// the one record type every section's records() returns.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <leibniz/leibniz.hpp>

namespace leibniz {
struct emit_options;
}

namespace leibniz::derivations {

/// How a verdict was reached.
enum class method : unsigned char {
    symbolic,  ///< the engine's derivation, compared at compile time
    numeric    ///< evaluated in floating point (limits, series, identities at finite M)
};

/// One line of a derivation, lhs = rhs (LaTeX), under a caption; consecutive
/// lines with the same caption are displayed together.
struct derivation_step {
    std::string caption;
    std::string lhs, rhs;
};

/// Source code for a result, as the options ask (language, function name,
/// namespace, C entry points: leibniz/emit.hpp).
using emitter = std::string (*)(const emit_options&);

struct record {
    std::string section;          ///< "2.3"
    std::string title;            ///< "Problem 1: dl/dgamma"
    std::string document_latex;   ///< the document's formula, as it states it
    /// The engine's result; for a numeric check, a description of the check
    /// (text with math) rather than a formula.
    std::string engine_latex;
    verdict result = verdict::undecided;
    std::string difference_latex;  ///< engine − document, when they differ
    /// What the engine used (LaTeX text, the formulas printed by the engine
    /// from the options of the comparison); empty: none.
    std::string assumptions;
    std::string note;  ///< reading of the document, remarks (LaTeX text)
    method how = method::symbolic;
    std::string matrix_latex;  ///< the engine's result in matrix notation, where the section gives it
    emitter emit = nullptr;    ///< code for the result, where there is an emitter for it
    std::string name;          ///< a fixed name ("bn.dl-dgamma.outside"), or empty: numbered in order
    std::string heading;       ///< LaTeX text for a heading; empty: the title
    std::string quantity;      ///< LaTeX of what is derived, the left-hand side; may be empty
    std::vector<derivation_step> steps;  ///< the engine's derivation, step by step, where there is one
};

/// How the report words a verdict.
constexpr const char* verdict_word(verdict v) {
    switch (v) {
        case verdict::equal: return "matches";
        case verdict::differs: return "differs";
        case verdict::undecided: return "undecided";
    }
    return "?";
}

/// A record of the parts every section gives; the others are set after.
inline record record_of(std::string section, std::string title, std::string document, std::string engine, verdict v,
                        std::string difference, std::string assumptions, std::string note) {
    record r;
    r.section = std::move(section);
    r.title = std::move(title);
    r.document_latex = std::move(document);
    r.engine_latex = std::move(engine);
    r.result = v;
    r.difference_latex = std::move(difference);
    r.assumptions = std::move(assumptions);
    r.note = std::move(note);
    return r;
}

/// The expression e of an assumption assume_zero(e), printed by the engine.
template <latex_options O = latex_options{}, class E>
constexpr std::string_view assumed_latex(assume_zero<E>) {
    return latex<O>(E{}).view();
}

/// An assumption assume_zero(e) as a record states it: "$e = 0$ (why)",
/// with e printed by the engine (`why` may be empty).
inline std::string assumption_text(std::string_view e, std::string_view why) {
    std::string out;
    out.append("$").append(e).append(" = 0$");
    if (!why.empty()) out.append(" (").append(why).append(")");
    return out;
}

namespace detail {
template <latex_options O, class E>
std::string_view assumption(assume_zero<E> a) {
    return assumed_latex<O>(a);
}
template <latex_options O, class Opt>
std::string_view assumption(Opt) {  // in_terms_of, held_fixed: not assumptions
    return {};
}
}  // namespace detail

/// The assumptions among `opts` (assume_zero(e)), as LaTeX text printed by
/// the engine: "$e_1 = 0$ (why_1); $e_2 = 0$", with the reasons `why` in
/// order ("" for none).
template <latex_options O = latex_options{}, class... Opts>
std::string assumptions_of(const std::vector<std::string>& why, Opts... opts) {
    std::string out;
    std::size_t n = 0;
    for (std::string_view e : {std::string_view(), detail::assumption<O>(opts)...}) {
        if (e.empty()) continue;
        if (!out.empty()) out += "; ";
        out += assumption_text(e, n < why.size() ? std::string_view(why[n]) : std::string_view());
        ++n;
    }
    return out;
}

/// What a record says apart from the formulas and the verdict.
struct about {
    std::string name, section, title, heading, quantity;
    std::string assumptions;       ///< what else is assumed (text), besides the options of the comparison
    std::string note;
    std::vector<std::string> why = {};  ///< the reason for each option that is an assumption, in order
};

/// make_record without engine − document, which the caller computes apart
/// where one translation unit for both would need too much memory.
template <latex_options O, class E, class D, class... Opts>
record make_record_apart(about a, E e, D doc, Opts... opts) {
    if (std::string more = assumptions_of<O>(a.why, opts...); !more.empty())
        a.assumptions += (a.assumptions.empty() ? "" : "; ") + more;
    record r = record_of(std::move(a.section), std::move(a.title), std::string(latex<O>(doc).view()),
                         std::string(latex<O>(e).view()), dsl::verdict_of<E, D, Opts...>::value, "",
                         std::move(a.assumptions), std::move(a.note));
    r.name = std::move(a.name);
    r.heading = std::move(a.heading);
    r.quantity = std::move(a.quantity);
    return r;
}

/// The record for engine result `e` against the document's `doc`, compared
/// under the assumptions `opts` (which the record lists).
template <latex_options O, class E, class D, class... Opts>
record make_record(about a, E e, D doc, Opts... opts) {
    record r = make_record_apart<O>(std::move(a), e, doc, opts...);
    if constexpr (dsl::verdict_of<E, D, Opts...>::value != verdict::equal)
        r.difference_latex = std::string(latex<O>(difference(e, doc, opts...)).view());
    return r;
}

}  // namespace leibniz::derivations
