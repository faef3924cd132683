// Finite-difference checks of the derivative cases (second half).
#include "../support/derivative_cases_fd.hpp"

TEST_CASE("derivative cases match finite differences: log, general powers, relu, symbols, second order") {
    using namespace leibniz_test;
    check_group_numerically(log_cases);
    check_group_numerically(general_power_cases);
    check_group_numerically(relu_cases);
    check_group_numerically(symbol_cases);
    check_group_numerically(second_order_cases);
}
