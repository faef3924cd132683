// Assumptions as rewrite rules: an assumption e = 0 (assume_zero) is solved
// for its first term with a sum in it, and the simplifier rewrites that sum
// wherever it meets it.
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/simplify/canonical.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_an_assumption_must_contain_a_sum() { ::leibniz::detail::fail("leibniz_error_an_assumption_must_contain_a_sum"); }

/// Turn `e = 0` into a rewrite rule: its first term with a sum in it,
/// solved for (Σ_i Y_il - B m_l = 0 gives Σ_i Y_il -> B m_l).
constexpr void add_rule(context& c, const term& e) {
    term z = canonical(c, e);
    std::vector<term> terms;
    if (z.kind == op::add)
        terms = z.kids;
    else
        terms.push_back(z);
    for (std::size_t i = 0; i != terms.size(); ++i) {
        auto [q, lhs] = split_coefficient(terms[i]);
        if (lhs.kind != op::sum) continue;
        std::vector<term> rest;
        for (std::size_t j = 0; j != terms.size(); ++j)
            if (j != i) rest.push_back(mul(num(-(rational{1, 1} / q)), terms[j]));
        term rhs = num(0);
        if (!rest.empty()) rhs = simplify(c, make(op::add, std::move(rest)));
        c.rule_lhs.push_back(std::move(lhs));
        c.rule_rhs.push_back(std::move(rhs));
        return;
    }
    leibniz_error_an_assumption_must_contain_a_sum();
}

}  // namespace leibniz::ir
