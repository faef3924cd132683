// Fixture of check_layers.sh: the printer including the IR, allowed.
#pragma once
#include <leibniz/ir/term.hpp>
