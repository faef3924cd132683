// The work budget at run time (the IR's constexpr algorithms run on values
// built at run time too): a context given a budget and no operation that
// checks it at its end stops at once with the budget's error; one that
// checks it at its end (as d, simplify and compare do) stops rewriting and
// says so; without a budget the same work finishes.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <leibniz/leibniz.hpp>

namespace {
using namespace leibniz;

constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();

/// (x + y + z)^6 in the context c.
ir::term sixth_power(ir::context& c) { return dsl::lower<decltype(pow<6>(x + y + z))>(c); }
}  // namespace

TEST_CASE("running past the budget is an error at once where nothing checks it later") {
    ir::context c;
    c.work_budget = 50;
    ir::term t = sixth_power(c);
    try {
        (void)ir::canonical(c, t);
        FAIL("no error");
    } catch (const std::logic_error& e) {
        CHECK(std::string(e.what()) == "leibniz_error_work_budget_exceeded__raise_LEIBNIZ_WORK_BUDGET");
    }
}

TEST_CASE("an operation that checks at its end stops rewriting and reports the budget") {
    ir::context c;
    c.work_budget = 50;
    c.budget_checked_at_end = true;
    ir::term t = sixth_power(c);
    (void)ir::canonical(c, t);
    CHECK(c.over_budget());
    // the multiplying out was cut short: far fewer steps than it needs
    ir::context full;
    ir::term u = sixth_power(full);
    ir::term expanded = ir::canonical(full, u);
    CHECK_FALSE(full.over_budget());
    CHECK(full.work > 20 * c.work_budget);
    CHECK(c.work < full.work);
    // 28 monomials of degree 6 in three variables
    REQUIRE(expanded.kind == ir::op::add);
    CHECK(expanded.kids.size() == 28);
}

TEST_CASE("the default budget and the one an operation names") {
    CHECK(ir::context{}.work_budget == ir::no_work_budget);  // a context of one's own
    dsl::setup<> plain;                                        // the public operations
    CHECK(plain.b.ctx.work_budget == LEIBNIZ_WORK_BUDGET);
    dsl::setup<work_budget_t<1234>> s;
    CHECK(s.b.ctx.work_budget == 1234);
    CHECK(s.b.ctx.budget_checked_at_end);
}
