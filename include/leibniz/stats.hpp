// leibniz statistics: random variables (standard normal, dropout keep-mask),
// expectation, variance and covariance, and the constant π.
#pragma once
#include <leibniz/stats/compare_rational.hpp>
#include <leibniz/stats/constants.hpp>
#include <leibniz/stats/expectation.hpp>
#include <leibniz/stats/moments.hpp>
#include <leibniz/stats/operators.hpp>
#include <leibniz/stats/random.hpp>
