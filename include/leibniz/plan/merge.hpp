// Merging sums with the same cofactors, a pass of its own that needs only
// the context (for extents and fresh index names): the terms
// c O Σ_k f + c' O Σ_k' f' of an add become O Σ_k (c f + c' f') when f and
// f' share a factor (Σ y R - Σ ȳ R -> Σ (y - ȳ) R), and the factors common
// to every term of the new body are pulled out of it in turn. The planner
// runs it on every add it walks (plan/planner.hpp, process).
//
// It is a struct rather than free functions so that its helpers keep names
// of their own: ir:: has a merge_sums of the same shape, which
// argument-dependent lookup would otherwise find too.
#pragma once
#include <cstddef>
#include <vector>

#include <leibniz/ir/term.hpp>
#include <leibniz/plan/terms.hpp>

namespace leibniz::plan {

struct sum_merger {
    context& ctx;

    struct split_term {
        rational coef{1, 1};
        std::vector<term> others;
        term sum;
        bool ok = false;
    };
    static constexpr split_term split_sum_term(const term& t) {
        split_term s;
        std::vector<term> fs;
        if (t.kind == op::mul) fs = t.kids;
        else fs.push_back(t);
        int sums = 0;
        for (const term& f : fs) {
            if (f.is_num()) s.coef = s.coef * f.value;
            else if (f.kind == op::sum) {
                s.sum = f;
                ++sums;
            } else {
                s.others.push_back(f);
            }
        }
        s.ok = sums == 1;
        return s;
    }
    /// Pull factors common to every term out of an add: c (x + y) for c x + c y.
    constexpr term factor_out(const term& t) {
        if (t.kind != op::add) return t;
        std::vector<term> common;
        for (const term& f : ir::nonnumeric_factors(t.kids[0])) {
            bool everywhere = true;
            for (std::size_t i = 1; i != t.kids.size() && everywhere; ++i) {
                bool found = false;
                for (const term& g : ir::nonnumeric_factors(t.kids[i])) found = found || g == f;
                everywhere = found;
            }
            if (everywhere && !contains_term(common, f)) common.push_back(f);
        }
        if (common.empty()) return t;
        term rest = ir::make(op::add, {});
        for (const term& k : t.kids) {
            rational coef{1, 1};
            std::vector<term> left, used;
            std::vector<term> fs;
            if (k.kind == op::mul) fs = k.kids;
            else fs.push_back(k);
            for (const term& f : fs) {
                if (f.is_num()) {
                    coef = coef * f.value;
                } else if (contains_term(common, f) && !contains_term(used, f)) {
                    used.push_back(f);
                } else {
                    left.push_back(f);
                }
            }
            rest.kids.push_back(product(coef, left));
        }
        std::vector<term> out = common;
        out.push_back(merge_sums(rest));
        return product(rational{1, 1}, out);
    }
    static constexpr bool contains_term(const std::vector<term>& v, const term& t) {
        for (const term& x : v)
            if (x == t) return true;
        return false;
    }

    /// Terms c O Σ_k f and c' O Σ_k' f' with the same cofactors O become
    /// O Σ_k (c f + c' f') when f and f' share a factor (pulled out in turn).
    constexpr term merge_sums(const term& t) {
        if (t.kind != op::add) return t;
        std::vector<split_term> parts;
        for (const term& k : t.kids) parts.push_back(split_sum_term(k));
        std::vector<int> used(t.kids.size(), 0);  // not vector<bool>: clang 14 cannot run it in constant evaluation
        term out = ir::make(op::add, {});
        for (std::size_t i = 0; i != t.kids.size(); ++i) {
            if (used[i]) continue;
            used[i] = 1;
            if (!parts[i].ok) {
                out.kids.push_back(t.kids[i]);
                continue;
            }
            std::vector<std::size_t> group{i};
            for (std::size_t j = i + 1; j != t.kids.size(); ++j) {
                if (used[j] || !parts[j].ok || !same_cofactors(parts[i].others, parts[j].others)) continue;
                if (ctx.extent_of(parts[i].sum.id) != ctx.extent_of(parts[j].sum.id)) continue;
                if (!share_factor(parts[i].sum.kids[0], parts[j].sum.kids[0])) continue;
                group.push_back(j);
                used[j] = 1;
            }
            if (group.size() == 1) {
                out.kids.push_back(t.kids[i]);
                continue;
            }
            // the first sum's index, unless another term uses it freely
            int k = parts[i].sum.id;
            for (std::size_t g : group)
                if (g != i && ir::contains_index(parts[g].sum, k)) k = -1;
            if (k < 0) k = ctx.fresh_index(parts[i].sum.id);
            term body = ir::make(op::add, {});
            for (std::size_t g : group)
                body.kids.push_back(scaled(parts[g].coef, ir::rename_index(parts[g].sum.kids[0], parts[g].sum.id, k)));
            std::vector<term> fs = parts[i].others;
            fs.push_back(ir::sum(k, factor_out(body)));
            out.kids.push_back(product(rational{1, 1}, fs));
        }
        if (out.kids.size() == 1) return out.kids[0];
        return out;
    }
    constexpr bool same_cofactors(std::vector<term> a, std::vector<term> b) const {
        if (a.size() != b.size()) return false;
        for (const term& x : a) {
            bool found = false;
            for (term& y : b)
                if (!found && y == x) {
                    y = ir::num(0);
                    found = true;
                }
            if (!found) return false;
        }
        return true;
    }
    static constexpr bool share_factor(const term& a, const term& b) {
        for (const term& f : ir::nonnumeric_factors(a))
            for (const term& g : ir::nonnumeric_factors(b))
                if (f == g) return true;
        return false;
    }

};

}  // namespace leibniz::plan
