// Fixture of check_layers.sh: stats/ may include anything.
#pragma once
#include <leibniz/print/latex.hpp>
