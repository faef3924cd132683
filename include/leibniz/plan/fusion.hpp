// After planning: the order the arrays are computed in, fusion, the loops of
// each nest, and what the caller supplies. Arrays are scheduled dependencies
// first; independent arrays over loops of the same extents (the same kind of
// reduction, or element-wise arrays) share one loop nest, and element-wise
// arrays that read earlier members of a nest only at their own element join
// it too. The innermost loop of a nest is the index most of its arrays have
// last (contiguous). Then the extents and inputs the plan reads are listed,
// sorted by name.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/plan/index_sets.hpp>
#include <leibniz/plan/loop_plan.hpp>
#include <leibniz/plan/terms.hpp>

namespace leibniz::plan {

/// Whether b can share a's loop nest: the same kind of array (element-wise,
/// or the same reduction) over loops of the same extents.
constexpr bool fusable(const context& c, const array& a, const array& b) {
    // A contraction keeps its nest to itself, a matrix-vector product too: it
    // could share a pass over the same rows with other sums (LayerNorm's
    // Σ_a G_sa γ_a beside Σ_a G_sa (X_sa - μ_s) γ_a), which helps the emitted
    // kernels, but the array evaluator then ran the attention block's
    // backward 3.5 times slower (measured in tools/bench.sh torch).
    if (a.kind != b.kind || a.contraction || b.contraction) return false;
    if (a.indices.size() != b.indices.size() || a.bound.size() != b.bound.size()) return false;
    for (std::size_t i = 0; i != a.indices.size(); ++i)
        if (c.extent_of(a.indices[i]) != c.extent_of(b.indices[i])) return false;
    for (std::size_t i = 0; i != a.bound.size(); ++i)
        if (c.extent_of(a.bound[i]) != c.extent_of(b.bound[i])) return false;
    return true;
}

/// b's body with its indices renamed to a's, position by position.
constexpr term renamed_like(const array& b, const array& a) {
    term t = b.body;
    std::vector<int> from, to;
    for (std::size_t i = 0; i != b.indices.size(); ++i) {
        from.push_back(b.indices[i]);
        to.push_back(a.indices[i]);
    }
    for (std::size_t i = 0; i != b.bound.size(); ++i) {
        from.push_back(b.bound[i]);
        to.push_back(a.bound[i]);
    }
    for (std::size_t i = 0; i != from.size(); ++i) t = ir::rename_index(std::move(t), from[i], -3000 - int(i));
    for (std::size_t i = 0; i != from.size(); ++i) t = ir::rename_index(std::move(t), -3000 - int(i), to[i]);
    return t;
}

/// Votes for the innermost loop: the last index of every element of rank 2
/// or more that t reads (a vector read is contiguous with its index inner and
/// loop-invariant with it outer: it has no say).
constexpr void count_last(const term& t, std::vector<int>& who, std::vector<int>& votes) {
    if (t.kind == op::sym && t.kids.size() >= 2 && t.kids.back().kind == op::idx) {
        int i = t.kids.back().id;
        bool found = false;
        for (std::size_t j = 0; j != who.size(); ++j)
            if (who[j] == i) {
                ++votes[j];
                found = true;
            }
        if (!found) {
            who.push_back(i);
            votes.push_back(1);
        }
    }
    for (const term& k : t.kids) count_last(k, who, votes);
}

/// The loops of a nest, outer to inner: the innermost is the index that
/// most arrays have last (contiguous); a reduction keeps its bound indices
/// outside unless they are the innermost (then it sums into registers).
constexpr std::vector<int> loop_order(const array& a, const std::vector<term>& bodies) {
    std::vector<int> who, votes;
    for (const term& b : bodies) count_last(b, who, votes);
    // the target's layout counts where it is written element by element; a
    // reduction over an innermost bound index sums in registers instead, so
    // there only what it reads decides (a row sum runs along the rows)
    if (a.bound.empty()) {
        term target = element(a.sym, a.indices);
        count_last(target, who, votes);
    }
    std::vector<int> all = a.indices;
    for (int k : a.bound) all.push_back(k);
    if (all.empty()) return all;
    int inner = a.indices.empty() ? a.bound.back() : a.indices.back();  // ties: the layout's last
    int best = 0;
    for (std::size_t j = 0; j != who.size(); ++j)
        if (who[j] == inner) best = votes[j];
    for (std::size_t j = 0; j != who.size(); ++j)
        if (contains(all, who[j]) && votes[j] > best) {
            inner = who[j];
            best = votes[j];
        }
    std::vector<int> order;
    if (contains(a.bound, inner)) {
        for (int i : a.indices) order.push_back(i);
        for (int k : a.bound)
            if (k != inner) order.push_back(k);
    } else {
        for (int k : a.bound) order.push_back(k);
        for (int i : a.indices)
            if (i != inner) order.push_back(i);
    }
    order.push_back(inner);
    return order;
}

constexpr bool contains_index_of(const std::vector<std::size_t>& v, std::size_t x) {
    for (std::size_t y : v)
        if (y == x) return true;
    return false;
}

/// Whether t reads array `sym` only at element (indices...).
constexpr bool read_pointwise(const term& t, int sym, const std::vector<int>& indices) {
    if (t.kind == op::sym && t.id == sym) {
        if (t.kids.size() != indices.size()) return false;
        for (std::size_t q = 0; q != indices.size(); ++q)
            if (t.kids[q].kind != op::idx || t.kids[q].id != indices[q]) return false;
        return true;
    }
    for (const term& k : t.kids)
        if (!read_pointwise(k, sym, indices)) return false;
    return true;
}

/// Symbols in the order of their names (a stable parameter order).
constexpr void sort_by_name(const context& c, std::vector<int>& v) {
    for (std::size_t i = 1; i < v.size(); ++i)
        for (std::size_t j = i; j > 0 && c.at(v[j]).name_view() < c.at(v[j - 1]).name_view(); --j) std::swap(v[j], v[j - 1]);
}

constexpr void finish(loop_plan& p) {
    // schedule: dependencies first; independent reductions over the same
    // loops next to each other, sharing one nest
    const std::size_t n = p.arrays.size();
    std::vector<std::vector<int>> reads(n);
    for (std::size_t i = 0; i != n; ++i) symbols_read(p.arrays[i].body, reads[i]);
    std::vector<int> done(n, 0);
    std::vector<array> out;
    auto ready = [&](std::size_t i) {
        if (done[i]) return false;
        for (std::size_t j = 0; j != n; ++j)
            if (!done[j] && j != i && contains(reads[i], p.arrays[j].sym)) return false;
        return true;
    };
    // below[i][j]: array i reads array j, directly or through others
    std::vector<std::vector<char>> below(n, std::vector<char>(n, 0));
    for (std::size_t i = 0; i != n; ++i) {
        std::vector<std::size_t> todo{i};
        while (!todo.empty()) {
            std::size_t at = todo.back();
            todo.pop_back();
            for (std::size_t j = 0; j != n; ++j)
                if (j != i && !below[i][j] && contains(reads[at], p.arrays[j].sym)) {
                    below[i][j] = 1;
                    todo.push_back(j);
                }
        }
    }
    // A ready array waits while an array it could share a nest with is not
    // ready yet and does not need it (Σ_s G_sb for dβ waits for Σ_s G_sb Ẑ_sb,
    // which needs the per-row factors: one pass over G for both), as long as
    // another ready array can go first.
    auto waits = [&](std::size_t i) {
        for (std::size_t j = 0; j != n; ++j)
            if (!done[j] && j != i && !ready(j) && !below[j][i] && fusable(p.ctx, p.arrays[i], p.arrays[j])) return true;
        return false;
    };
    while (out.size() != n) {
        std::size_t first = n, fallback = n;
        for (std::size_t i = 0; i != n && first == n; ++i)
            if (ready(i)) {
                if (fallback == n) fallback = i;
                if (!waits(i)) first = i;
            }
        if (first == n) first = fallback;
        std::vector<std::size_t> group{first};
        for (std::size_t i = 0; i != n; ++i)
            if (i != first && ready(i) && fusable(p.ctx, p.arrays[first], p.arrays[i])) group.push_back(i);
        // element-wise arrays that read earlier members of the group only at
        // their own element join it too (v[t], then γ_t / sqrt(v_t + ε)): the
        // nest computes its targets in order, each iteration on its own
        if (p.arrays[first].kind == array_kind::elementwise && !p.arrays[first].contraction) {
            for (bool grew = true; grew;) {
                grew = false;
                for (std::size_t i = 0; i != n; ++i) {
                    if (done[i] || contains_index_of(group, i) || !fusable(p.ctx, p.arrays[first], p.arrays[i])) continue;
                    bool ok = true;
                    for (std::size_t j = 0; j != n && ok; ++j) {
                        if (j == i || done[j] || !contains(reads[i], p.arrays[j].sym)) continue;
                        ok = contains_index_of(group, j) && read_pointwise(p.arrays[i].body, p.arrays[j].sym, p.arrays[i].indices);
                    }
                    if (ok) {
                        group.push_back(i);
                        grew = true;
                    }
                }
            }
        }
        std::vector<term> bodies;
        for (std::size_t g : group) bodies.push_back(renamed_like(p.arrays[g], p.arrays[first]));
        for (std::size_t g = 0; g != group.size(); ++g) {
            done[group[g]] = 1;
            array a = p.arrays[group[g]];
            a.fused = g != 0;
            if (g == 0) a.order = loop_order(a, bodies);
            out.push_back(std::move(a));
        }
    }
    p.arrays = std::move(out);
    // what the caller supplies
    for (const array& a : p.arrays) {
        for (int i : a.indices)
            if (!contains(p.extents, p.ctx.extent_of(i))) p.extents.push_back(p.ctx.extent_of(i));
        for (int i : a.bound)
            if (!contains(p.extents, p.ctx.extent_of(i))) p.extents.push_back(p.ctx.extent_of(i));
        std::vector<int> syms;
        symbols_read(a.body, syms);
        for (int s : syms) {
            const ir::sym_entry& e = p.ctx.at(s);
            if (e.kind == ir::sym_kind::extent) {
                if (!contains(p.extents, s)) p.extents.push_back(s);
            } else if (p.find(s) < 0 && !contains(p.inputs, s) && !ir::is_pi(e)) {  // π is written as a number
                p.inputs.push_back(s);
                for (int d = 0; d != e.rank; ++d)
                    if (!contains(p.extents, e.dims[d])) p.extents.push_back(e.dims[d]);
            }
        }
    }
    sort_by_name(p.ctx, p.extents);
    sort_by_name(p.ctx, p.inputs);
}

}  // namespace leibniz::plan
