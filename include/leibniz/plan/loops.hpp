// The loop plan of one or more results: the arrays to compute, in order,
// each either element-wise (temp[indices] = body) or a reduction
// (temp[indices] = Σ or max over its bound indices of a sum-free body).
// Emitters print it as source code; the array evaluator compiles it.
//
// What the planner does with a result:
//  - every summation becomes an array over the free indices it depends on
//    (Σ_k f(k, t) is one pass over (k, t), not one per output element);
//  - nested sums of products are flattened and summed out one index at a
//    time, cheapest first (the rank of what is left), so that a chain of
//    matrix products is evaluated as backpropagation does it; a sum of the
//    product of two plain arrays is marked as a contraction (GEMM, GEMV,
//    dot), as is an outer product a_x b_y;
//  - sums with the same cofactors are merged first (Σ y R - Σ ȳ R -> Σ (y - ȳ) R);
//  - subterms that depend on fewer indices than their loop nest (γ_t / sqrt(v_t + ε)
//    inside a loop over (s, t)) are computed once into arrays of their own;
//  - arrays equal up to the names of their indices are computed once, across
//    all results; named intermediates with a reduction or a transcendental
//    function per element are computed once into arrays, cheaper ones are
//    inlined where they are used;
//  - softmax shapes exp(h_i) / Σ_j exp(h_j) and log Σ_j exp(h_j) are shifted
//    by max_j h_j, so that large logits neither overflow nor lose the result;
//  - independent arrays over the same loops (reductions, or element-wise
//    arrays) share one loop nest.
//
// The planner is split by concern:
//   plan/loop_plan.hpp   the data model: arrays, their kinds, the plan
//   plan/index_sets.hpp  index sets and index orders
//   plan/terms.hpp       term helpers: products, elements, cost tests
//   plan/merge.hpp       merging sums with the same cofactors
//   plan/softmax.hpp     recognising softmax shapes
//   plan/planner.hpp     the walk: hoisting, intermediates, contractions,
//                        the softmax shift (one class, its passes recurse)
//   plan/roots.hpp       square roots shared between arrays
//   plan/fusion.hpp      scheduling, fusion, loop orders, inputs
// and this header runs them in order.
#pragma once
#include <cstddef>
#include <vector>

#include <leibniz/ir/freeze.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/plan/fusion.hpp>
#include <leibniz/plan/loop_plan.hpp>
#include <leibniz/plan/planner.hpp>
#include <leibniz/plan/roots.hpp>

namespace leibniz::plan {

/// Plan results roots[r] over indices orders[r] (their layout), sharing
/// their work; the intermediates in `given` are inputs.
constexpr loop_plan plan_program(const context& ctx, const std::vector<term>& roots, const std::vector<std::vector<int>>& orders,
                                 const std::vector<int>& given = {}) {
    loop_plan p;
    p.ctx = ctx;
    // Assumptions served the simplification of the results; definitions are
    // computed as defined (Σ_i Y_il -> B m_l would make m its own definition).
    p.ctx.rule_lhs.clear();
    p.ctx.rule_rhs.clear();
    p.outputs = orders;
    if (!orders.empty()) p.output_indices = orders[0];
    planner pl{p, given, {}, {}, {}, {}, {}};
    for (std::size_t r = 0; r != roots.size(); ++r) pl.plan_result(roots[r], orders[r], static_cast<int>(r));
    share_roots(p);
    finish(p);
    return p;
}

/// Plan the computation of `root` over its free indices in the given order.
constexpr loop_plan plan_loops(const ir::bundle& b, const std::vector<int>& output_indices) {
    std::vector<term> roots{b.root};
    std::vector<std::vector<int>> orders{output_indices};
    return plan_program(b.ctx, roots, orders);
}

}  // namespace leibniz::plan
