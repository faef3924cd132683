// Fixture of check_layers.sh: the IR including the printer, a backward include.
#pragma once
#include <leibniz/detail/base.hpp>
#include <leibniz/print/latex.hpp>
