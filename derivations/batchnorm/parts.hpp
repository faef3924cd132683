// The parts of batchnorm_records.hpp's records(), one translation unit each
// (derivations/batchnorm/*.cpp: each takes up to 1.5 GiB to compile with
// g++), and what they share: the readings, the records' construction and
// the engine-built chain-rule derivation of a 2.3 problem.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "../batchnorm.hpp"
#include "../record.hpp"

namespace leibniz::derivations::batchnorm::parts {

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

/// Why the assumptions bn::centered and bn::variance_identity hold.
inline const std::string by_m = "the definition of $\\mathbf{m}$";
inline const std::string by_v = "the definition of $\\mathbf{v}$";
/// bn::centered as the headings of the results compared under it state it,
/// in the document's short form (their assumptions print it from the option).
inline constexpr const char* centered_tex = "$\\sum_i (Y_{il} - \\mathbf{m}_l) = 0$ (the definition of $\\mathbf{m}$)";

template <class E>
std::string tex(E) {
    return std::string(latex<bn::style>(E{}).view());
}

/// The record comparing the engine's `e` with the document's `doc` under `opts`.
template <class E, class D, class... Opts>
record make(about a, E e, D doc, Opts... opts) {
    return make_record<bn::style>(std::move(a), e, doc, opts...);
}

/// make without engine − document, which the caller computes in a TU of
/// its own where one TU for both would need too much memory.
template <class E, class D, class... Opts>
record make_apart(about a, E e, D doc, Opts... opts) {
    return make_record_apart<bn::style>(std::move(a), e, doc, opts...);
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

// The parts, one TU each (derivations/batchnorm/*.cpp), in report order.
void add_statistics(std::vector<record>& out);   // 2.2
void add_gamma_beta(std::vector<record>& out);   // Problems 1, 2
void add_mean(std::vector<record>& out);         // Problem 3
void add_variance(std::vector<record>& out);     // Problem 4
void add_input_inside(std::vector<record>& out); // Problem 5, sqrt(v + ε)
void add_input_raw(std::vector<record>& out);    // Problem 5, sqrt(v + ε), no assumption; ∂Ŷ/∂Y
void add_input_outside(std::vector<record>& out);// Problem 5, sqrt(v) + ε
std::string input_outside_difference();          // its engine − document
void add_local(std::vector<record>& out);        // dm/dY, dv/dY

}  // namespace leibniz::derivations::batchnorm::parts
