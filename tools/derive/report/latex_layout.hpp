// Laying out LaTeX for the report: escaping, prose that mixes words and
// math, a rough width estimate of a formula, and breaking long formulas into
// aligned lines at top-level + and −.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leibniz::derive::layout {

/// Plain text, with LaTeX's special characters escaped.
std::string escape_text(std::string_view s);

/// Text for a paragraph. A string with `$` is LaTeX text already; otherwise
/// words become text and everything else math: "z_i \sim N(0, 1), which
/// needs WW^T = I" gives "$z_i \sim N(0, 1),$ which needs $WW^T = I$".
std::string mixed_text(std::string_view s);

/// The printed width of a formula in display style, in units of about one
/// italic letter (10 pt type: some 95 to a line of 17 cm).
double width(std::string_view formula);

/// `formula` cut before top-level binary + and − (outside braces and
/// \left…\right), so that no piece is wider than `first` (the first line) or
/// `rest` (the others) where a cut allows; cuts outside parentheses are
/// preferred. Each piece after the first starts with "+ " or "- ".
std::vector<std::string> break_formula(std::string_view formula, double first, double rest);

/// One align* block of `lhs = rhs` rows (lhs may be empty), each broken to fit
/// a line of `line_width` units.
std::string display(const std::vector<std::pair<std::string, std::string>>& rows, double line_width = 84);

}  // namespace leibniz::derive::layout
