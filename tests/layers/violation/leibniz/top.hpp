// Fixture of check_layers.sh: a top-level header may include anything.
#pragma once
#include <leibniz/dsl/expr.hpp>
