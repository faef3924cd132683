// Batch normalization (reference document, sections 2.2 and 2.3): the
// forward pass, the engine's derivations, the document's stated formulas
// transcribed as written, and the verdicts.
//
// The document mixes two placements of ε: sqrt(v + ε) (its Problems 3-5)
// and sqrt(v) + ε (its Problems 1-2). Both readings are built; each result
// is compared under each reading.
#pragma once
#include <leibniz/leibniz.hpp>

namespace leibniz::derivations::batchnorm {

using namespace leibniz::literals;

// ---- symbols ---------------------------------------------------------------------------------
inline constexpr auto B = extent<"B">();
inline constexpr auto M = extent<"M">();
inline constexpr auto i = index<"i">(B);
inline constexpr auto k = index<"k">(B);
inline constexpr auto s = index<"s">(B);
inline constexpr auto j = index<"j">(M);
inline constexpr auto l = index<"l">(M);
inline constexpr auto t = index<"t">(M);

inline constexpr auto Y = tensor<"Y">(B, M);
inline constexpr auto gamma = tensor<"gamma", "\\gamma">(M);
inline constexpr auto beta = tensor<"beta", "\\beta">(M);
inline constexpr auto eps = positive(symbol<"epsilon", "\\epsilon", 5>());
/// The upstream gradient ∂ℓ/∂H, opaque.
inline constexpr auto dH = tensor<"dl_dH", "\\frac{\\partial \\ell}{\\partial H_{#}}", -10>(B, M);

/// Batch mean and (biased) batch variance.
inline constexpr auto m = intermediate<"m", "\\mathbf{m}">([] { return c<1> / B * sum(i, Y(i, l)); }, l);
inline constexpr auto v = intermediate<"v", "\\mathbf{v}">([] { return c<1> / B * sum(i, pow<2>(Y(i, l) - m(l))); }, l);

/// Σ_i (Y_il − m_l) = 0: true by the definition of m; stated so that the
/// simplifier may use it (it turns Σ_i Y_il into B m_l).
inline constexpr auto centered = assume_zero(sum(i, Y(i, l) - m(l)));
/// Σ_i (Y_il − m_l)² = B v_l: the definition of v, as a rewrite.
inline constexpr auto variance_identity = assume_zero(sum(i, pow<2>(Y(i, l) - m(l))) - B * v(l));

inline constexpr latex_options style{.step = step_style::f};

/// One placement of ε. Everything downstream of it (Ŷ, H, ℓ) has names of
/// its own per reading, printed the same.
template <class Placement>
struct reading {
    static constexpr auto norm = Placement::norm;  // the denominator of Ŷ
    static constexpr auto Yhat = intermediate<Placement::yhat_name, "\\hat{Y}">(
        [] { return gamma(l) * (Y(k, l) - m(l)) / Placement::norm(l) + beta(l); }, k, l);
    static constexpr auto H = intermediate<Placement::h_name, "H">([] { return relu(Yhat(k, l)); }, k, l);
    static constexpr auto ell = loss<Placement::loss_name, "\\ell">(H, dH, k, l);
};

struct eps_inside {  // sqrt(v + ε): the usual definition
    static constexpr auto norm = [](auto idx) { return sqrt(v(idx) + eps); };
    static constexpr fixed_string yhat_name = "Yhat";
    static constexpr fixed_string h_name = "H";
    static constexpr fixed_string loss_name = "ell";
};
struct eps_outside {  // sqrt(v) + ε
    static constexpr auto norm = [](auto idx) { return sqrt(v(idx)) + eps; };
    static constexpr fixed_string yhat_name = "Yhat'";
    static constexpr fixed_string h_name = "H'";
    static constexpr fixed_string loss_name = "ell'";
};

using inside = reading<eps_inside>;
using outside = reading<eps_outside>;

// ---- 2.2: batch statistics of Ŷ ---------------------------------------------------------------
// E and Var are the batch average over i: E[X_ij] = 1/B Σ_i X_ij, so that
// E[Y_ij] = m_j and E[(Y_ij − m_j)²] = v_j. The document's 2.2 uses
// Ŷ = γ (Y − m) / sqrt(v) + β, without ε; with ε inside the root the
// variance is γ² v / (v + ε).
inline constexpr auto Yhat0 = intermediate<"Yhat0", "\\hat{Y}">([] { return gamma(l) * (Y(k, l) - m(l)) / sqrt(v(l)) + beta(l); }, k, l);

template <class X>
constexpr auto batch_mean(X x) {
    return c<1> / B * sum(i, x);
}
struct statistics {
    static constexpr auto mean = canonical(unfold(batch_mean(Yhat0(i, j)), Yhat0), centered);
    static constexpr auto var =
        canonical(unfold(batch_mean(pow<2>(Yhat0(i, j) - batch_mean(Yhat0(i, j)))), Yhat0), centered, variance_identity);
    static constexpr auto mean_eps = canonical(unfold(batch_mean(inside::Yhat(i, j)), inside::Yhat), centered);
    static constexpr auto var_eps = canonical(
        unfold(batch_mean(pow<2>(inside::Yhat(i, j) - batch_mean(inside::Yhat(i, j)))), inside::Yhat), centered,
        variance_identity);
};
/// The document: E[Ŷ[i, j]] = β[j],  Var(Ŷ[i, j]) = γ[j]².
struct stated_statistics {
    static constexpr auto mean = beta(j);
    static constexpr auto var = pow<2>(gamma(j));
    // its second line: γ[j] / v[j] · (E[Y[i, j]] − E[m[j]]) + E[β[j]], with E[Y] = E[m] = m:
    // the factor should be γ / sqrt(v); the line is still right since it multiplies 0.
    static constexpr auto mean_line2 = gamma(j) / v(j) * (m(j) - m(j)) + beta(j);
};

// ---- 2.3: the engine's results -------------------------------------------------------------------
template <class R>
struct engine {
    static constexpr auto dgamma = d(R::ell, gamma(j));
    static constexpr auto dbeta = d(R::ell, beta(j));
    /// ∂ℓ/∂m with v held fixed (the document's reading of Problem 3).
    static constexpr auto dm_partial = partial(R::ell, m(j), v);
    /// ∂ℓ/∂m through v as well, with and without Σ_i (Y_il − m_l) = 0.
    static constexpr auto dm_total = d(R::ell, m(j));
    static constexpr auto dm_total_centered = d(R::ell, m(j), centered);
    static constexpr auto dv = d(R::ell, v(j));
    static constexpr auto dY = d(R::ell, Y(s, t), centered);
    static constexpr auto dY_raw = d(R::ell, Y(s, t));
    // local derivatives the document states on the way
    static constexpr auto dYhat_dgamma = d(R::Yhat(k, l), gamma(j));
    static constexpr auto dYhat_dbeta = d(R::Yhat(k, l), beta(j));
    static constexpr auto dYhat_dY = d(R::Yhat(k, l), Y(s, t), centered);
};
inline constexpr auto dm_dY = d(m(l), Y(s, t));
inline constexpr auto dv_dY = d(v(l), Y(s, t), centered);
inline constexpr auto dv_dY_raw = d(v(l), Y(s, t));
inline constexpr auto dv_dm = d(v(l), m(j), centered);
inline constexpr auto dv_dm_raw = d(v(l), m(j));

// ---- 2.3: the document's formulas, transcribed as written -----------------------------------------
template <class R>
struct document {
    // Problem 1: Σ_k ∂ℓ/∂H_kj f(Ŷ_kj) (Y_kj − m_j) / (sqrt(v_j) + ε)
    static constexpr auto dgamma = sum(k, dH(k, j) * step(R::Yhat(k, j)) * (Y(k, j) - m(j)) / (sqrt(v(j)) + eps));
    // Problem 2: Σ_k ∂ℓ/∂H_kj f(Ŷ_kj)
    static constexpr auto dbeta = sum(k, dH(k, j) * step(R::Yhat(k, j)));
    // Problem 3: Σ_k ∂ℓ/∂H_kj f(Ŷ_kj) (−γ_j / sqrt(v_j + ε))
    static constexpr auto dm = sum(k, dH(k, j) * step(R::Yhat(k, j)) * (-(gamma(j) / sqrt(v(j) + eps))));
    // Problem 4: Σ_k ∂ℓ/∂H_kj f(Ŷ_kj) (−γ_j · 1/2 · (Y_kj − m_j) (v_j + ε)^(−3/2))
    static constexpr auto dv = sum(k, dH(k, j) * step(R::Yhat(k, j)) *
                                          (-(gamma(j) * c<1, 2> * (Y(k, j) - m(j)) * pow<-3, 2>(v(j) + eps))));
    // Problem 5: ∂ℓ/∂H_st f(Ŷ_st) γ_t (v_t + ε)^(−1/2)
    //   − 1/B Σ_k ∂ℓ/∂H_kt f(Ŷ_kt) γ_t {(v_t + ε)^(−1/2) − (Y_kt − m_t)(v_t + ε)^(−3/2)(Y_st − m_t)}
    static constexpr auto dY =
        dH(s, t) * step(R::Yhat(s, t)) * gamma(t) * pow<-1, 2>(v(t) + eps) -
        c<1> / B *
            sum(k, dH(k, t) * step(R::Yhat(k, t)) * gamma(t) *
                       (pow<-1, 2>(v(t) + eps) - (Y(k, t) - m(t)) * pow<-3, 2>(v(t) + eps) * (Y(s, t) - m(t))));
    // intermediate results
    // ∂Ŷ_kl/∂γ_j = δ_lj (Y_kl − m_l) / (sqrt(v_l) + ε)
    static constexpr auto dYhat_dgamma = delta(l, j) * (Y(k, l) - m(l)) / (sqrt(v(l)) + eps);
    // ∂Ŷ_kl/∂β_j = δ_lj
    static constexpr auto dYhat_dbeta = delta(l, j);
    // ∂Ŷ_kl/∂Y_st = γ_l (δ_ks δ_lt − δ_lt/B) / sqrt(v_l + ε)
    //               − 1/2 γ_l (Y_kl − m_l)(v_l + ε)^(−3/2) · 2/B δ_lt (Y_sl − m_l)
    static constexpr auto dYhat_dY =
        gamma(l) * (delta(k, s) * delta(l, t) - c<1> / B * delta(l, t)) / sqrt(v(l) + eps) -
        c<1, 2> * gamma(l) * (Y(k, l) - m(l)) * pow<-3, 2>(v(l) + eps) * c<2> / B * delta(l, t) * (Y(s, l) - m(l));
};
// ∂m_l/∂Y_st = δ_lt / B ;  ∂v_l/∂Y_st = 2/B δ_lt (Y_sl − m_l) ;  ∂v_l/∂m_j = 0
inline constexpr auto doc_dm_dY = c<1> / B * delta(l, t);
inline constexpr auto doc_dv_dY = c<2> / B * delta(l, t) * (Y(s, l) - m(l));
inline constexpr auto doc_dv_dm = c<0>;

}  // namespace leibniz::derivations::batchnorm
