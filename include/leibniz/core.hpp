// The public operations on expressions: d, partial, simplify, canonical,
// equivalent / verdict, difference and latex. Each takes expressions (types
// carry everything) and runs the symbolic work during constant evaluation;
// results are expressions again, so they compose.
//
// One header per operation; this one includes them all:
//   options.hpp        the options (assume_zero, held_fixed, in_terms_of,
//                      by_substitution) and what every operation shares
//   differentiate.hpp  d, partial
//   simplify.hpp       simplify, canonical, unfold, difference
//   compare.hpp        compare, equivalent, numerically_equal, verdict
//   latex.hpp          latex
#pragma once
#include <leibniz/compare.hpp>
#include <leibniz/differentiate.hpp>
#include <leibniz/latex.hpp>
#include <leibniz/options.hpp>
#include <leibniz/partial_symbol.hpp>
#include <leibniz/simplify.hpp>
