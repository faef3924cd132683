// evaluate: the numeric value of an expression (or of a computed result such
// as a derivative) for bound symbols, extents, tensor views and index values.
#pragma once
#include <leibniz/eval/evaluate.hpp>
