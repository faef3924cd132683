// leibniz-derive check: a document the tests write, with a deliberate error
// in a derivation, judged step by step at run time.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "run_tool.hpp"

using report_test::check_one_line_error;
using report_test::run;
using report_test::work_dir;

namespace {

std::string written(const std::string& name, const std::string& text) {
    std::string path = (work_dir() / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// `check` run on a document and a symbol file written under the given names: the document's path and the outcome.
struct checked {
    std::string doc;
    report_test::outcome o;
};
checked check(const std::string& document_name, const std::string& document, const std::string& symbols_name, const std::string& symbols) {
    std::string doc = written(document_name, document), syms = written(symbols_name, symbols);
    return {doc, run({"check", doc, "--symbols", syms})};
}

const char* const symbols = R"(# the symbols of the documents below
extent B
index k B
index l B
index j B
scalar w
scalar x
scalar y
scalar s
scalar eps as \epsilon
positive eps
tensor p B
tensor Y B B as Y
intermediate mu j as \mu = \frac{1}{B} \sum_{k=1}^{B} Y_{kj}
)";

// line numbers matter: the tool reports them
const char* const document = R"(# A derivation with one wrong step

$$
\begin{aligned}
\frac{\partial}{\partial w} \frac{1}{2} (w x - y)^2 &= (w x - y) x \\
&= w x^2 - x y \\
&= w x^2 + x y
\end{aligned}
$$

An index left free on one side: $$ \sum_{k=1}^{B} Y_{kj} = Y_{kj} B $$

\begin{align}
\frac{d}{d x} \exp(w x) &= w \exp(w x) \label{eq:exp} \\
\frac{\partial}{\partial Y_{kj}} \sum_{l=1}^{B} Y_{lj}^2 &= 2 Y_{kj} \nonumber
\end{align}

A symbol nobody declared: $$ s = q + 1 $$
)";

const char* const sound = R"(Each step right:
\[ \frac{\partial}{\partial x} \sqrt{x^2 + \epsilon} = \frac{x}{\sqrt{x^2 + \epsilon}} \]
$$ \frac{1}{B} \sum_{k=1}^{B} Y_{kj} = \frac{1}{B} \sum_{l=1}^{B} Y_{lj} = \mu_j $$
and through the intermediate: $$ \frac{\partial \mu_j}{\partial Y_{kj}} = \frac{1}{B} $$
)";

// The chain rule with derivative factors, a loss, brackets for indices, two
// formulas on one row, a batch expectation, a sum over the wrong range, and
// two readings of one intermediate (from line 10 on, X̂ is 3 X).
const char* const chain_symbols = R"(extent B
extent N
index i B
index k B
index j B
index l B
tensor X B B
intermediate mu j as \mu = \frac{1}{B} \sum_{k=1}^{B} X_{kj}
option step f
expectation over i
intermediate H k l = \max(X_{kl}, 0)
tensor dH B B as \frac{\partial \ell}{\partial H_{#}}
loss ell H dH k l as \ell
intermediate Xh k j as \hat{X} = 2 X_{kj}
from line 10
intermediate Xh k j as \hat{X} = 3 X_{kj}
expectation random
scalar q
normal u
bernoulli b q
independent u b
)";

const char* const chain_document = R"(# Chain rule, brackets and readings

$$ \frac{\partial \ell}{\partial X_{kj}} = \sum_{l=1}^{B} \frac{\partial \ell}{\partial H_{kl}} \frac{\partial H_{kl}}{\partial X_{kj}} = \frac{\partial \ell}{\partial H_{kj}} f(X_{kj}) $$

$$ \mathbb{E}[X[i, j]] = \mu[j] \quad \text{Var}(X[i, j]) = \frac{1}{B} \sum_i \left\{ X_{ij} - \mu_j \right\}^2 $$

$$ \therefore \sum_{k=1}^{N} X_{kj} = B \mu_j \in \mathbb{R}^{B} $$

$$ \frac{\partial \hat{X}_{kj}}{\partial X_{kj}} = 2 $$

$$ \frac{\partial \hat{X}_{kj}}{\partial X_{kj}} = 3 $$

$$ \mathbb{E}[u^2 b] = \int u^2 \phi(u) du \cdot (1 - q) = 1 - q \quad \text{Var}(b) = q(1-q) $$

$$ \frac{\partial \hat{X}_{kj}}{\partial X_{kj}} = \frac{\partial}{\partial X_{kj}} \left(2 X_{kj}\right) $$
)";

// Softmax and cross-entropy as notes often write them: e^{z}, \log without
// parentheses, \exp\left( \right), a / for division, \sum_k without a range,
// a remark after \qquad, and an assumption (the targets sum to one).
const char* const softmax_symbols = R"(extent K
index i K
index j K
index k K
tensor z K
tensor y K
intermediate p i = \frac{e^{z_i}}{\sum_{k} e^{z_k}}
intermediate L = -\sum_{i=1}^{K} y_i \log p_i
assume \sum_{i=1}^{K} y_i = 1
)";

const char* const softmax_document = R"(Softmax and cross-entropy:

$$p_i = \frac{e^{z_i}}{\sum_{k} e^{z_k}}, \qquad L = -\sum_{i=1}^{K} y_i \log p_i$$

$$\frac{\partial p_i}{\partial z_j} = p_i (\delta_{ij} - p_j) = \exp\left(z_i\right) / \left(\sum_k \exp(z_k)\right) \times (\delta_{ij} - p_j)$$

$$\frac{\partial L}{\partial z_j} = -\sum_{i=1}^{K} y_i (\delta_{ij} - p_j) = p_j \sum_{i} y_i - y_j = p_j - y_j \qquad \text{since } \sum_i y_i = 1$$

$$\frac{\partial}{\partial z_j} \log\left(\sum_k \exp\left(z_k\right)\right) = p_j$$
)";

// A LayerNorm backward note as one would write it from scratch, with a
// common slip in its last line.
const char* const layer_norm_symbols = R"(extent N
index i N
index j N
tensor x N
tensor gamma N as \gamma
tensor beta N as \beta
tensor g N
scalar eps as \epsilon
positive eps
intermediate mu as \mu = \frac{1}{N}\sum_{i=1}^{N} x_i
intermediate var as \sigma^2 = \frac{1}{N}\sum_{i=1}^{N} (x_i - \mu)^2
intermediate xh i as \hat{x} = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}
intermediate y i = \gamma_i \hat{x}_i + \beta_i
loss L y g i
)";

const char* const layer_norm_document = R"(# LayerNorm backward, by hand

$$\mu = \frac{1}{N}\sum_{i=1}^{N} x_i, \qquad \sigma^2 = \frac{1}{N}\sum_{i=1}^{N} (x_i - \mu)^2, \qquad \hat{x}_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}$$

$$\frac{\partial \sigma^2}{\partial x_j} = \frac{2}{N} \sum_{i=1}^{N} (x_i - \mu) \left( \delta_{ij} - \frac{1}{N} \right) = \frac{2}{N} (x_j - \mu)$$

$$\frac{\partial \hat{x}_i}{\partial x_j} = \frac{\delta_{ij} - \frac{1}{N}}{\sqrt{\sigma^2 + \epsilon}} - \frac{(x_i - \mu)(x_j - \mu)}{N (\sigma^2 + \epsilon)^{3/2}}$$

\begin{align}
\frac{\partial L}{\partial x_j} &= \sum_{i=1}^{N} g_i \gamma_i \frac{\partial \hat{x}_i}{\partial x_j} \\
&= \frac{1}{\sqrt{\sigma^2 + \epsilon}} \left( g_j \gamma_j - \frac{1}{N} \sum_{i=1}^{N} g_i \gamma_i - \frac{\hat{x}_j}{N} \sum_{i=1}^{N} g_i \gamma_i \hat{x}_i \right)
\end{align}

$$\frac{\partial L}{\partial \gamma_j} = g_j \hat{x}_j, \quad \frac{\partial L}{\partial \beta_j} = g_j, \quad \frac{\partial \sigma^2}{\partial x_j} = \frac{2}{N} (x_j - \mu) \left(1 - \frac{1}{N}\right)$$
)";

}  // namespace

TEST_CASE("check: a LayerNorm backward note, every step read, the slip found") {
    auto [doc, o] = check("check_layer_norm.md", layer_norm_document, "check_layer_norm_symbols.txt", layer_norm_symbols);
    INFO(o.out << o.err);
    CHECK(o.status == 3);
    CHECK(o.out.find(doc + ":11: equal: \\sum_{i=1}^{N} g_i \\gamma_i \\frac{\\partial \\hat{x}_i}{\\partial x_j} = \\frac{1}{\\sqrt{\\sigma^2 + "
                           "\\epsilon}} \\left( g_j \\gamma_j") != std::string::npos);
    CHECK(o.out.find(doc + ":7: equal: \\frac{\\partial \\hat{x}_i}{\\partial x_j} = ") != std::string::npos);
    CHECK(o.out.find(doc + ":14: differs: \\frac{\\partial \\sigma^2}{\\partial x_j} = \\frac{2}{N} (x_j - \\mu) \\left(1 - \\frac{1}{N}\\right)") !=
          std::string::npos);
    CHECK(o.out.find("checked 11 steps in 6 displayed lines (5 displays; 6 lines judged): 10 equal, 1 differ, 0 undecided, 0 unreadable, "
                     "0 notation\n") != std::string::npos);
}

TEST_CASE("check: notations as notes write them, and an assumption") {
    auto [doc, o] = check("check_softmax.md", softmax_document, "check_softmax_symbols.txt", softmax_symbols);
    INFO(o.out << o.err);
    CHECK(o.status == 0);
    CHECK(o.out.find(doc + ":3: equal: L = -\\sum_{i=1}^{K} y_i \\log p_i\n") != std::string::npos);
    CHECK(o.out.find(doc + ":5: equal: p_i (\\delta_{ij} - p_j) = \\exp\\left(z_i\\right) / \\left(\\sum_k \\exp(z_k)\\right) \\times "
                           "(\\delta_{ij} - p_j)\n") != std::string::npos);
    // the last step holds because the targets sum to one (the assumption); the remark is no step
    CHECK(o.out.find(doc + ":7: equal: p_j \\sum_{i} y_i - y_j = p_j - y_j\n") != std::string::npos);
    CHECK(o.out.find("since") == std::string::npos);
    CHECK(o.out.find(doc + ":9: equal: \\frac{\\partial}{\\partial z_j} \\log\\left(\\sum_k \\exp\\left(z_k\\right)\\right) = p_j\n") !=
          std::string::npos);
    CHECK(o.out.find("checked 8 steps in 4 displayed lines (4 displays; 4 lines judged): 8 equal, 0 differ, 0 undecided, 0 unreadable, "
                     "0 notation\n") != std::string::npos);
}

TEST_CASE("check: derivative factors, a loss, brackets, expectations and readings by line") {
    auto [doc, o] = check("check_chain.md", chain_document, "check_chain_symbols.txt", chain_symbols);
    INFO(o.out << o.err);
    CHECK(o.status == 3);  // the sum over the wrong range
    // ∂ℓ/∂X through the loss and H = max(X, 0), the chain's factors differentiated by the engine
    CHECK(o.out.find(doc + ":3: equal: \\frac{\\partial \\ell}{\\partial X_{kj}} = \\sum_{l=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kl}} "
                           "\\frac{\\partial H_{kl}}{\\partial X_{kj}}\n") != std::string::npos);
    CHECK(o.out.find(doc + ":3: equal: \\sum_{l=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kl}} \\frac{\\partial H_{kl}}{\\partial X_{kj}} = "
                           "\\frac{\\partial \\ell}{\\partial H_{kj}} f(X_{kj})\n") != std::string::npos);
    // two formulas on one row, each judged; E and Var are averages over i
    CHECK(o.out.find(doc + ":5: equal: \\mathbb{E}[X[i, j]] = \\mu[j]\n") != std::string::npos);
    CHECK(o.out.find(doc + ":5: equal: \\text{Var}(X[i, j]) = \\frac{1}{B} \\sum_i \\left\\{ X_{ij} - \\mu_j \\right\\}^2\n") !=
          std::string::npos);
    // \therefore and the shape after \in are not part of the formula; k runs over B, not N
    CHECK(o.out.find(doc + ":7: notation: \\sum_{k=1}^{N} X_{kj} = B \\mu_j  [left side, at 'N} X_{kj}': a sum whose range is not "
                           "the extent of its index]\n") != std::string::npos);
    // the same line under two readings of X̂
    CHECK(o.out.find(doc + ":9: equal: \\frac{\\partial \\hat{X}_{kj}}{\\partial X_{kj}} = 2\n") != std::string::npos);
    CHECK(o.out.find(doc + ":11: equal: \\frac{\\partial \\hat{X}_{kj}}{\\partial X_{kj}} = 3\n") != std::string::npos);
    // expectations of random variables (u ~ N(0, 1), b = 1 with probability 1 - q), taken by the engine; the
    // integral is not read, and the formulas on either side of it are judged against each other
    CHECK(o.out.find(doc + ":13: unreadable: \\mathbb{E}[u^2 b] = \\int u^2 \\phi(u) du \\cdot (1 - q)  [right side, at ") !=
          std::string::npos);
    CHECK(o.out.find(doc + ":13: equal (past 1 formula not read): \\mathbb{E}[u^2 b] = 1 - q\n") != std::string::npos);
    CHECK(o.out.find(doc + ":13: equal: \\text{Var}(b) = q(1-q)\n") != std::string::npos);
    // a step that writes out X̂'s definition: the step, and the definition it claims (from line 10 on, X̂ = 3 X)
    CHECK(o.out.find(doc + ":15: differs: \\frac{\\partial \\hat{X}_{kj}}{\\partial X_{kj}} = \\frac{\\partial}{\\partial X_{kj}} "
                           "\\left(2 X_{kj}\\right)  [right - left = -1]\n") != std::string::npos);
    CHECK(o.out.find(doc + ":15: differs (the definition the step writes out): \\hat{X}_{kj} = 2 X_{kj}  [right - left = -X_{kj}]\n") !=
          std::string::npos);
    CHECK(o.out.find("checked 13 steps in 7 displayed lines (7 displays; 6 lines judged): 8 equal, 2 differ, 0 undecided, 2 unreadable, "
                     "1 notation\n") != std::string::npos);
}

TEST_CASE("check: every = of the displays judged, the wrong step found") {
    auto [doc, o] = check("check_document.md", document, "check_symbols.txt", symbols);
    INFO(o.out << o.err);
    CHECK(o.status == 3);  // a step differs
    CHECK(o.err.empty());
    CHECK(o.out.find(doc + ":5: equal: \\frac{\\partial}{\\partial w} \\frac{1}{2} (w x - y)^2 = (w x - y) x\n") != std::string::npos);
    CHECK(o.out.find(doc + ":6: equal: (w x - y) x = w x^2 - x y\n") != std::string::npos);
    CHECK(o.out.find(doc + ":7: differs: w x^2 - x y = w x^2 + x y  [right - left = 2 x y]\n") != std::string::npos);
    CHECK(o.out.find(doc + ":11: notation: ") != std::string::npos);
    CHECK(o.out.find("[free indices differ: j on the left, k, j on the right]") != std::string::npos);
    CHECK(o.out.find(doc + ":14: equal: \\frac{d}{d x} \\exp(w x) = w \\exp(w x)\n") != std::string::npos);
    CHECK(o.out.find(doc + ":15: equal: \\frac{\\partial}{\\partial Y_{kj}} \\sum_{l=1}^{B} Y_{lj}^2 = 2 Y_{kj}\n") != std::string::npos);
    CHECK(o.out.find(doc + ":18: unreadable: s = q + 1  [right side, at 'q + 1': a symbol the symbol file does not declare]\n") !=
          std::string::npos);
    CHECK(o.out.find("checked 7 steps in 7 displayed lines (4 displays; 6 lines judged): 4 equal, 1 differ, 0 undecided, 1 unreadable, 1 notation\n") !=
          std::string::npos);
}

TEST_CASE("check: a sound document passes") {
    auto [doc, o] = check("check_sound.tex", sound, "check_symbols.txt", symbols);
    INFO(o.out << o.err);
    CHECK(o.status == 0);
    CHECK(o.out.find("checked 4 steps in 3 displayed lines (3 displays; 3 lines judged): 4 equal, 0 differ, 0 undecided, 0 unreadable, 0 notation\n") !=
          std::string::npos);
    CHECK(o.out.find(":4: equal: \\frac{\\partial \\mu_j}{\\partial Y_{kj}} = \\frac{1}{B}\n") != std::string::npos);
}

TEST_CASE("check: comments in a symbol file, also after a spelling or a definition") {
    const char* const commented = R"(# the README's example, as written
extent B
index k B
index j B
index i B
scalar eps as \epsilon          # "as": the LaTeX spelling
tensor Y B B
tensor G B B as \frac{\partial \ell}{\partial H_{#}}   # # marks where indices go
intermediate m j as \mu = \frac{1}{B} \sum_{k=1}^{B} Y_{kj}   # the mean
expectation over i              # batch statistics
from line 2                     # from here on
intermediate m j as \mu = \frac{1}{B} \sum_{k=1}^{B} Y_{kj} + \epsilon   # redefined
)";
    const char* const doc_text = "$$ \\mathbb{E}[Y_{ij}] = \\mu_j - \\epsilon $$\n$$ \\mathbb{E}[Y_{ij}] = \\mu_j - \\epsilon $$\n";
    auto [doc, o] = check("check_commented.md", doc_text, "check_commented_symbols.txt", commented);
    INFO(o.out << o.err);
    CHECK(o.err.empty());
    CHECK(o.out.find(doc + ":1: differs: ") != std::string::npos);  // before line 2: mu without epsilon
    CHECK(o.out.find(doc + ":2: equal: ") != std::string::npos);
}

TEST_CASE("check: bad input is one line on stderr") {
    std::string doc = written("check_sound.tex", sound);
    check_one_line_error(run({"check", doc}));  // no --symbols
    check_one_line_error(run({"check", "--symbols", written("check_symbols.txt", symbols)}));  // no document
    check_one_line_error(run({"check", (work_dir() / "no-such-document.md").string(), "--symbols", written("check_symbols.txt", symbols)}));
    check_one_line_error(run({"check", doc, "--symbols", (work_dir() / "no-such-symbols.txt").string()}));
    for (const char* bad : {"index k B\n", "extent B\ntensor Y B C\n", "extent B\nextent B\n", "matrix W\n", "scalar\n",
                            "positive q\n", "extent B\nindex k B\ntensor Y B B\nintermediate m k = Y_{kj}\n",
                            "extent B\nindex k B\nindex j B\ntensor Y B B\nintermediate m k = Y_{kj}\n",
                            "extent B\nintermediate m\n", "extent B\nindex k B\nexpectation over q\n", "option step g\n",
                            "extent B\nindex k B\ntensor Y B\ntensor G B B\nloss L Y G k\n", "scalar x\nfrom line 0\n",
                            "scalar x\nfrom line 5\nfrom line 3\n", "extent B\nintermediate m = m + 1\n", "scalar x\nindependent x\n",
                            "scalar x\nnormal z\nindependent z x\n", "bernoulli b q\n", "extent N\nnormal z N N N N N N N N N\n",
                            "scalar x\nassume x = 1\n", "scalar x\nassume x + 1\n"}) {
        INFO(bad);
        report_test::outcome o = run({"check", doc, "--symbols", written("check_bad_symbols.txt", bad)});
        check_one_line_error(o);
        CHECK(o.err.find("symbol file line ") != std::string::npos);
    }
}
