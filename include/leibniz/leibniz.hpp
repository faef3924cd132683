// leibniz: compile-time symbolic derivation. The umbrella header.
#pragma once
#include <leibniz/backprop.hpp>
#include <leibniz/core.hpp>
#include <leibniz/dsl/expr.hpp>
#include <leibniz/evaluate.hpp>
