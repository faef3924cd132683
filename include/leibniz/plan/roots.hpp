// Square roots shared between arrays, a pass over the finished list of
// arrays (after every result is planned, before fusion). x^(k/2) for the
// same x in several arrays (γ_t / sqrt(v_t + ε) and (v_t + ε)^(-3/2) in the
// per-column factors of batch-norm backward): r = x^(-1/2) is computed once,
// into an array over x's indices, and each x^(k/2) becomes r^(-k), products
// only (r = sqrt(x) and r^k where some k is positive). Only for x smaller
// than the largest arrays, so that r costs no pass of its own over them.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

#include <leibniz/ir/term.hpp>
#include <leibniz/plan/index_sets.hpp>
#include <leibniz/plan/loop_plan.hpp>
#include <leibniz/plan/terms.hpp>

namespace leibniz::plan {

struct root_sharing {
    loop_plan& p;

    struct root_use {
        std::size_t array_at;
        term key;                  ///< x with its free indices named by position
        std::vector<int> indices;  ///< x's free indices, in order of appearance
        long long k;               ///< the power is x^(k/2)
    };
    constexpr term root_key(const term& base, const std::vector<int>& idx) const {
        term k = base;
        for (std::size_t i = 0; i != idx.size(); ++i) k = ir::rename_index(std::move(k), idx[i], -3000 - int(i));
        return k;
    }
    static constexpr bool half_power(const term& t) {
        return t.kind == op::pow && t.kids[1].is_num() && t.kids[1].value.den == 2 && !t.kids[0].is_num() &&
               !contains_sum(t.kids[0]);
    }
    constexpr void find_roots(const term& t, std::size_t at, std::vector<root_use>& out) const {
        if (half_power(t)) {
            std::vector<int> idx = appearance(t.kids[0]);
            out.push_back({at, root_key(t.kids[0], idx), std::move(idx), t.kids[1].value.num});
        }
        for (const term& k : t.kids) find_roots(k, at, out);
    }
    constexpr bool same_root(const root_use& a, const root_use& b) const {
        if (a.indices.size() != b.indices.size() || !(a.key == b.key)) return false;
        for (std::size_t i = 0; i != a.indices.size(); ++i)
            if (p.ctx.extent_of(a.indices[i]) != p.ctx.extent_of(b.indices[i])) return false;
        return true;
    }
    /// t with x^(k/2) replaced by r^(sign k) wherever x matches `use` (r = x^(sign/2)).
    constexpr term replace_roots(term t, const root_use& use, int r, long long sign) const {
        for (term& k : t.kids) k = replace_roots(std::move(k), use, r, sign);
        if (!half_power(t)) return t;
        std::vector<int> idx = appearance(t.kids[0]);
        if (idx.size() != use.indices.size() || !(root_key(t.kids[0], idx) == use.key)) return t;
        term elem = element(r, idx);
        const rational k = rational::make(sign * t.kids[1].value.num, 1);
        if (k.is_one()) return elem;
        return ir::make(op::pow, {std::move(elem), ir::num(k)});
    }
    constexpr void run() {
        std::size_t largest = 0;
        for (const array& a : p.arrays) largest = std::max(largest, a.indices.size() + a.bound.size());
        std::vector<root_use> uses;
        for (std::size_t i = 0; i != p.arrays.size(); ++i)
            if (!p.arrays[i].contraction) find_roots(p.arrays[i].body, i, uses);
        std::vector<int> shared(uses.size(), 0);
        for (std::size_t u = 0; u != uses.size(); ++u) {
            if (shared[u] || uses[u].indices.size() >= largest) continue;
            bool in_another = false, positive = uses[u].k > 0;
            for (std::size_t w = u + 1; w != uses.size(); ++w)
                if (same_root(uses[u], uses[w])) {
                    shared[w] = 1;
                    in_another = in_another || uses[w].array_at != uses[u].array_at;
                    positive = positive || uses[w].k > 0;
                }
            if (!in_another) continue;
            const root_use use = uses[u];
            // the base as it appears in its first array, indices and all
            term base = use.key;
            for (std::size_t i = 0; i != use.indices.size(); ++i) base = ir::rename_index(std::move(base), -3000 - int(i), use.indices[i]);
            array r;
            r.indices = use.indices;
            const long long sign = positive ? 1 : -1;
            r.body = ir::make(op::pow, {std::move(base), ir::num(sign, 2)});
            r.sym = new_array_symbol(p.ctx, r.indices, positive ? "sqrt" : "rsqrt");
            const int sym = r.sym;
            for (array& a : p.arrays)
                if (!a.contraction) a.body = replace_roots(std::move(a.body), use, sym, sign);
            p.arrays.push_back(std::move(r));
        }
    }
};

constexpr void share_roots(loop_plan& p) { root_sharing{p}.run(); }

}  // namespace leibniz::plan
