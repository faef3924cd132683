// `leibniz-derive check`: the displayed formulas of a Markdown or LaTeX
// document judged at run time, line by line, without compiling C++. The
// symbols the formulas use are declared in a small symbol file:
//
//   # comments and blank lines are skipped
//   extent B                      an extent (a dimension), spelled B
//   index k B                     an index over B
//   scalar x                      a scalar symbol
//   scalar eps as \epsilon        ... with its own LaTeX spelling
//   tensor Y B M as Y             a tensor over B x M (a # in the spelling
//                                 marks where the indices go)
//   intermediate Yh k l as \hat{Y} = \gamma_l Y_{kl} + \beta_l
//                                 a named intermediate Ŷ_kl, its definition
//                                 read as a formula over the symbols above
//   positive eps                  what is known of a declared symbol's sign
//   nonnegative Y                 (see the README's assumptions)
//
// Every display ($$ ... $$, \[ ... \], and the equation/align environments)
// is split into rows at \\ and each row at its top-level = signs; a row that
// starts with = continues the row above. Each = is judged: the formula on its
// right against the one on its left (equal, differs, undecided), or the
// place where one of them could not be read, or a notation finding (the two
// sides have different free indices).
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace derive_check {

/// A symbol file that cannot be read: the line and what is wrong with it.
struct bad_symbols : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class judgement {
    equal,       ///< proved the same formula
    differs,     ///< different values at a sample point
    undecided,   ///< the same values at every sample, without a proof
    unreadable,  ///< a side the reader cannot read over the declared symbols
    notation     ///< the two sides have different free indices
};

/// One = of the document.
struct judged_step {
    std::size_t line = 0;      ///< the document's line of the right-hand side
    std::string left, right;   ///< the two formulas as written
    judgement verdict = judgement::undecided;
    std::string detail;        ///< differs: right - left simplified; unreadable: what and where
    bool continues = false;    ///< the left side is the right side of the step before (a chain a = b = c)
    std::size_t past = 0;      ///< formulas not read between the two sides (a = (not read) = c judged as a = c)
    /// Not an = of the document but what a step claims: where ∂A/∂x = ∂/∂x (E)
    /// writes A's definition out, A = E (left A, right E).
    bool definition = false;
};

struct document_verdict {
    std::vector<judged_step> steps;
    std::size_t displays = 0;  ///< displays found
    std::size_t rows = 0;      ///< their rows (displayed lines)
    std::size_t judged_rows = 0;  ///< rows with an = whose every = was read and judged
    /// Each displayed line (row): the document's line, and whether it was judged.
    struct displayed_line {
        std::size_t line = 0;
        bool judged = false;
    };
    std::vector<displayed_line> lines;
};

/// Judge the displays of `document` over the symbols of `symbol_file` (the
/// texts themselves, not paths). Throws bad_symbols.
document_verdict check_document(std::string_view document, std::string_view symbol_file);

std::string_view judgement_word(judgement j);

}  // namespace derive_check
