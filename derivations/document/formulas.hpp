// Formulas of the reference document exactly as it writes them, copied from
// the project's copy of it (derivations/document/homework1.md), for
// from_latex to read at compile time. A test checks that each one occurs
// verbatim in the copy (tests/report/reference_lines.cpp).
#pragma once
#include <string_view>

#include <leibniz/detail/fixed_string.hpp>

namespace leibniz::derivations::document {

/// 2.3, Problem 1, the result: ∂ℓ/∂γ_j (ε outside the root).
inline constexpr fixed_string dgamma =
    "\\sum_{k=1}^B \\frac{\\partial \\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj}) \\frac{Y_{kj} - \\mathbf{m}_j}{\\sqrt{\\mathbf{v}_j} + \\epsilon}";
/// 2.3, Problem 1: ∂Ŷ_kl/∂γ_j.
inline constexpr fixed_string dYhat_dgamma = "\\delta_{lj} \\cdot \\frac{Y_{kl} - \\mathbf{m}_l}{\\sqrt{\\mathbf{v}_l} + \\epsilon}";
/// 2.3, Problem 2, the result: ∂ℓ/∂β_j.
inline constexpr fixed_string dbeta = "\\sum_{k=1}^B \\frac{\\partial \\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj})";
/// 2.3, Problem 4, the result: ∂ℓ/∂v_j (ε inside the root).
inline constexpr fixed_string dv =
    "\\sum_{k=1}^B \\frac{\\partial \\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj}) \\left(-\\gamma_j \\cdot \\frac{1}{2} \\cdot (Y_{kj} - "
    "\\mathbf{m}_j) \\cdot (\\mathbf{v}_j + \\epsilon)^{-\\frac{3}{2}} \\right)";

/// Every formula above, for the test that finds each in the document.
inline constexpr std::string_view all[] = {dgamma.view(), dYhat_dgamma.view(), dbeta.view(), dv.view()};

}  // namespace leibniz::derivations::document
