// The contractions of array_contractions.cpp in float: Eigen's GEMM / GEMV
// on float data equal the loops (in float) and the point-wise evaluator.
#include "array_contractions_common.hpp"

namespace {
using namespace contraction_test;

TEST_CASE("evaluate_into: contractions by Eigen equal the loops, float") {
    data<float> d;
    counting_backend::gemms = counting_backend::gemvs = counting_backend::dots = counting_backend::outers = 0;
    check_all_ways(sum(j, V(j, i) * x(j)), d, {d.ni}, i);                    // V^T x
    check_all_ways(sum(n, A(n, i) * Bt(n, j)), d, {d.nj, d.ni}, j, i);        // (A^T B)^T
    check_all_ways(3_c * a(i) * b(j), d, {d.ni, d.nj}, i, j);                  // a b^T, scaled
    CHECK(counting_backend::gemvs == 1);
    CHECK(counting_backend::gemms == 1);
    CHECK(counting_backend::outers == 1);
    CHECK(counting_backend::dots == 0);
}

}  // namespace
