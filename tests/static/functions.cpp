// Derivative cases of the elementwise functions (tests/support/function_cases.hpp):
// each engine derivative is equivalent to the hand-derived one and prints
// exactly as pinned. Run-time checks of the same functions are in
// tests/runtime/functions_fd.cpp.
#include "../support/function_cases.hpp"

static_assert(leibniz_test::check_group<leibniz_test::function_cases>());
