// The softmax shapes the planner shifts by their maximum, recognised:
// Σ_j exp(B), exp(A) (Σ_j exp(B))^-1 with A a term of the sum, and the
// shifted sum Σ_j exp(B - M) that replaces Σ_j exp(B).
//
// Only the recognisers live here. The rewriting itself (planner::stabilize,
// and planner::maximum_of, which makes the array M = max_j B) stays in the
// planner class: M is planned through the planner's walk, so that its body
// is hoisted and shared like any other array.
#pragma once
#include <cstddef>

#include <leibniz/ir/term.hpp>
#include <leibniz/plan/loop_plan.hpp>

namespace leibniz::plan {

/// Σ_j exp(B): the bound index and B, else null.
constexpr const term* sum_of_exp(const term& t) {
    if (t.kind == op::sum && t.kids[0].kind == op::exp) return &t.kids[0].kids[0];
    return nullptr;
}

/// Σ_j exp(B - M)
constexpr term shifted_sum(const term& s, const term& m) {
    return ir::sum(s.id, ir::unary(op::exp, ir::sub(s.kids[0].kids[0], m)));
}

/// Whether exp(a) is a term of Σ_j exp(B): a = B with j renamed to a free index of a.
constexpr bool matches(const context& ctx, const term& a, const term& s) {
    for (int i : ir::free_indices(a)) {
        if (ctx.extent_of(i) != ctx.extent_of(s.id) || ir::contains_index(s, i)) continue;
        if (ir::rename_index(s.kids[0].kids[0], s.id, i) == a) return true;
    }
    return false;
}

/// exp(A) (Σ_j exp(B))^-1 with A a term of the sum.
constexpr bool softmax_ratio(const context& ctx, const term& t) {
    if (t.kind != op::mul || t.kids.size() != 2) return false;
    for (int f = 0; f != 2; ++f) {
        const term& e = t.kids[static_cast<std::size_t>(f)];
        const term& d = t.kids[static_cast<std::size_t>(1 - f)];
        if (e.kind == op::exp && d.kind == op::pow && d.kids[1].is_num(-1) && sum_of_exp(d.kids[0]) &&
            matches(ctx, e.kids[0], d.kids[0]))
            return true;
    }
    return false;
}

}  // namespace leibniz::plan
