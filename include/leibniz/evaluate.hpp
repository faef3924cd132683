// evaluate: the numeric value of an expression (or of a computed result such
// as a derivative) for bound symbols, extents, tensor views and index values.
// evaluate_into: a result at every value of its free indices, into arrays.
#pragma once
#include <leibniz/eval/array.hpp>
#include <leibniz/eval/evaluate.hpp>
