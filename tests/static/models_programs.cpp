// The attention block of derivations/models.hpp (LayerNorm, Q/K/V
// projections, softmax, residual): its program of adjoints differentiates
// each edge of the graph once, names every adjoint, and keeps each adjoint
// short. (The transformer-style block's program is measured by
// tools/bench/compile_scaling.sh; it is too large for a test TU's budget.)
#include <cstddef>
#include <string_view>

#include <derivations/models.hpp>

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;

constexpr std::string_view steps = latex(md::attention::program).view();

/// The lines of the block under the caption that starts with `caption`.
constexpr std::size_t lines_under(std::string_view caption) {
    std::size_t at = steps.find(caption), count = 0;
    if (at == std::string_view::npos) return 0;
    at = steps.find('\n', at) + 1;
    while (at < steps.size() && !steps.substr(at).starts_with("% ") && !steps.substr(at).starts_with("\\end")) {
        ++count;
        at = steps.find('\n', at) + 1;
    }
    return count;
}
constexpr std::size_t longest_value_line() {
    std::size_t at = 0, longest = 0;
    while (at < steps.size()) {
        std::size_t end = steps.find('\n', at);
        if (end == std::string_view::npos) end = steps.size();
        if (steps.substr(at).starts_with(" &= ") && end - at > longest) longest = end - at;
        at = end + 1;
    }
    return longest;
}

// One local derivative per edge of the graph: ℓ←R; R←A, X; A←V, P; P←S;
// S←K, Q; Q, K, V←Z1; Z1←ν, μ, X; ν←μ, X; μ←X; and the five parameters'
// own edges: 22.
static_assert(lines_under("% local derivatives") == 22);
// the 10 intermediates, each defined once
static_assert(lines_under("% the graph") == 10);
// every input and parameter has its gradient
static_assert(lines_under("% gradients") == 6);
// Z1 feeds Q, K and V: its adjoint is the chain rule over the three
static_assert(steps.find("\\frac{\\partial \\ell}{\\partial Z^{(1)}_{sa}} &= \\sum_{u, b} \\frac{\\partial \\ell}{\\partial Q_{ub}} "
                         "\\frac{\\partial Q_{ub}}{\\partial Z^{(1)}_{sa}} + \\sum_{u, b} \\frac{\\partial \\ell}{\\partial K_{ub}} "
                         "\\frac{\\partial K_{ub}}{\\partial Z^{(1)}_{sa}} + \\sum_{u, b} \\frac{\\partial \\ell}{\\partial V_{ub}} "
                         "\\frac{\\partial V_{ub}}{\\partial Z^{(1)}_{sa}} \\\\") != std::string_view::npos);
// the softmax's adjoint reads P, not its definition
static_assert(steps.find(" &= \\frac{\\partial \\ell}{\\partial P_{st}} P_{st} - P_{st} \\sum_{") != std::string_view::npos);
// no adjoint's value is longer than 300 characters of LaTeX
static_assert(longest_value_line() <= 300);

}  // namespace
