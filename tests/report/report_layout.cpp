// The report's layout helpers: long formulas are cut at top-level + and −
// only, into lines that fit; prose mixes words and math.
#include <catch2/catch.hpp>

#include <derive/report/latex_layout.hpp>

using namespace leibniz::derive::layout;

namespace {
std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += (s.empty() ? "" : " ") + l;
    return s;
}
}  // namespace

TEST_CASE("width: fractions count their wider part, scripts less than a letter") {
    CHECK(width("x") == Approx(1));
    CHECK(width("\\frac{abcd}{x}") == Approx(width("abcd") + 0.6));
    CHECK(width("x_{i}") < width("xi"));
    CHECK(width("\\sum_{k=1}^{B} a") < width("\\sum k=1 B a"));
}

TEST_CASE("break_formula: cuts before top-level + and - so that lines fit") {
    std::string term = "\\frac{\\partial \\ell}{\\partial H_{kt}} f(\\hat{Y}_{kt}) (Y_{kt} - \\mathbf{m}_{t})";
    std::string f = term;
    for (int i = 0; i != 6; ++i) f += (i % 2 ? " + " : " - ") + term;
    auto lines = break_formula(f, 40, 40);
    CHECK(lines.size() > 1);
    CHECK(joined(lines) == f);
    for (std::size_t i = 0; i != lines.size(); ++i) {
        INFO(lines[i]);
        CHECK(width(lines[i]) <= 40);
        if (i) CHECK((lines[i].rfind("+ ", 0) == 0 || lines[i].rfind("- ", 0) == 0));
    }
    // never inside braces or \left ... \right
    auto kept = break_formula("\\frac{a + b}{e} + \\left(x - y - z\\right)", 8, 8);
    CHECK(kept == std::vector<std::string>{"\\frac{a + b}{e}", "+ \\left(x - y - z\\right)"});
    // a short formula stays whole
    CHECK(break_formula("a + b", 80, 80) == std::vector<std::string>{"a + b"});
}

TEST_CASE("break_formula: a fraction too wide for a line is opened up") {
    std::string num = "aaaaaaaaaa + bbbbbbbbbb + cccccccccc + dddddddddd";
    auto lines = break_formula("-\\frac{" + num + "}{B}", 30, 30);
    CHECK(lines.size() > 1);
    CHECK(lines.front().rfind("-\\frac{1}{B} \\Bigl(aaaaaaaaaa", 0) == 0);
    CHECK(lines.back().find("\\Bigr)") != std::string::npos);
}

TEST_CASE("display: an align* block, continuation lines keep the sign binary") {
    std::string d = display({{"y", "a + b"}}, 80);
    CHECK(d == "\\begin{align*}\ny &= a + b\n\\end{align*}\n");
    std::string long_sum = "aaaaaaaaaaaaaaaaaaaa + bbbbbbbbbbbbbbbbbbbb + cccccccccccccccccccc";
    d = display({{"", long_sum}}, 45);
    CHECK(d.find("\\\\\n&\\quad {} + ") != std::string::npos);
}

TEST_CASE("mixed_text: words are text, the rest math") {
    CHECK(mixed_text("z_i \\sim \\mathcal{N}(0, 1), which needs WW^T = I") ==
          "$z_i \\sim \\mathcal{N}(0, 1),$ which needs $WW^T = I$");
    CHECK(mixed_text("largest relative gap 1.9e-14") == "largest relative gap $1.9e-14$");
    CHECK(mixed_text("\\text{value at } M = 10^6") == "$\\text{value at } M = 10^6$");
    CHECK(mixed_text("already $x$ text") == "already $x$ text");
    CHECK(mixed_text("a & b") == "a $\\& b$");
}

TEST_CASE("escape_text: LaTeX's special characters") {
    CHECK(escape_text("h~_i & 50% #1 {x} ^") == "h\\~{}\\_i \\& 50\\% \\#1 \\{x\\} \\^{}");
}
