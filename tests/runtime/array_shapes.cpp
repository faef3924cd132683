// evaluate_into: layouts (over), broadcasting, scalar results, bound
// intermediates, outputs that overlap inputs, and shape errors, which must
// throw std::invalid_argument before anything is written.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto K = extent<"K">();
constexpr auto i = index<"i">(B);
constexpr auto s = index<"s">(B);
constexpr auto t = index<"t">(M);
constexpr auto k = index<"k">(K);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto G = tensor<"G">(B, M);
constexpr auto u = tensor<"u">(M);
constexpr auto w = tensor<"w">(K);
constexpr auto x = symbol<"x">();
/// a column mean, an intermediate with a reduction
constexpr auto mean = intermediate<"mean">(c<1> / B * sum(i, Y(i, t)), t);

std::vector<double> iota(std::size_t n, double start, double step) {
    std::vector<double> v(n);
    for (std::size_t j = 0; j != n; ++j) v[j] = start + step * static_cast<double>(j);
    return v;
}

TEST_CASE("evaluate_into: every element of an element-wise expression, row-major") {
    const std::size_t nb = 3, nm = 4;
    std::vector<double> y = iota(nb * nm, -1.0, 0.25), g = iota(nb * nm, 2.0, -0.5), out(nb * nm, -7.0);
    evaluate_into(x * Y(s, t) * G(s, t) + exp(Y(s, t)), output(out, nb, nm), Y = view(y, nb, nm), G = view(g, nb, nm), x = 1.5,
                  over(s, t));
    for (std::size_t a = 0; a != nb; ++a)
        for (std::size_t b = 0; b != nm; ++b) {
            double want = evaluate(x * Y(s, t) * G(s, t) + exp(Y(s, t)), Y = view(y, nb, nm), G = view(g, nb, nm), x = 1.5,
                                   at(s = static_cast<int>(a + 1), t = static_cast<int>(b + 1)));
            CHECK(out[a * nm + b] == Approx(want).epsilon(1e-14));
        }
}

TEST_CASE("evaluate_into: over(t, s) is the transposed layout") {
    const std::size_t nb = 2, nm = 3;
    std::vector<double> y = iota(nb * nm, 0.5, 1.0), uv = iota(nm, 1, 1), st(nb * nm), ts(nb * nm);
    evaluate_into(Y(s, t) * u(t), st, Y = view(y, nb, nm), u = view(uv, nm), over(s, t));
    evaluate_into(Y(s, t) * u(t), output(ts, nm, nb), Y = view(y, nb, nm), u = view(uv, nm), over(t, s));
    for (std::size_t a = 0; a != nb; ++a)
        for (std::size_t b = 0; b != nm; ++b) CHECK(ts[b * nb + a] == st[a * nm + b]);
}

TEST_CASE("evaluate_into: reductions, intermediates and broadcast indices") {
    const std::size_t nb = 5, nm = 3;
    std::vector<double> y = iota(nb * nm, -2.0, 0.37), centred(nb * nm), col(nm), twice(nb * nm);
    // Y - mean: the mean is one reduction, not one per element
    evaluate_into(Y(s, t) - mean(t), centred, Y = view(y, nb, nm), over(s, t));
    for (std::size_t b = 0; b != nm; ++b) {
        double m = 0;
        for (std::size_t a = 0; a != nb; ++a) m += y[a * nm + b];
        m /= static_cast<double>(nb);
        col[b] = m;
        for (std::size_t a = 0; a != nb; ++a) CHECK(centred[a * nm + b] == Approx(y[a * nm + b] - m).margin(1e-14));
    }
    // an output index the expression does not use: the value repeats along it
    std::vector<double> uv = iota(nm, 3.0, -1.0);
    evaluate_into(2_c * u(t), output(twice, nb, nm), u = view(uv, nm), over(s, t));
    for (std::size_t a = 0; a != nb; ++a)
        for (std::size_t b = 0; b != nm; ++b) CHECK(twice[a * nm + b] == 2 * uv[b]);
    // a scalar result: over() and one element
    std::array<double, 1> total{};
    evaluate_into(sum(s, sum(t, Y(s, t) * Y(s, t))), output(total), Y = view(y, nb, nm), over());
    double want = 0;
    for (double v : y) want += v * v;
    CHECK(total[0] == Approx(want).epsilon(1e-14));
}

TEST_CASE("evaluate_into: a bound intermediate is an input") {
    const std::size_t nb = 2, nm = 2;
    std::vector<double> y{1, 2, 3, 4}, given{10, 20}, out(nb * nm);
    evaluate_into(Y(s, t) - mean(t), out, Y = view(y, nb, nm), mean = view(given, nm), over(s, t));
    CHECK(out == std::vector<double>{-9, -18, -7, -16});
}

TEST_CASE("evaluate_into: float outputs, and double inputs read into float") {
    const std::size_t nb = 3, nm = 2;
    std::vector<double> y = iota(nb * nm, 0.1, 0.3);
    std::vector<float> out(nb * nm);
    evaluate_into(Y(s, t) * Y(s, t) - mean(t), out, Y = view(y, nb, nm), over(s, t));
    std::vector<double> ref(nb * nm);
    evaluate_into(Y(s, t) * Y(s, t) - mean(t), ref, Y = view(y, nb, nm), over(s, t));
    for (std::size_t j = 0; j != out.size(); ++j) CHECK(out[j] == Approx(ref[j]).epsilon(1e-6).margin(1e-6));
}

TEST_CASE("evaluate_into: an output that overlaps an input is computed aside") {
    // Y - mean(Y) written over Y itself: every element must use the old values
    const std::size_t nb = 3, nm = 2;
    std::vector<double> y = iota(nb * nm, 1.0, 1.5), ref(nb * nm);
    evaluate_into(Y(s, t) - mean(t), ref, Y = view(y, nb, nm), over(s, t));
    evaluate_into(Y(s, t) - mean(t), y, Y = view(y, nb, nm), over(s, t));
    CHECK(y == ref);
}

TEST_CASE("evaluate_into: extents that disagree throw before anything is written") {
    const std::size_t nb = 3, nm = 2;
    std::vector<double> y(nb * nm, 1.0), g((nb + 1) * nm, 1.0), out(nb * nm, -7.0);
    try {
        evaluate_into(Y(s, t) * G(s, t), out, Y = view(y, nb, nm), G = view(g, nb + 1, nm), over(s, t));
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        std::string what = e.what();
        CHECK(what.find("extent B is 3") != std::string::npos);
        CHECK(what.find("tensor G, dimension 1 of its 4 x 2 view") != std::string::npos);
    }
    CHECK(out == std::vector<double>(nb * nm, -7.0));
    // the output's own shape
    std::vector<double> small(nb * nm - 1, -7.0);
    CHECK_THROWS_AS(evaluate_into(Y(s, t), small, Y = view(y, nb, nm), over(s, t)), std::invalid_argument);
    CHECK(small == std::vector<double>(nb * nm - 1, -7.0));
    CHECK_THROWS_AS(output(out, nb, nm + 1), std::invalid_argument);  // 6 elements are not 3 x 3
    std::vector<double> wide(nb * (nm + 1), -7.0);
    CHECK_THROWS_WITH(evaluate_into(Y(s, t), output(wide, nb, nm + 1), Y = view(y, nb, nm), over(s, t)),
                      Catch::Contains("extent M is 2") && Catch::Contains("output 1, dimension 2"));
    CHECK_THROWS_WITH(evaluate_into(Y(s, t), output(out, nm, nb), Y = view(y, nb, nm), over(s, t)),
                      Catch::Contains("extent B is 3"));
    CHECK(out == std::vector<double>(nb * nm, -7.0));
    // an extent bound to a negative number
    std::vector<double> v(2);
    CHECK_THROWS_WITH(evaluate_into(x * w(k), v, K = -2, x = 1.0, w = view(v, 2), over(k)), Catch::Contains("negative"));
    // two outputs over the same memory
    std::vector<double> both(nb * nm);
    CHECK_THROWS_WITH(evaluate_into(into(output(both, nb, nm), Y(s, t), over(s, t)), into(output(both, nb, nm), G(s, t), over(s, t)),
                                    Y = view(y, nb, nm), G = view(y, nb, nm)),
                      Catch::Contains("overlap"));
}

TEST_CASE("evaluate_into: an extent bound to another size than the view of a tensor over it is refused") {
    // An index over another extent than the dimension it indexes (u(q) with
    // q over K, u over M) no longer compiles (tests/compile_fail/tensor_index_extent.cpp);
    // what is left to check at run time is the size of each extent.
    std::vector<double> uv{1, 2, 3}, out(4);
    CHECK_THROWS_WITH(evaluate_into(u(t), out, u = view(uv, 3), M = 4, over(t)),
                      Catch::Contains("the extent M is 3") && Catch::Contains("M = 4"));
    std::vector<double> ok(3);
    evaluate_into(u(t), ok, u = view(uv, 3), M = 3, over(t));
    CHECK(ok == uv);
}

}  // namespace
