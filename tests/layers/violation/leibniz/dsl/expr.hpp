// Fixture of check_layers.sh: a quoted include, which would escape the rules.
#pragma once
#include "../ir/term.hpp"
