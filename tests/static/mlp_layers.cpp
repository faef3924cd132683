// Sections 3.1 and 3.2, layer by layer, in terms of the upstream gradient
// ∂ℓ/∂h_n (an opaque tensor): the local Jacobian ∂h_n/∂h_{n-1}, the backward
// step to ∂ℓ/∂h_{n-1}, and ∂ℓ/∂z_n, ∂ℓ/∂W_n, ∂ℓ/∂b_n, for the four layers of
// a four-layer network (the layers of smaller networks are the same).
#include "../../derivations/mlp.hpp"

// One check per function: the compiler releases the memory of a constant
// evaluation at the end of a function, so checks do not pile up.
#define MLP_CAT2(a, b) a##b
#define MLP_CAT(a, b) MLP_CAT2(a, b)
#define CHECK(...) [[maybe_unused]] void MLP_CAT(check_, __LINE__)() { static_assert(__VA_ARGS__); }

namespace {
using namespace leibniz;
using namespace leibniz::derivations::mlp;
using N = network<4>;
using S = network<4, true>;
using C = checks<4>;
constexpr auto O = style;


// ---- layer 1 ----
// ∂h_1/∂h_0 = diag(σ'(z_1)) W_1
CHECK(compare(N::jacobian<1>, N::doc_jacobian<1>) == verdict::equal)
CHECK(latex<O>(N::jacobian<1>) ==
      "W_{1}[x,y] \\sigma'(z_{1}[x])")
CHECK(matrix_latex<O>(N::jacobian<1>, N::x<1>, N::y<0>) ==
      "\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1}")
CHECK(matrix_latex<O>(N::doc_jacobian<1>, N::x<1>, N::y<0>) ==
      "\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1}")
// ∂ℓ/∂h_0 = (∂h_1/∂h_0)^T ∂ℓ/∂h_1
CHECK(compare(N::dh_prev<1>, N::doc_dh_prev<1>) == verdict::equal)
CHECK(latex<O>(N::dh_prev<1>) ==
      "\\sum_{a_{1}=1}^{D_{1}} \\frac{\\partial \\ell}{\\partial h_{1}[a_{1}]} W_{1}[a_{1},k] \\sigma'(z_{1}[a_{1}])")
CHECK(matrix_latex<O>(N::dh_prev<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} \\frac{\\partial \\ell}{\\partial h_{1}}")
CHECK(matrix_latex<O>(N::doc_dh_prev<1>) ==
      "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} \\frac{\\partial \\ell}{\\partial h_{1}}")
// ∂ℓ/∂z_1 = σ'(z_1) ⊙ ∂ℓ/∂h_1
CHECK(compare(N::dz<1>, N::doc_dz<1>) == verdict::equal)
CHECK(latex<O>(N::dz<1>) ==
      "\\frac{\\partial \\ell}{\\partial h_{1}[x]} \\sigma'(z_{1}[x])")
CHECK(matrix_latex<O>(N::dz<1>) ==
      "\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}}")
// ∂ℓ/∂W_1[x,y] = ∂ℓ/∂z_1[x] h_0[y], and ∂ℓ/∂W_1 = (σ'(z_1) ⊙ ∂ℓ/∂h_1) h_0^T
CHECK(compare(N::dW<1>, N::dz<1> * N::h<0>(N::y<0>)) == verdict::equal)
CHECK(compare(N::dW<1>, N::doc_dW<1>) == verdict::equal)
CHECK(latex<O>(N::dW<1>) ==
      "\\frac{\\partial \\ell}{\\partial h_{1}[x]} h_{0}[y] \\sigma'(z_{1}[x])")
CHECK(matrix_latex<O>(N::dW<1>, N::x<1>, N::y<0>) ==
      "(\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}})\\, h_{0}^{T}")
// the matrix the document draws (first row ∂ℓ/∂W_1[1,1], ∂ℓ/∂W_1[2,1], ...) is its transpose
CHECK(matrix_latex<O>(N::dW<1>, N::y<0>, N::x<1>) ==
      "h_{0}\\, (\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}})^{T}")
CHECK(C::drawn<1> == verdict::differs)
CHECK(matrix_latex<O>(C::drawn_difference<1>, S::x<1>, S::y<0>) ==
      "(\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}})\\, h_{0}^{T} - h_{0}\\, (\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}})^{T}")
// ∂ℓ/∂b_1 = σ'(z_1) ⊙ ∂ℓ/∂h_1
CHECK(compare(N::db<1>, N::doc_dz<1>) == verdict::equal)
CHECK(latex<O>(N::db<1>) ==
      "\\frac{\\partial \\ell}{\\partial h_{1}[x]} \\sigma'(z_{1}[x])")
CHECK(matrix_latex<O>(N::db<1>) ==
      "\\sigma'(z_{1}) \\odot \\frac{\\partial \\ell}{\\partial h_{1}}")

// ---- layer 2 ----
// ∂h_2/∂h_1 = diag(σ'(z_2)) W_2
CHECK(compare(N::jacobian<2>, N::doc_jacobian<2>) == verdict::equal)
CHECK(latex<O>(N::jacobian<2>) ==
      "W_{2}[x,y] \\sigma'(z_{2}[x])")
CHECK(matrix_latex<O>(N::jacobian<2>, N::x<2>, N::y<1>) ==
      "\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2}")
// ∂ℓ/∂h_1 = (∂h_2/∂h_1)^T ∂ℓ/∂h_2
CHECK(compare(N::dh_prev<2>, N::doc_dh_prev<2>) == verdict::equal)
CHECK(latex<O>(N::dh_prev<2>) ==
      "\\sum_{a_{2}=1}^{D_{2}} \\frac{\\partial \\ell}{\\partial h_{2}[a_{2}]} W_{2}[a_{2},k] \\sigma'(z_{2}[a_{2}])")
CHECK(matrix_latex<O>(N::dh_prev<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} \\frac{\\partial \\ell}{\\partial h_{2}}")
CHECK(matrix_latex<O>(N::doc_dh_prev<2>) ==
      "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} \\frac{\\partial \\ell}{\\partial h_{2}}")
// ∂ℓ/∂z_2 = σ'(z_2) ⊙ ∂ℓ/∂h_2
CHECK(compare(N::dz<2>, N::doc_dz<2>) == verdict::equal)
CHECK(latex<O>(N::dz<2>) ==
      "\\frac{\\partial \\ell}{\\partial h_{2}[x]} \\sigma'(z_{2}[x])")
CHECK(matrix_latex<O>(N::dz<2>) ==
      "\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}}")
// ∂ℓ/∂W_2[x,y] = ∂ℓ/∂z_2[x] h_1[y], and ∂ℓ/∂W_2 = (σ'(z_2) ⊙ ∂ℓ/∂h_2) h_1^T
CHECK(compare(N::dW<2>, N::dz<2> * N::h<1>(N::y<1>)) == verdict::equal)
CHECK(compare(N::dW<2>, N::doc_dW<2>) == verdict::equal)
CHECK(latex<O>(N::dW<2>) ==
      "\\frac{\\partial \\ell}{\\partial h_{2}[x]} h_{1}[y] \\sigma'(z_{2}[x])")
CHECK(matrix_latex<O>(N::dW<2>, N::x<2>, N::y<1>) ==
      "(\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}})\\, h_{1}^{T}")
// the matrix the document draws (first row ∂ℓ/∂W_2[1,1], ∂ℓ/∂W_2[2,1], ...) is its transpose
CHECK(matrix_latex<O>(N::dW<2>, N::y<1>, N::x<2>) ==
      "h_{1}\\, (\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}})^{T}")
CHECK(C::drawn<2> == verdict::differs)
CHECK(matrix_latex<O>(C::drawn_difference<2>, S::x<2>, S::y<1>) ==
      "(\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}})\\, h_{1}^{T} - h_{1}\\, (\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}})^{T}")
// ∂ℓ/∂b_2 = σ'(z_2) ⊙ ∂ℓ/∂h_2
CHECK(compare(N::db<2>, N::doc_dz<2>) == verdict::equal)
CHECK(latex<O>(N::db<2>) ==
      "\\frac{\\partial \\ell}{\\partial h_{2}[x]} \\sigma'(z_{2}[x])")
CHECK(matrix_latex<O>(N::db<2>) ==
      "\\sigma'(z_{2}) \\odot \\frac{\\partial \\ell}{\\partial h_{2}}")

// ---- layer 3 ----
// ∂h_3/∂h_2 = diag(σ'(z_3)) W_3
CHECK(compare(N::jacobian<3>, N::doc_jacobian<3>) == verdict::equal)
CHECK(latex<O>(N::jacobian<3>) ==
      "W_{3}[x,y] \\sigma'(z_{3}[x])")
CHECK(matrix_latex<O>(N::jacobian<3>, N::x<3>, N::y<2>) ==
      "\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3}")
// ∂ℓ/∂h_2 = (∂h_3/∂h_2)^T ∂ℓ/∂h_3
CHECK(compare(N::dh_prev<3>, N::doc_dh_prev<3>) == verdict::equal)
CHECK(latex<O>(N::dh_prev<3>) ==
      "\\sum_{a_{3}=1}^{D_{3}} \\frac{\\partial \\ell}{\\partial h_{3}[a_{3}]} W_{3}[a_{3},k] \\sigma'(z_{3}[a_{3}])")
CHECK(matrix_latex<O>(N::dh_prev<3>) ==
      "(\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} \\frac{\\partial \\ell}{\\partial h_{3}}")
CHECK(matrix_latex<O>(N::doc_dh_prev<3>) ==
      "(\\operatorname{diag}(\\sigma'(z_{3}))\\, W_{3})^{T} \\frac{\\partial \\ell}{\\partial h_{3}}")
// ∂ℓ/∂z_3 = σ'(z_3) ⊙ ∂ℓ/∂h_3
CHECK(compare(N::dz<3>, N::doc_dz<3>) == verdict::equal)
CHECK(latex<O>(N::dz<3>) ==
      "\\frac{\\partial \\ell}{\\partial h_{3}[x]} \\sigma'(z_{3}[x])")
CHECK(matrix_latex<O>(N::dz<3>) ==
      "\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}}")
// ∂ℓ/∂W_3[x,y] = ∂ℓ/∂z_3[x] h_2[y], and ∂ℓ/∂W_3 = (σ'(z_3) ⊙ ∂ℓ/∂h_3) h_2^T
CHECK(compare(N::dW<3>, N::dz<3> * N::h<2>(N::y<2>)) == verdict::equal)
CHECK(compare(N::dW<3>, N::doc_dW<3>) == verdict::equal)
CHECK(latex<O>(N::dW<3>) ==
      "\\frac{\\partial \\ell}{\\partial h_{3}[x]} h_{2}[y] \\sigma'(z_{3}[x])")
CHECK(matrix_latex<O>(N::dW<3>, N::x<3>, N::y<2>) ==
      "(\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}})\\, h_{2}^{T}")
// the matrix the document draws (first row ∂ℓ/∂W_3[1,1], ∂ℓ/∂W_3[2,1], ...) is its transpose
CHECK(matrix_latex<O>(N::dW<3>, N::y<2>, N::x<3>) ==
      "h_{2}\\, (\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}})^{T}")
CHECK(C::drawn<3> == verdict::differs)
CHECK(matrix_latex<O>(C::drawn_difference<3>, S::x<3>, S::y<2>) ==
      "(\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}})\\, h_{2}^{T} - h_{2}\\, (\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}})^{T}")
// ∂ℓ/∂b_3 = σ'(z_3) ⊙ ∂ℓ/∂h_3
CHECK(compare(N::db<3>, N::doc_dz<3>) == verdict::equal)
CHECK(latex<O>(N::db<3>) ==
      "\\frac{\\partial \\ell}{\\partial h_{3}[x]} \\sigma'(z_{3}[x])")
CHECK(matrix_latex<O>(N::db<3>) ==
      "\\sigma'(z_{3}) \\odot \\frac{\\partial \\ell}{\\partial h_{3}}")

// ---- layer 4 ----
// ∂h_4/∂h_3 = diag(σ'(z_4)) W_4
CHECK(compare(N::jacobian<4>, N::doc_jacobian<4>) == verdict::equal)
CHECK(latex<O>(N::jacobian<4>) ==
      "W_{4}[x,y] \\sigma'(z_{4}[x])")
CHECK(matrix_latex<O>(N::jacobian<4>, N::x<4>, N::y<3>) ==
      "\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4}")
// ∂ℓ/∂h_3 = (∂h_4/∂h_3)^T ∂ℓ/∂h_4
CHECK(compare(N::dh_prev<4>, N::doc_dh_prev<4>) == verdict::equal)
CHECK(latex<O>(N::dh_prev<4>) ==
      "\\sum_{a_{4}=1}^{D_{4}} \\frac{\\partial \\ell}{\\partial h_{4}[a_{4}]} W_{4}[a_{4},k] \\sigma'(z_{4}[a_{4}])")
CHECK(matrix_latex<O>(N::dh_prev<4>) ==
      "(\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} \\frac{\\partial \\ell}{\\partial h_{4}}")
CHECK(matrix_latex<O>(N::doc_dh_prev<4>) ==
      "(\\operatorname{diag}(\\sigma'(z_{4}))\\, W_{4})^{T} \\frac{\\partial \\ell}{\\partial h_{4}}")
// ∂ℓ/∂z_4 = σ'(z_4) ⊙ ∂ℓ/∂h_4
CHECK(compare(N::dz<4>, N::doc_dz<4>) == verdict::equal)
CHECK(latex<O>(N::dz<4>) ==
      "\\frac{\\partial \\ell}{\\partial h_{4}[x]} \\sigma'(z_{4}[x])")
CHECK(matrix_latex<O>(N::dz<4>) ==
      "\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}}")
// ∂ℓ/∂W_4[x,y] = ∂ℓ/∂z_4[x] h_3[y], and ∂ℓ/∂W_4 = (σ'(z_4) ⊙ ∂ℓ/∂h_4) h_3^T
CHECK(compare(N::dW<4>, N::dz<4> * N::h<3>(N::y<3>)) == verdict::equal)
CHECK(compare(N::dW<4>, N::doc_dW<4>) == verdict::equal)
CHECK(latex<O>(N::dW<4>) ==
      "\\frac{\\partial \\ell}{\\partial h_{4}[x]} h_{3}[y] \\sigma'(z_{4}[x])")
CHECK(matrix_latex<O>(N::dW<4>, N::x<4>, N::y<3>) ==
      "(\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}})\\, h_{3}^{T}")
// the matrix the document draws (first row ∂ℓ/∂W_4[1,1], ∂ℓ/∂W_4[2,1], ...) is its transpose
CHECK(matrix_latex<O>(N::dW<4>, N::y<3>, N::x<4>) ==
      "h_{3}\\, (\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}})^{T}")
CHECK(C::drawn<4> == verdict::differs)
CHECK(matrix_latex<O>(C::drawn_difference<4>, S::x<4>, S::y<3>) ==
      "(\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}})\\, h_{3}^{T} - h_{3}\\, (\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}})^{T}")
// ∂ℓ/∂b_4 = σ'(z_4) ⊙ ∂ℓ/∂h_4
CHECK(compare(N::db<4>, N::doc_dz<4>) == verdict::equal)
CHECK(latex<O>(N::db<4>) ==
      "\\frac{\\partial \\ell}{\\partial h_{4}[x]} \\sigma'(z_{4}[x])")
CHECK(matrix_latex<O>(N::db<4>) ==
      "\\sigma'(z_{4}) \\odot \\frac{\\partial \\ell}{\\partial h_{4}}")
}  // namespace
