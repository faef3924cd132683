// leibniz: compile-time symbolic derivation. The umbrella header: the DSL,
// d / backprop / simplify / compare / latex, the evaluators, matrix notation
// (matrix_latex) and emitted code (emit_cpp, emit_cuda, emit_source).
// Statistics (<leibniz/stats.hpp>) and the LaTeX reader
// (<leibniz/from_latex.hpp>) have headers of their own.
#pragma once
#include <leibniz/backprop.hpp>
#include <leibniz/core.hpp>
#include <leibniz/dsl/expr.hpp>
#include <leibniz/emit.hpp>
#include <leibniz/evaluate.hpp>
#include <leibniz/matrix.hpp>
