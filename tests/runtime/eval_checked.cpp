// What the evaluators check and keep at run time: a view or an output must
// hold exactly the elements of its extents; every index value is checked
// against its range, used by the simplified result or not; a NaN argument
// of relu, step, max, min, sign and abs gives NaN, as IEEE arithmetic does.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
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
constexpr auto i = index<"i">(M);
constexpr auto k = index<"k">(B);
constexpr auto w = tensor<"w">(M);
constexpr auto v = tensor<"v">(M);
constexpr auto u = tensor<"u">(B);
constexpr auto Y = tensor<"Y">(B, M);
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

const double nan = std::numeric_limits<double>::quiet_NaN();

TEST_CASE("views: a pointer with a count; a count that is not the extents' product throws") {
    const std::vector<double> data{1, 2, 3, 4, 5, 6};
    // exact size: fine
    CHECK(evaluate(sum(i, w(i)), w = view(std::span(data.data(), 6), 6)) == 21.0);
    CHECK(evaluate(sum(i, w(i)), w = view(std::span(data.data(), 3), 3)) == 6.0);
    // too short for its extents: refused when viewed
    CHECK_THROWS_WITH(view(std::span(data.data(), 5), 2, 3), "leibniz::view: 5 elements cannot be viewed as 2 x 3 (6 elements)");
    // a view assembled by hand with a wrong (or no) count: refused by the evaluator
    tensor_view<double, 2> short_view{data.data(), {2, 3}, 5};
    CHECK_THROWS_AS(evaluate(Y(k, i), Y = short_view, at(k = 1, i = 1)), std::invalid_argument);
    CHECK_THROWS_WITH(evaluate(Y(k, i), Y = short_view, at(k = 1, i = 1)),
                      "leibniz::evaluate: the view of Y holds 5 elements but its extents 2 x 3 need 6");
    tensor_view<double, 1> no_count{data.data(), {6}};
    CHECK_THROWS_WITH(evaluate(sum(i, w(i)), w = no_count), Catch::Contains("the view of w holds 0 elements"));
    std::vector<double> out(6, -7.0);
    CHECK_THROWS_WITH(evaluate_into(Y(k, i), out, Y = short_view, over(k, i)),
                      "leibniz::evaluate_into: the view of Y holds 5 elements but its extents 2 x 3 need 6");
    CHECK(out == std::vector<double>(6, -7.0));
}

TEST_CASE("outputs: too short, too long, exact") {
    const std::vector<double> data{1, 2, 3, 4, 5, 6};
    std::vector<double> out(6, -7.0);
    // a span of a pointer with its count: exactly the result's size
    evaluate_into(Y(k, i) * 2_c, output(std::span(out.data(), 6), 2, 3), Y = view(data, 2, 3), over(k, i));
    CHECK(out == std::vector<double>{2, 4, 6, 8, 10, 12});
    // too short for the extents given
    CHECK_THROWS_AS(output(std::span(out.data(), 5), 2, 3), std::invalid_argument);
    // too short (and too long) for the result, as a flat output
    std::fill(out.begin(), out.end(), -7.0);
    CHECK_THROWS_WITH(evaluate_into(Y(k, i), output(std::span(out.data(), 5)), Y = view(data, 2, 3), over(k, i)),
                      Catch::Contains("output 1 has 5 elements but the result is B = 2 x M = 3 (6 elements)"));
    std::vector<double> longer(7, -7.0);
    CHECK_THROWS_AS(evaluate_into(Y(k, i), longer, Y = view(data, 2, 3), over(k, i)), std::invalid_argument);
    // an output assembled by hand whose count is not its extents' product
    output_view<double, 2> short_out{out.data(), {2, 3}, 5};
    CHECK_THROWS_WITH(evaluate_into(Y(k, i), short_out, Y = view(data, 2, 3), over(k, i)),
                      "leibniz::evaluate_into: output 1 holds 5 elements but its extents 2 x 3 need 6");
    CHECK(out == std::vector<double>(6, -7.0));
    CHECK(longer == std::vector<double>(7, -7.0));
}

TEST_CASE("index values are checked against their range even where the result no longer uses them") {
    // d/dx (x^2 + u_k) = 2 x: k is gone from the simplified result
    auto e = d(x * x + u(k), x);
    CHECK(evaluate(e, x = 1.5, B = 2, at(k = 2)) == 3.0);
    CHECK_THROWS_AS(evaluate(e, x = 1.5, B = 2, at(k = 0)), std::out_of_range);
    CHECK_THROWS_WITH(evaluate(e, x = 1.5, B = 2, at(k = 0)),
                      "leibniz::evaluate: the index k = 0 is out of range (indices count from 1)");
    CHECK_THROWS_WITH(evaluate(e, x = 1.5, B = 2, at(k = 3)),
                      "leibniz::evaluate: the index k = 3 is out of range 1..2 (the extent B)");
    // the range taken from a view's shape
    const std::vector<double> data{1, 2, 3, 4, 5, 6};
    CHECK_THROWS_WITH(evaluate(x, x = 1.0, Y = view(data, 2, 3), at(k = 3)),
                      "leibniz::evaluate: the index k = 3 is out of range 1..2 (the extent B)");
    CHECK(evaluate(x, x = 1.0, Y = view(data, 2, 3), at(k = 2)) == 1.0);
    // no value for the range: only the lower bound is known
    CHECK(evaluate(x, x = 1.0, at(k = 7)) == 1.0);
    CHECK_THROWS_AS(evaluate(x, x = 1.0, at(k = 0)), std::out_of_range);
}

TEST_CASE("NaN: relu, step, max, min, sign, abs give NaN for a NaN argument (evaluate)") {
    CHECK(std::isnan(evaluate(relu(x), x = nan)));
    CHECK(std::isnan(evaluate(step(x), x = nan)));
    CHECK(std::isnan(evaluate(max(x, y), x = nan, y = 1.0)));
    CHECK(std::isnan(evaluate(max(x, y), x = 1.0, y = nan)));
    CHECK(std::isnan(evaluate(min(x, y), x = nan, y = 1.0)));
    CHECK(std::isnan(evaluate(min(x, y), x = 1.0, y = nan)));
    CHECK(std::isnan(evaluate(sign(x), x = nan)));
    CHECK(std::isnan(evaluate(abs(x), x = nan)));
    CHECK(std::isnan(evaluate(d(relu(x), x), x = nan)));
    CHECK(std::isnan(evaluate(relu(x), x = std::numeric_limits<float>::quiet_NaN())));
    // numbers as before
    CHECK(evaluate(relu(x), x = -2.0) == 0.0);
    CHECK(evaluate(relu(x), x = 2.0) == 2.0);
    CHECK(evaluate(step(x), x = 0.0) == 0.0);
    CHECK(evaluate(step(x), x = 0.5) == 1.0);
    CHECK(evaluate(max(x, y), x = -1.0, y = 2.0) == 2.0);
    CHECK(evaluate(min(x, y), x = -1.0, y = 2.0) == -1.0);
    CHECK(evaluate(sign(x), x = -3.0) == -1.0);
    CHECK(evaluate(sign(x), x = 0.0) == 0.0);
}

TEST_CASE("NaN: relu, step, max, min keep NaN in evaluate_into, a step mask included") {
    const std::vector<double> a{nan, -1.0, 2.0}, b{1.0, nan, 0.5};
    std::vector<double> out(3);
    evaluate_into(relu(w(i)), out, w = view(a, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 0.0);
    CHECK(out[2] == 2.0);
    evaluate_into(step(w(i)), out, w = view(a, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 0.0);
    CHECK(out[2] == 1.0);
    // step(w) v: a select on the step's argument, NaN from either factor
    evaluate_into(step(w(i)) * v(i), out, w = view(a, 3), v = view(b, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));  // 0 NaN
    CHECK(out[2] == 0.5);
    evaluate_into(max(w(i), v(i)), out, w = view(a, 3), v = view(b, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 2.0);
    evaluate_into(min(w(i), v(i)), out, w = view(a, 3), v = view(b, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(std::isnan(out[1]));
    CHECK(out[2] == 0.5);
    // the gradient of relu: step(w) times the upstream 1
    evaluate_into(d(sum(i, relu(w(i))), w(i)), out, w = view(a, 3), over(i));
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 0.0);
    CHECK(out[2] == 1.0);
}

}  // namespace
