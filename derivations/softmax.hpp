// Softmax with cross-entropy (reference document, section 3.1): the
// forward pass at index level, the engine's derivatives, the document's
// formulas transcribed as written, and the records the report prints.
//
//   y_i = exp(h_i) / Σ_j exp(h_j)   (h = h_L, i = 1..K),   ℓ = -Σ_k ȳ_k log y_k.
//
// The document's last step, (∂y/∂h)^T ∂ℓ/∂y = y - ȳ, holds only when the
// targets sum to one (Σ_k ȳ_k = 1); the engine derives both forms.
#pragma once
#include <string>
#include <vector>

#include <leibniz/leibniz.hpp>
#include <leibniz/matrix.hpp>

#include "record.hpp"

namespace leibniz::derivations {

namespace softmax {

using namespace leibniz::literals;

inline constexpr latex_options style{.step = step_style::sigma_prime};

// ---- symbols ---------------------------------------------------------------------------------------
inline constexpr auto K = extent<"K">();
inline constexpr auto i = index<"i">(K);
inline constexpr auto j = index<"j">(K);
inline constexpr auto k = index<"k">(K);

/// The logits h_L and the targets ȳ.
inline constexpr auto h = tensor<"hL", "h_{L}[#]">(K);
inline constexpr auto ybar = tensor<"ybar", "\\bar{y}[#]">(K);
/// y_i := exp(h_i) / Σ_j exp(h_j)
inline constexpr auto y = intermediate<"y", "y[#]">([] { return exp(h(i)) / sum(j, exp(h(j))); }, i);
/// ℓ := -Σ_k ȳ_k log y_k
inline constexpr auto ell = intermediate<"ell", "\\ell">([] { return -sum(k, ybar(k) * log(y(k))); });

/// Σ_k ȳ_k = 1: the targets form a distribution.
inline constexpr auto targets_sum_to_one = assume_zero(sum(k, ybar(k)) - 1_c);

// ---- the engine -------------------------------------------------------------------------------------------
/// ∂ℓ/∂y_j (y the variable: the softmax is not differentiated through)
inline constexpr auto dl_dy = d(ell, y(j));
inline constexpr auto dl_dy_at_i = d(ell, y(i));
/// ∂y_i/∂h_k, in terms of y
inline constexpr auto dy_dh = d(y(i), h(k), in_terms_of(y));
/// the same, as differentiated (exp and Σ exp, before folding back into y)
inline constexpr auto dy_dh_unfolded = d(y(i), h(k));
/// ∂ℓ/∂h_k: without and with Σ ȳ = 1
inline constexpr auto dl_dh = d(ell, h(k), in_terms_of(y));
inline constexpr auto dl_dh_normalized = d(ell, h(k), in_terms_of(y), targets_sum_to_one);
/// (∂y/∂h)^T ∂ℓ/∂y composed from the engine's two local derivatives
inline constexpr auto composed = simplify(sum(i, dy_dh * dl_dy_at_i), in_terms_of(y));

// ---- the document, transcribed as written ----------------------------------------------------------
/// ∂ℓ/∂y_j = -ȳ[j] / y[j]
inline constexpr auto doc_dl_dy = -(ybar(j) / y(j));
/// ∂y_i/∂h_L[k] = δ_ki y[i] - y[i] y[k]
inline constexpr auto doc_dy_dh = delta(k, i) * y(i) - y(i) * y(k);
/// (∂y/∂h_L)^T ∂ℓ/∂y = [-ȳ[k] + y[k] Σ_j ȳ[j]]_k
inline constexpr auto doc_step = -ybar(k) + y(k) * sum(j, ybar(j));
/// ... = y - ȳ
inline constexpr auto doc_result = y(k) - ybar(k);

/// An expression made to depend on T, so that a template's body is only
/// evaluated when the template is used.
template <class T, class E>
constexpr E depend(E e) {
    return e;
}

/// The records of section 3.1 (softmax part). (A template, so that only a
/// caller pays for the compile-time work.)
template <class T = void>
std::vector<record> records() {
    std::vector<record> out;
    auto add = [&](std::string title, std::string document, std::string engine, std::string engine_matrix, verdict v,
                   std::string difference, std::string assumptions, std::string note) {
        record r = record_of("3.1", std::move(title), std::move(document), std::move(engine), v, std::move(difference),
                             std::move(assumptions), std::move(note));
        r.matrix_latex = std::move(engine_matrix);
        out.push_back(std::move(r));
    };
    auto s = [](const auto& f) { return std::string(f.view()); };
    constexpr auto e_dl_dy = depend<T>(dl_dy);
    constexpr auto e_dy_dh = depend<T>(dy_dh);
    constexpr auto e_dl_dh = depend<T>(dl_dh);
    constexpr auto e_dl_dh_normalized = depend<T>(dl_dh_normalized);
    constexpr auto d_dl_dy = depend<T>(doc_dl_dy);
    constexpr auto d_dy_dh = depend<T>(doc_dy_dh);
    constexpr auto d_step = depend<T>(doc_step);
    constexpr auto d_result = depend<T>(doc_result);
    add("\\partial \\ell / \\partial y_j", s(latex<style>(d_dl_dy)), s(latex<style>(e_dl_dy)),
        s(matrix_latex<style>(e_dl_dy)), compare(e_dl_dy, d_dl_dy), "", "", "");
    add("\\partial y_i / \\partial h_L[k]", s(latex<style>(d_dy_dh)), s(latex<style>(e_dy_dh)),
        s(matrix_latex<style>(e_dy_dh, i, k)), compare(e_dy_dh, d_dy_dh), "", "",
        "the engine folds \\exp(h_i) / \\sum_j \\exp(h_j) back into y_i");
    add("(\\partial y / \\partial h_L)^T \\partial \\ell / \\partial y (intermediate step)", s(latex<style>(d_step)),
        s(latex<style>(e_dl_dh)), s(matrix_latex<style>(e_dl_dh)), compare(e_dl_dh, d_step), "", "", "");
    add("(\\partial y / \\partial h_L)^T \\partial \\ell / \\partial y = y - \\bar{y}", s(latex<style>(d_result)),
        s(latex<style>(e_dl_dh)), s(matrix_latex<style>(e_dl_dh)), compare(e_dl_dh, d_result),
        s(latex<style>(difference(e_dl_dh, d_result))), "",
        "the document uses \\sum_k \\bar{y}_k = 1 without stating it");
    add("(\\partial y / \\partial h_L)^T \\partial \\ell / \\partial y = y - \\bar{y}, targets summing to one",
        s(latex<style>(d_result)), s(latex<style>(e_dl_dh_normalized)), s(matrix_latex<style>(e_dl_dh_normalized)),
        compare(e_dl_dh_normalized, d_result), "", assumptions_of<style>({}, targets_sum_to_one), "");
    return out;
}

}  // namespace softmax
}  // namespace leibniz::derivations
