// Shared by the batch-norm record TUs: readings, entry construction, and the
// engine-built chain-rule derivation of a 2.3 problem.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <derivations/batchnorm.hpp>
#include <derivations/record.hpp>

#include "catalog.hpp"

namespace leibniz::derive::batchnorm_detail {

namespace bn = leibniz::derivations::batchnorm;

/// For the substituted chain: each local derivative stays a factor of its own.
inline constexpr latex_options grouped{.step = step_style::f, .merge_products = false};

/// How each placement of ε is named and written.
template <class R>
struct reading_info;
template <>
struct reading_info<bn::inside> {
    static constexpr const char* tag = "inside";
    static constexpr const char* words = "eps inside the root";
    static constexpr const char* tex = "$\\hat{Y}$ with $\\sqrt{\\mathbf{v}_l + \\epsilon}$";
};
template <>
struct reading_info<bn::outside> {
    static constexpr const char* tag = "outside";
    static constexpr const char* words = "eps outside the root";
    static constexpr const char* tex = "$\\hat{Y}$ with $\\sqrt{\\mathbf{v}_l} + \\epsilon$";
};

inline constexpr const char* centered_tex = "$\\sum_i (Y_{il} - \\mathbf{m}_l) = 0$ (the definition of $\\mathbf{m}$)";
inline constexpr const char* variance_tex = "$\\sum_i (Y_{il} - \\mathbf{m}_l)^2 = B \\mathbf{v}_l$ (the definition of $\\mathbf{v}$)";

template <class E>
std::string tex(E) {
    return std::string(latex<bn::style>(E{}).view());
}

/// What an entry says, apart from the formulas.
struct about {
    std::string name, section, title, heading, quantity, assumptions, note;
};

/// An entry comparing the engine's `e` with the document's `doc` under `opts`.
template <class E, class D, class... Opts>
entry make_entry(about a, E e, D doc, Opts... opts) {
    entry out;
    out.name = std::move(a.name);
    out.heading = std::move(a.heading);
    out.quantity = std::move(a.quantity);
    out.rec = derivations::make_record<bn::style>(std::move(a.section), std::move(a.title), e, doc, std::move(a.assumptions),
                                                  std::move(a.note), opts...);
    return out;
}

/// make_entry without engine − document, which the caller computes in a TU
/// of its own where one TU for both would need too much memory.
template <class E, class D, class... Opts>
entry make_entry_apart(about a, E, D, Opts...) {
    constexpr verdict v = dsl::verdict_of<E, D, Opts...>::value;
    entry out;
    out.name = std::move(a.name);
    out.heading = std::move(a.heading);
    out.quantity = std::move(a.quantity);
    out.rec = derivations::record{std::move(a.section),     std::move(a.title),        tex(D{}),
                                  tex(E{}),                 derivations::verdict_word(v), "",
                                  std::move(a.assumptions), std::move(a.note)};
    return out;
}

/// The derivation of ∂ℓ/∂x for one reading R, every line computed by the engine:
///  (a) the chain rule through H = max(Ŷ, 0) and Ŷ, with unevaluated factors;
///  (b) the local derivatives ∂H_kl/∂Ŷ_kl and ∂Ŷ_kl/∂x (`Local`, computed by the caller under opts);
///  (c) the chain with them substituted, as built (before the δs are contracted);
///  (d) the engine's simplified ∂ℓ/∂x (`Final`).
/// Checked here: (c) has the same canonical form as (d) under opts.
template <class R, class X, class Local, class Final, class... Opts>
std::vector<derivation_step> chain_steps(X, Local, Final, Opts...) {
    using bn::k, bn::l;
    constexpr auto H = R::H(k, l);
    constexpr auto Yhat = R::Yhat(k, l);
    constexpr auto q = partial_symbol(R::ell, X{});
    constexpr auto chain = sum(k, sum(l, partial_symbol(R::ell, H) * partial_symbol(H, Yhat) * partial_symbol(Yhat, X{})));
    constexpr auto dl_dH = d(R::ell, H);
    constexpr auto dH_dYhat = partial(H, Yhat);
    constexpr auto substituted = sum(k, sum(l, dl_dH * dH_dYhat * Local{}));
    static_assert(dsl::verdict_of<decltype(substituted), Final, Opts...>::value == verdict::equal,
                  "the substituted chain must simplify to the engine's derivative");
    std::string lhs = tex(q);
    return {
        {"chain rule through $H = \\max(\\hat{Y}, 0)$ and $\\hat{Y}$", lhs, tex(chain)},
        {"local derivatives", tex(partial_symbol(H, Yhat)), tex(dH_dYhat)},
        {"local derivatives", tex(partial_symbol(Yhat, X{})), tex(Local{})},
        {"substituted, before the $\\delta$s are contracted", lhs, std::string(latex<grouped>(substituted).view())},
        {"simplified", lhs, tex(Final{})},
    };
}

// The parts, one TU each (tools/derive/batchnorm_*.cpp), in report order.
void add_statistics(std::vector<entry>& out);   // 2.2
void add_gamma_beta(std::vector<entry>& out);   // Problems 1, 2
void add_mean(std::vector<entry>& out);         // Problem 3
void add_variance(std::vector<entry>& out);     // Problem 4
void add_input_inside(std::vector<entry>& out); // Problem 5, sqrt(v + ε)
void add_input_raw(std::vector<entry>& out);    // Problem 5, sqrt(v + ε), no assumption; ∂Ŷ/∂Y
void add_input_outside(std::vector<entry>& out);// Problem 5, sqrt(v) + ε
std::string input_outside_difference();         // its engine − document
void add_local(std::vector<entry>& out);        // dm/dY, dv/dY

}  // namespace leibniz::derive::batchnorm_detail
