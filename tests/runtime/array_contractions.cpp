// Contractions recognized from the index form (Σ_j W_ij x_j, Σ_j W_ji g_j,
// Σ_n A_nx B_ny, a_x b_y, Σ_j a_j b_j) are handed to a backend: to Eigen's
// GEMM / GEMV with leibniz::eigen_contractions. The results must equal the
// naive loops and the point-wise evaluator, in every transposition.
#include "array_contractions_common.hpp"

namespace {
using namespace contraction_test;

TEST_CASE("evaluate_into: contractions by Eigen equal the loops") {
    data<double> d;
    counting_backend::gemms = counting_backend::gemvs = counting_backend::dots = counting_backend::outers = 0;
    check_all_ways(sum(j, W(i, j) * x(j)), d, {d.ni}, i);          // W x
    check_all_ways(sum(j, V(j, i) * x(j)), d, {d.ni}, i);          // V^T x
    CHECK(counting_backend::gemvs == 2);
    check_all_ways(sum(n, A(n, i) * Bt(n, j)), d, {d.ni, d.nj}, i, j);  // A^T B
    check_all_ways(sum(n, A(n, i) * Bt(n, j)), d, {d.nj, d.ni}, j, i);  // (A^T B)^T
    check_all_ways(sum(n, C(i, n) * Bt(n, j)), d, {d.ni, d.nj}, i, j);  // C B
    check_all_ways(sum(j, W(i, j) * V(j, i)), d, {d.ni}, i);             // a diagonal: plain loops
    CHECK(counting_backend::gemms == 3);
    check_all_ways(3_c * a(i) * b(j), d, {d.ni, d.nj}, i, j);            // a b^T, scaled
    CHECK(counting_backend::outers == 1);
    check_all_ways(sum(j, b(j) * x(j)) * a(i), d, {d.ni}, i);            // a dot product, times a vector
    CHECK(counting_backend::dots == 1);
    // a product of three: summed out as two contractions, the cheaper first
    check_all_ways(sum(j, sum(n, A(n, i) * Bt(n, j) * x(j))), d, {d.ni}, i);
    CHECK(counting_backend::gemvs == 4);
}

TEST_CASE("evaluate_into: operands of another element type are multiplied by the loops") {
    data<float> d;
    std::vector<double> out(d.ni), ref(d.ni);
    std::vector<double> xd(d.px.begin(), d.px.end());
    counting_backend::gemvs = 0;
    // W is float, x double, the result double: no BLAS call mixes them
    evaluate_into(sum(j, W(i, j) * x(j)), out, W = view(d.w, d.ni, d.nj), x = view(xd, d.nj), over(i), counting_backend{});
    CHECK(counting_backend::gemvs == 0);
    evaluate_into(sum(j, W(i, j) * x(j)), ref, W = view(d.w, d.ni, d.nj), x = view(xd, d.nj), over(i));
    CHECK(out == ref);
}

TEST_CASE("leibniz::view and leibniz::output of Eigen objects") {
    using RM = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    RM w = RM::Random(3, 4);
    Eigen::VectorXd xv = Eigen::VectorXd::Random(4), y(3);
    evaluate_into(sum(j, W(i, j) * x(j)), output(y), W = view(w), x = view(xv), over(i), eigen_contractions);
    CHECK((y - w * xv).norm() <= 1e-14);
    // a column-major matrix is viewed through its transpose: V = wc^T
    Eigen::MatrixXd wc = w;
    Eigen::VectorXd y2(3);
    evaluate_into(sum(j, V(j, i) * x(j)), output(y2), V = view(wc.transpose()), x = view(xv), over(i));
    CHECK((y2 - w * xv).norm() <= 1e-14);
    // blocks are not contiguous
    RM big = RM::Random(5, 5);
    CHECK_THROWS_AS(view(big.block(0, 0, 2, 2)), std::invalid_argument);
}

}  // namespace
