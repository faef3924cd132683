// Dropout and ReLU statistics (reference document, section 1.2): the
// model, the engine's results, the document's formulas transcribed as
// written (expression and LaTeX), and the verdicts.
//
// The model: x ~ N(0, I_N), z = W x (W is M x N), h = max(z, 0), and the
// inverted-dropout output h̃ = m / (1 - p) ⊙ h with iid keep-masks
// m_i ∈ {0, 1}, P(m_i = 1) = 1 - p, independent of x.
//
// The document states W W^T = I without it being given. Var(z) = W W^T
// holds for any W; "= I" needs orthonormal rows, an assumption recorded
// here (as a rewrite rule Σ_j W_ij W_kj -> δ_ik where the engine uses it).
// With it, z ~ N(0, I_M): its entries are iid N(0, 1), which is how the
// per-unit results below model z_i.
//
// Verdicts are compare_rational (stats/compare_rational.hpp): compare, with sum
// denominators cleared first, so that steps such as (1-p)/(1-p) E[h_i] or
// (1/(1-p))² (E[m²] E[h²] - E[m]² E[h]²) are decided, not left undecided.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include <leibniz/leibniz.hpp>
#include <leibniz/stats.hpp>

#include "record.hpp"

namespace leibniz::derivations::dropout {

using namespace leibniz::literals;

// ---- the model ---------------------------------------------------------------------------------
inline constexpr auto p = symbol<"p">();  ///< the drop probability
inline constexpr auto N = extent<"N">();
inline constexpr auto M = extent<"M">();
inline constexpr auto i = index<"i">(M);
inline constexpr auto k = index<"k">(M);
inline constexpr auto j = index<"j">(N);
inline constexpr auto W = tensor<"W">(M, N);
inline constexpr auto x = normal<"x">(N);  ///< x ~ N(0, I_N)

/// z_i = Σ_j W_ij x_j, and z_k for the off-diagonal entries of Var(z).
inline constexpr auto z_i = sum(j, W(i, j) * x(j));
inline constexpr auto z_k = sum(j, W(k, j) * x(j));
/// W W^T = I, i.e. Σ_j W_ij W_kj = δ_ik: the document's unstated assumption.
inline constexpr auto orthonormal_rows = assume_zero(sum(j, W(i, j) * W(k, j)) - delta(i, k));

/// One unit: z ~ N(0, 1) (given W W^T = I), h = max(z, 0), its mask m.
inline constexpr auto z = normal<"z">();
inline constexpr auto m = bernoulli_keep<"m">(p);
inline constexpr auto h = relu(z);
inline constexpr auto h_tilde = m / (1_c - p) * h;
inline constexpr auto mask_independent = independent(m, z);

/// The layer: iid z_i ~ N(0, 1) (jointly normal with covariance I) and iid masks.
inline constexpr auto zv = normal<"zv", "z">(M);
inline constexpr auto mv = bernoulli_keep<"mv", "m">(p, M);
inline constexpr auto h_vec = [](auto n) { return relu(zv(n)); };
inline constexpr auto h_tilde_vec = [](auto n) { return mv(n) / (1_c - p) * relu(zv(n)); };
inline constexpr auto masks_independent = independent(mv, zv);

/// Without W W^T = I: z_i = s_i u with u ~ N(0, 1) and s_i² = Var(z_i) = Σ_j W_ij²
/// (a sum of independent normals is normal; the engine checks the variance).
inline constexpr auto u = normal<"u">();
inline constexpr auto s_i = sqrt(sum(j, W(i, j) * W(i, j)));

// ---- the engine's results ---------------------------------------------------------------------------
struct engine {
    static constexpr auto E_z = expectation(z_i);
    static constexpr auto Cov_z = covariance(z_i, z_k);
    static constexpr auto Cov_z_orthonormal = covariance(z_i, z_k, orthonormal_rows);
    static constexpr auto Var_z_i = variance(z_i);
    static constexpr auto E_h = expectation(h);
    static constexpr auto E_h_unscaled = expectation(relu(s_i * u));  // E[h_i] without W W^T = I
    static constexpr auto E_h2 = expectation(h * h);
    static constexpr auto Var_h = variance(h);
    static constexpr auto Cov_h = covariance(h_vec(i), h_vec(k));
    static constexpr auto E_m = expectation(m);
    static constexpr auto E_m2 = expectation(m * m);
    static constexpr auto E_h_tilde = expectation(h_tilde, mask_independent);
    /// without declaring m independent of z the engine cannot factor E[m h]
    static constexpr auto E_h_tilde_no_independence = expectation(h_tilde);
    static constexpr auto Var_h_tilde = variance(h_tilde, mask_independent);
    static constexpr auto Cov_h_tilde = covariance(h_tilde_vec(i), h_tilde_vec(k), masks_independent);
    /// 1.3: the expected number of kept units, E[Σ_i m_i]
    static constexpr auto E_kept = expectation(sum(i, mv(i)));
};

// ---- the document, as written ---------------------------------------------------------------------
/// Each formula and the LaTeX the document gives for it.
struct document {
    // E[z] = W E[x] = 0
    static constexpr auto E_z = 0_c;
    static constexpr std::string_view E_z_latex = "\\mathbb{E}[\\mathbf{z}] = W\\mathbb{E}[\\mathbf{x}] = \\mathbf{0}";
    // Var(z) = W Var(x) W^T = W W^T, entry (i, k)
    static constexpr auto Var_z = sum(j, W(i, j) * W(k, j));
    static constexpr std::string_view Var_z_latex = "\\text{Var}(\\mathbf{z}) = W\\text{Var}(\\mathbf{x})W^T = WW^T";
    // ... = I
    static constexpr auto Var_z_identity = delta(i, k);
    static constexpr std::string_view Var_z_identity_latex = "\\text{Var}(\\mathbf{z}) = WW^T = I";
    // E[h_i] = ∫_0^∞ z/√(2π) e^{-z²/2} dz = 1/√(2π)
    static constexpr auto E_h = 1_c / sqrt(2_c * pi);
    static constexpr std::string_view E_h_latex =
        "\\mathbb{E}[h_i] = \\int_0^\\infty \\frac{z}{\\sqrt{2\\pi}} e^{-\\frac{z^2}{2}} dz = \\frac{1}{\\sqrt{2\\pi}}";
    // E[h_i²] = ∫_0^∞ z²/√(2π) e^{-z²/2} dz = 1/2
    static constexpr auto E_h2 = c<1, 2>;
    static constexpr std::string_view E_h2_latex = "E[h_i^2] = \\int_0^\\infty \\frac{z^2}{\\sqrt{2\\pi}} e^{-\\frac{z^2}{2}} dz = \\frac{1}{2}";
    // Var(h_i) = E[h_i²] - (E[h_i])² = 1/2 - 1/(2π)
    static constexpr auto Var_h = c<1, 2> - 1_c / (2_c * pi);
    static constexpr std::string_view Var_h_latex =
        "\\text{Var}(h_i) = \\mathbb{E}[h_i^2] - (\\mathbb{E}[h_i])^2 = \\frac{1}{2} - \\frac{1}{2\\pi}";
    // Var(h) = (1/2 - 1/(2π)) I_M, entry (i, k)
    static constexpr auto Cov_h = (c<1, 2> - 1_c / (2_c * pi)) * delta(i, k);
    static constexpr std::string_view Cov_h_latex = "\\text{Var}(\\mathbf{h}) = \\left(\\frac{1}{2} - \\frac{1}{2\\pi} \\right) I_M";

    // E[h̃_i], line by line
    static constexpr auto E_h_tilde_1 = 1_c / (1_c - p) * expectation(m) * expectation(h);
    static constexpr std::string_view E_h_tilde_1_latex = "\\frac{1}{1-p} \\mathbb{E}[m_i] \\cdot \\mathbb{E}[h_i]";
    static constexpr auto E_h_tilde_2 = (1_c - p) / (1_c - p) * expectation(h);
    static constexpr std::string_view E_h_tilde_2_latex = "\\frac{1-p}{1-p} \\mathbb{E}[h_i]";
    static constexpr auto E_h_tilde_3 = 1_c / sqrt(2_c * pi);
    static constexpr std::string_view E_h_tilde_3_latex = "\\frac{1}{\\sqrt{2\\pi}}";

    // Var(h̃_i), line by line
    static constexpr auto Var_h_tilde_1 = expectation(pow<2>(1_c / (1_c - p)) * m * m * h * h, mask_independent) -
                                          pow<2>(expectation(1_c / (1_c - p) * m * h, mask_independent));
    static constexpr std::string_view Var_h_tilde_1_latex =
        "\\mathbb{E} \\left[\\left(\\frac{1}{1-p} \\right)^2 \\cdot m_i^2 \\cdot h_i^2 \\right] - "
        "\\left(\\mathbb{E} \\left[\\frac{1}{1-p} \\cdot m_i \\cdot h_i \\right] \\right)^2";
    static constexpr auto Var_h_tilde_2 =
        pow<2>(1_c / (1_c - p)) * (expectation(m * m) * expectation(h * h) - pow<2>(expectation(m)) * pow<2>(expectation(h)));
    static constexpr std::string_view Var_h_tilde_2_latex =
        "\\left(\\frac{1}{1-p} \\right)^2 (\\mathbb{E}[m_i^2] \\mathbb{E}[h_i^2] - \\mathbb{E}[m_i]^2 \\cdot \\mathbb{E}[h_i]^2)";
    static constexpr auto Var_h_tilde_3 = 1_c / (1_c - p) * expectation(h * h) - pow<2>(expectation(h));
    static constexpr std::string_view Var_h_tilde_3_latex = "\\frac{1}{1-p} \\cdot \\mathbb{E}[h_i^2] - \\mathbb{E}[h_i]^2";
    static constexpr auto Var_h_tilde_4 = 1_c / (1_c - p) * c<1, 2> - 1_c / (2_c * pi);
    static constexpr std::string_view Var_h_tilde_4_latex = "\\frac{1}{1-p} \\cdot \\frac{1}{2} - \\frac{1}{2\\pi}";
    // Var(h̃) = (1/(1-p) · 1/2 - 1/(2π)) I_M, entry (i, k)
    static constexpr auto Cov_h_tilde = (1_c / (1_c - p) * c<1, 2> - 1_c / (2_c * pi)) * delta(i, k);
    static constexpr std::string_view Cov_h_tilde_latex =
        "\\text{Var}(\\tilde{\\mathbf{h}}) = \\left(\\frac{1}{1-p} \\cdot \\frac{1}{2} - \\frac{1}{2\\pi} \\right) I_M";

    // 1.3: one unit is kept with probability 1 - p; M (1 - p) units are kept on average
    static constexpr auto E_m = 1_c - p;
    static constexpr std::string_view E_m_latex = "1-p";
    static constexpr auto E_kept = M * (1_c - p);
    static constexpr std::string_view E_kept_latex = "M \\cdot (1-p)";
};

// ---- verdicts --------------------------------------------------------------------------------------
struct verdicts {
    using E = engine;
    using D = document;
    static constexpr verdict E_z = compare_rational(E::E_z, D::E_z);
    static constexpr verdict Var_z = compare_rational(E::Cov_z, D::Var_z);
    static constexpr verdict Var_z_identity = compare_rational(E::Cov_z, D::Var_z_identity);
    static constexpr verdict Var_z_identity_assumed = compare_rational(E::Cov_z_orthonormal, D::Var_z_identity);
    static constexpr verdict E_h = compare_rational(E::E_h, D::E_h);
    static constexpr verdict E_h_unscaled = compare_rational(E::E_h_unscaled, D::E_h);
    static constexpr verdict E_h2 = compare_rational(E::E_h2, D::E_h2);
    static constexpr verdict Var_h = compare_rational(E::Var_h, D::Var_h);
    static constexpr verdict Cov_h = compare_rational(E::Cov_h, D::Cov_h);
    static constexpr verdict E_h_tilde_1 = compare_rational(E::E_h_tilde, D::E_h_tilde_1);
    static constexpr verdict E_h_tilde_2 = compare_rational(E::E_h_tilde, D::E_h_tilde_2);
    static constexpr verdict E_h_tilde_3 = compare_rational(E::E_h_tilde, D::E_h_tilde_3);
    static constexpr verdict Var_h_tilde_1 = compare_rational(E::Var_h_tilde, D::Var_h_tilde_1);
    static constexpr verdict Var_h_tilde_2 = compare_rational(E::Var_h_tilde, D::Var_h_tilde_2);
    static constexpr verdict Var_h_tilde_3 = compare_rational(E::Var_h_tilde, D::Var_h_tilde_3);
    static constexpr verdict Var_h_tilde_4 = compare_rational(E::Var_h_tilde, D::Var_h_tilde_4);
    static constexpr verdict Cov_h_tilde = compare_rational(E::Cov_h_tilde, D::Cov_h_tilde);
    static constexpr verdict E_m = compare_rational(E::E_m, D::E_m);
    static constexpr verdict E_kept = compare_rational(E::E_kept, D::E_kept);
};

/// engine - document where they differ.
struct differences {
    static constexpr auto Var_z_identity = difference(engine::Cov_z, document::Var_z_identity);
    static constexpr auto E_h_unscaled = difference(engine::E_h_unscaled, document::E_h);
};

// ---- results for the report ------------------------------------------------------------------------
/// A symbolic result held at compile time: the engine's LaTeX and the verdict
/// are computed during compilation (records() in dropout_records.hpp makes
/// records of them).
struct symbolic_result {
    std::string_view section, title, document_latex, engine_latex;
    verdict result;
    std::string_view difference_latex;  ///< engine - document when they differ, else empty
    std::string_view note;
    std::string_view assumptions;  ///< the model's laws (text), or empty
    /// The assumption the comparison is made under: the expression e of
    /// assume_zero(e), printed by the engine, or empty.
    std::string_view assumed = {};
    std::string_view assumed_why = {};  ///< why it may be assumed
};

namespace detail {
inline constexpr std::string_view unit_normal = "z_i \\sim \\mathcal{N}(0, 1), which needs WW^T = I";
inline constexpr std::string_view with_mask = "z_i \\sim \\mathcal{N}(0, 1) (WW^T = I); m_i \\sim \\mathrm{Bernoulli}(1-p) independent of h_i";
}  // namespace detail

/// Section 1.2 (and the expectations of 1.3), checked symbolically.
inline constexpr std::array symbolic_results = {
    symbolic_result{"1.2", "E[z]", document::E_z_latex, latex(engine::E_z).view(), verdicts::E_z, "", "",
        "x \\sim \\mathcal{N}(\\mathbf{0}, I)"},
    symbolic_result{"1.2", "Var(z) = W Var(x) W^T = W W^T (entry i, k)", document::Var_z_latex, latex(engine::Cov_z).view(),
        verdicts::Var_z, "", "", "x \\sim \\mathcal{N}(\\mathbf{0}, I)"},
    symbolic_result{"1.2", "W W^T = I, as written", document::Var_z_identity_latex, latex(engine::Cov_z).view(),
        verdicts::Var_z_identity, latex(differences::Var_z_identity).view(),
        "W W^T = I is not given: it holds only when W has orthonormal rows (then M \\le N)", ""},
    symbolic_result{"1.2", "W W^T = I, assumed", document::Var_z_identity_latex, latex(engine::Cov_z_orthonormal).view(),
        verdicts::Var_z_identity_assumed, "", "equal once W W^T = I is assumed", "",
        assumed_latex(orthonormal_rows), "$WW^T = I$: orthonormal rows"},
    symbolic_result{"1.2", "E[h_i]", document::E_h_latex, latex(engine::E_h).view(), verdicts::E_h, "",
        "I_1 = \\int_0^\\infty z \\varphi(z) dz = \\varphi(0)", detail::unit_normal},
    symbolic_result{"1.2", "E[h_i] without W W^T = I", document::E_h_latex, latex(engine::E_h_unscaled).view(), verdicts::E_h_unscaled,
        latex(differences::E_h_unscaled).view(), "z_i = s_i u with s_i^2 = (WW^T)_{ii}: E[h_i] = s_i / \\sqrt{2\\pi}",
        "u \\sim \\mathcal{N}(0, 1)"},
    symbolic_result{"1.2", "E[h_i^2]", document::E_h2_latex, latex(engine::E_h2).view(), verdicts::E_h2, "",
        "I_2 = (2 - 1) I_0 = 1/2 (integration by parts)", detail::unit_normal},
    symbolic_result{"1.2", "Var(h_i)", document::Var_h_latex, latex(engine::Var_h).view(), verdicts::Var_h, "", "", detail::unit_normal},
    symbolic_result{"1.2", "Var(h) (entry i, k)", document::Cov_h_latex, latex(engine::Cov_h).view(), verdicts::Cov_h, "",
        "off-diagonal entries vanish because the z_i are independent",
        "z \\sim \\mathcal{N}(\\mathbf{0}, I_M), i.e. WW^T = I"},
    symbolic_result{"1.2", "E[h~_i], line 2", document::E_h_tilde_1_latex, latex(engine::E_h_tilde).view(), verdicts::E_h_tilde_1, "",
        "without independence the engine keeps E[m h]", detail::with_mask},
    symbolic_result{"1.2", "E[h~_i], line 3", document::E_h_tilde_2_latex, latex(engine::E_h_tilde).view(), verdicts::E_h_tilde_2, "", "",
        detail::with_mask},
    symbolic_result{"1.2", "E[h~_i], line 4", document::E_h_tilde_3_latex, latex(engine::E_h_tilde).view(), verdicts::E_h_tilde_3, "", "",
        detail::with_mask},
    symbolic_result{"1.2", "Var(h~_i), line 2", document::Var_h_tilde_1_latex, latex(engine::Var_h_tilde).view(), verdicts::Var_h_tilde_1,
        "", "", detail::with_mask},
    symbolic_result{"1.2", "Var(h~_i), line 3", document::Var_h_tilde_2_latex, latex(engine::Var_h_tilde).view(), verdicts::Var_h_tilde_2,
        "", "E[m_i^2] = E[m_i] = 1 - p", detail::with_mask},
    symbolic_result{"1.2", "Var(h~_i), line 4", document::Var_h_tilde_3_latex, latex(engine::Var_h_tilde).view(), verdicts::Var_h_tilde_3,
        "", "", detail::with_mask},
    symbolic_result{"1.2", "Var(h~_i), line 5", document::Var_h_tilde_4_latex, latex(engine::Var_h_tilde).view(), verdicts::Var_h_tilde_4,
        "", "", detail::with_mask},
    symbolic_result{"1.2", "Var(h~) (entry i, k)", document::Cov_h_tilde_latex, latex(engine::Cov_h_tilde).view(), verdicts::Cov_h_tilde,
        "", "", "z \\sim \\mathcal{N}(\\mathbf{0}, I_M) (WW^T = I); iid masks independent of z"},
    symbolic_result{"1.3", "E[m_i] (one unit kept)", document::E_m_latex, latex(engine::E_m).view(), verdicts::E_m, "", "",
        "m_i \\sim \\mathrm{Bernoulli}(1-p)"},
    symbolic_result{"1.3", "expected number kept", document::E_kept_latex, latex(engine::E_kept).view(), verdicts::E_kept, "", "",
        "m_i \\sim \\mathrm{Bernoulli}(1-p)"},
};

}  // namespace leibniz::derivations::dropout
