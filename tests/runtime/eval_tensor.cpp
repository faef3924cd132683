// evaluate over tensors: views, sums, deltas, intermediates with indices, a
// batch-norm-like mean and variance over a 3 x 4 view, and the run-time
// shape checks.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;
using namespace leibniz::literals;

constexpr auto B = extent<"B">();
constexpr auto M = extent<"M">();
constexpr auto i = index<"i">(B);
constexpr auto k = index<"k">(B);
constexpr auto l = index<"l">(M);
constexpr auto j = index<"j">(M);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto w = tensor<"w">(M);
constexpr auto x = symbol<"x">();

// a 3 x 4 batch: row k is one sample, column l one feature
const std::vector<double> batch{1.0, 2.0, -1.0, 0.5,   //
                                3.0, -2.0, 4.0, 1.5,   //
                                2.0, 0.0, 0.5, -3.0};
constexpr std::size_t rows = 3, cols = 4;
double at_(std::size_t r, std::size_t c) { return batch[r * cols + c]; }  // 0-based

TEST_CASE("evaluate: tensor elements are read row-major with 1-based indices") {
    auto Yv = view(batch, rows, cols);
    for (int r = 1; r <= 3; ++r)
        for (int c = 1; c <= 4; ++c) CHECK(evaluate(Y(k, l), Y = Yv, at(k = r, l = c)) == at_(r - 1, c - 1));
    // indices may also be bound like any other symbol
    CHECK(evaluate(Y(k, l) * x, Y = Yv, k = 2, l = 3, x = 2.0) == 2 * at_(1, 2));
    // the view's accessor agrees (0-based)
    CHECK(Yv(std::size_t{2}, std::size_t{3}) == -3.0);
}

TEST_CASE("evaluate: sums loop over the extent, deltas compare indices") {
    auto Yv = view(batch, rows, cols);
    for (int c = 1; c <= 4; ++c) {
        double col = 0;
        for (std::size_t r = 0; r != rows; ++r) col += at_(r, std::size_t(c - 1));
        CHECK(evaluate(sum(k, Y(k, l)), Y = Yv, at(l = c)) == Approx(col));
    }
    double frob = 0;
    for (double v : batch) frob += v * v;
    CHECK(evaluate(sum(k, sum(l, Y(k, l) * Y(k, l))), Y = Yv) == Approx(frob));
    // Σ_l δ_lj Y_kl = Y_kj
    CHECK(evaluate(sum(l, delta(l, j) * Y(k, l)), Y = Yv, at(k = 3, j = 2)) == at_(2, 1));
    CHECK(evaluate(delta(l, j), M = 4, at(l = 2, j = 2)) == 1.0);
    CHECK(evaluate(delta(l, j), M = 4, at(l = 2, j = 3)) == 0.0);
    // an extent is also a number; a sum of 1 counts
    CHECK(evaluate(sum(k, 1_c) + M, B = 5, M = 2) == 7.0);
    // an empty extent gives an empty sum
    CHECK(evaluate(sum(k, x), B = 0, x = 1.0) == 0.0);
}

TEST_CASE("evaluate: a batch-norm-like mean and variance over a 3 x 4 view") {
    constexpr auto m = intermediate<"m", "\\mathbf{m}">(sum(i, Y(i, l)) / B, l);
    constexpr auto v = intermediate<"v", "\\mathbf{v}">(sum(i, pow<2>(Y(i, l) - m(l))) / B, l);
    constexpr auto Yhat = intermediate<"Yhat", "\\hat{Y}">((Y(k, l) - m(l)) / sqrt(v(l)), k, l);
    auto Yv = view(batch, rows, cols);
    for (std::size_t c = 0; c != cols; ++c) {
        double mean = 0, var = 0;
        for (std::size_t r = 0; r != rows; ++r) mean += at_(r, c);
        mean /= rows;
        for (std::size_t r = 0; r != rows; ++r) var += (at_(r, c) - mean) * (at_(r, c) - mean);
        var /= rows;
        const int lc = int(c) + 1;
        CHECK(evaluate(m(l), Y = Yv, at(l = lc)) == Approx(mean).epsilon(1e-14));
        // the intermediate's parameter is renamed to the index it is used with
        CHECK(evaluate(m(j), Y = Yv, at(j = lc)) == Approx(mean).epsilon(1e-14));
        CHECK(evaluate(v(j), Y = Yv, at(j = lc)) == Approx(var).epsilon(1e-14));
        for (std::size_t r = 0; r != rows; ++r) {
            double want = (at_(r, c) - mean) / std::sqrt(var);
            CHECK(evaluate(Yhat(k, l), Y = Yv, at(k = int(r) + 1, l = lc)) == Approx(want).epsilon(1e-13));
            CHECK(evaluate(Yhat(i, j), Y = Yv, at(i = int(r) + 1, j = lc)) == Approx(want).epsilon(1e-13));
        }
        // a normalized column sums to zero and has mean square one
        CHECK(evaluate(sum(k, Yhat(k, l)), Y = Yv, at(l = lc)) == Approx(0.0).margin(1e-13));
        CHECK(evaluate(sum(k, Yhat(k, l) * Yhat(k, l)) / B, Y = Yv, at(l = lc)) == Approx(1.0).epsilon(1e-13));
        // a bound intermediate is read instead of computed
        std::array<double, 4> means{9, 9, 9, 9};
        CHECK(evaluate(m(l), m = view(means, 4), Y = Yv, at(l = lc)) == 9.0);
    }
}

TEST_CASE("evaluate: float tensors, and views of arrays, spans and pointers with a count") {
    const std::array<float, 4> wf{0.5f, -1.0f, 2.0f, 0.25f};
    auto e = sum(l, w(l) * w(l));
    const float want = 0.25f + 1.0f + 4.0f + 0.0625f;
    CHECK(evaluate(e, w = view(wf, 4)) == want);
    CHECK(evaluate(e, w = view(std::span<const float>(wf), 4)) == want);
    CHECK(evaluate(e, w = view(std::span(wf.data(), 4), 4)) == want);
    CHECK(std::is_same_v<decltype(evaluate(e, w = view(wf, 4))), float>);
    CHECK(std::is_same_v<decltype(evaluate(e * x, w = view(wf, 4), x = 1.0)), double>);
    // a rank-3 tensor
    constexpr auto C = extent<"C">();
    constexpr auto c = index<"c">(C);
    constexpr auto T3 = tensor<"T">(B, M, C);
    std::vector<double> t(2 * 3 * 4);
    for (std::size_t n = 0; n != t.size(); ++n) t[n] = double(n);
    // T(b, m, c) at 1-based (2, 3, 4) is element (1, 2, 3) = 1*12 + 2*4 + 3
    CHECK(evaluate(T3(k, l, c), T3 = view(t, 2, 3, 4), at(k = 2, l = 3, c = 4)) == 23.0);
    CHECK(evaluate(sum(c, T3(k, l, c)), T3 = view(t, 2, 3, 4), at(k = 1, l = 1)) == 0.0 + 1 + 2 + 3);
}

TEST_CASE("evaluate: views that disagree on an extent throw before computing") {
    auto Yv = view(batch, rows, cols);
    std::vector<double> w3{1, 2, 3};
    auto e = sum(l, Y(k, l) * w(l));
    // w is the first row of the batch, so e at k = 1 is that row's square norm
    const double row1 = 1.0 + 4.0 + 1.0 + 0.25;
    CHECK(evaluate(e, Y = Yv, w = view(std::span(batch.data(), 4), 4), at(k = 1)) == Approx(row1));
    CHECK_THROWS_AS(evaluate(e, Y = Yv, w = view(w3, 3), at(k = 1)), std::invalid_argument);
    CHECK_THROWS_WITH(evaluate(e, Y = Yv, w = view(w3, 3), at(k = 1)),
                      "leibniz::evaluate: the extent M is 4 (tensor Y, dimension 2 of its 3 x 4 view) but also 3 "
                      "(tensor w, dimension 1 of its 3 view)");
    // a bound extent must agree with the views too
    CHECK_THROWS_WITH(evaluate(e, B = 2, Y = Yv, w = view(std::span(batch.data(), 4), 4), at(k = 1)),
                      "leibniz::evaluate: the extent B is 2 (bound as B = 2) but also 3 (tensor Y, dimension 1 of its 3 x 4 view)");
    CHECK(evaluate(e, B = 3, M = 4, Y = Yv, w = view(std::span(batch.data(), 4), 4), at(k = 1)) == Approx(row1));
    CHECK_THROWS_AS(evaluate(sum(k, x), B = -1, x = 1.0), std::invalid_argument);
    // a view must fit its data
    CHECK_THROWS_AS(view(batch, 5, 4), std::invalid_argument);
    CHECK_THROWS_WITH(view(batch, 5, 4), "leibniz::view: 12 elements cannot be viewed as 5 x 4 (20 elements)");
}

TEST_CASE("evaluate: index values outside their range throw") {
    auto Yv = view(batch, rows, cols);
    CHECK_THROWS_AS(evaluate(Y(k, l), Y = Yv, at(k = 4, l = 1)), std::out_of_range);
    CHECK_THROWS_WITH(evaluate(Y(k, l), Y = Yv, at(k = 1, l = 5)),
                      "leibniz::evaluate: the index l = 5 is out of range 1..4 (the extent M)");
    CHECK_THROWS_AS(evaluate(Y(k, l), Y = Yv, at(k = 0, l = 1)), std::out_of_range);
    // an index over another extent than the dimension it indexes (w(k), k over B, w over M)
    // does not compile (tests/compile_fail/tensor_index_extent.cpp)
}

}  // namespace
