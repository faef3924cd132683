// Finite-difference checks of the derivative cases (first half).
#include "../support/derivative_cases_fd.hpp"

TEST_CASE("derivative cases match finite differences: polynomials, quotients, roots, exp") {
    using namespace leibniz_test;
    check_group_numerically(polynomial_cases);
    check_group_numerically(quotient_cases);
    check_group_numerically(root_cases);
    check_group_numerically(exp_cases);
}
