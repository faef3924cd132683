// Derivative cases: second derivatives. Each hand-derived
// result must be equivalent to the engine's derivative, which must print
// exactly as pinned.
#include "../support/derivative_cases.hpp"

static_assert(leibniz_test::check_group<leibniz_test::second_order_cases>());
