// The seeded fuzzer (tests/support/fuzz.hpp) on fixed seeds: derivatives
// against finite differences, simplify and canonical forms against the
// expression, LaTeX well formed and read back into the same function.
// tools/fuzz runs it longer.
#include <catch2/catch.hpp>

#include <iostream>

#include "../support/fuzz.hpp"

namespace fz = leibniz::fuzz;
namespace ir = leibniz::ir;

namespace {

void print(const fz::stats& st) {
    std::cout << "cases " << st.cases << ", derivative checks " << st.derivative_checks << ", simplify checks " << st.simplify_checks
              << ", equivalence checks " << st.equivalence_checks << ", latex checks " << st.latex_checks << ", read back " << st.latex_read_checks << ", skipped points "
              << st.skipped_points << ", errors " << st.errors << ", mismatches " << st.mismatches << '\n';
    for (const std::string& line : st.reports) std::cout << "  " << line << '\n';
}

/// A case whose points are drawn, for checking the checks.
struct probe {
    fz::options opt;
    fz::stats st;
    fz::fuzz_case fc{42, opt, st};
    probe() {
        for (int i = 0; i != 3; ++i) fc.points.push_back(fc.random_point());
        // x negative at one point at least
        fc.points[0].scalar[static_cast<std::size_t>(fc.W.x)] = -0.7;
    }
};

}  // namespace

TEST_CASE("fuzz: derivatives, simplify, canonical forms and LaTeX on random expressions") {
    fz::options opt;
    fz::stats total;
    // 400 cases: about 30,000 derivative checks, well under a second
    // optimized, under 30 s with ASan+UBSan at -O0
    for (std::uint64_t seed : {1u, 2u, 3u}) total.add(fz::run(seed, 100, opt));
    opt.depth = 4;
    total.add(fz::run(4, 100, opt));
    print(total);
    CHECK(total.derivative_checks >= 5000);
    CHECK(total.simplify_checks >= 1000);
    CHECK(total.equivalence_checks >= 1000);
    CHECK(total.latex_read_checks >= 1000);  // LaTeX read back into the same function (parse/latex.hpp)
    CHECK(total.mismatches == 0);
}

TEST_CASE("fuzz: cases that once found a fault") {
    fz::options opt;
    opt.depth = 5;
    fz::stats st;
    // Folding u back renamed a summation index n' to n inside a sum over n
    // (Σ_n' Σ_n X_bn X_bn' became Σ_n Σ_n X_bn X_bn, then M Σ_n X_bn^2)
    fz::run_case(8655097498895633539u, opt, st);
    print(st);
    CHECK(st.derivative_checks > 100);
    CHECK(st.mismatches == 0);
}

TEST_CASE("fuzz: the checks find a wrong derivative, a wrong simplification and bad LaTeX") {
    probe p;
    auto& W = p.fc.W;
    ir::term x = ir::sym(W.x);
    fz::fuzz_case::variable vx{x, W.x, {}};
    p.fc.current = "x x";
    p.fc.check_derivative(ir::mul(x, x), ir::mul(ir::num(2), x), vx, "right");
    CHECK(p.st.mismatches == 0);
    p.fc.check_derivative(ir::mul(x, x), x, vx, "wrong");
    CHECK(p.st.mismatches == 1);
    p.fc.check_same(ir::mul(x, x), ir::pow(x, ir::num(2)), "right", p.st.simplify_checks);
    CHECK(p.st.mismatches == 1);
    p.fc.check_same(ir::unary(ir::op::abs, x), x, "wrong", p.st.simplify_checks);
    CHECK(p.st.mismatches == 2);
    // sqrt(x x) is |x|, not x: wrong where x < 0
    p.fc.check_same(ir::pow(ir::mul(x, x), ir::num(1, 2)), ir::unary(ir::op::abs, x), "right", p.st.simplify_checks);
    CHECK(p.st.mismatches == 2);
    p.fc.check_same(ir::pow(ir::mul(x, x), ir::num(1, 2)), x, "wrong", p.st.simplify_checks);
    CHECK(p.st.mismatches == 3);
    // u := x x held fixed: ∂u/∂x = 0
    int u = W.define("u", -1, ir::mul(x, x));
    p.fc.held = {u};
    p.fc.check_derivative(ir::sym(u), ir::num(0), vx, "held");
    CHECK(p.st.mismatches == 3);
    p.fc.held.clear();
    p.fc.check_derivative(ir::sym(u), ir::num(0), vx, "not held");
    CHECK(p.st.mismatches == 4);
    CHECK(fz::latex_problem("\\frac{x}{y}").empty());
    CHECK(!fz::latex_problem("\\frac{x}{y").empty());
    CHECK(!fz::latex_problem("\\left( x").empty());
    CHECK(!fz::latex_problem("x_{}").empty());
    CHECK(!fz::latex_problem("nan x").empty());
}

TEST_CASE("fuzz: a case is the same for the same seed") {
    fz::stats a = fz::run(9, 20), b = fz::run(9, 20);
    CHECK(a.derivative_checks == b.derivative_checks);
    CHECK(a.skipped_points == b.skipped_points);
    CHECK(a.simplify_checks == b.simplify_checks);
    CHECK(a.equivalence_checks == b.equivalence_checks);
    CHECK(a.mismatches == b.mismatches);
}
