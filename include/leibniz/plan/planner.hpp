// The planner: it walks each result and turns it into the arrays of a loop
// plan (plan/loop_plan.hpp). The walk (process) computes a term inside a
// loop nest; on its way it
//  - hoists subterms that depend on fewer indices than their nest into
//    arrays of their own (hoist, process_nary), and computes arrays equal up
//    to the names of their indices once (add_array);
//  - computes named intermediates with a reduction, a transcendental
//    function per element or an adjoint once into arrays, and inlines the
//    cheaper ones (intermediate);
//  - flattens nested sums of products and sums them out one index at a
//    time, cheapest first, marking contractions (GEMM, GEMV, dot) and outer
//    products (handle_sum, reduction, operand);
//  - shifts softmax shapes by their maximum (stabilize, maximum_of);
//  - merges sums with the same cofactors (plan/merge.hpp).
//
// Hoisting, intermediates, contractions and the softmax rewriting are member
// functions, and stay here: they recurse through the walk, which recurses
// through them, and they share the planner's state (the arrays made so far,
// the reductions seen, the intermediates planned, the definitions
// simplified). What needs no such state has a header of its own:
// plan/merge.hpp (merging sums), plan/softmax.hpp (recognising softmax
// shapes), plan/roots.hpp and plan/fusion.hpp (passes over the finished
// arrays). plan/loops.hpp runs them all in order.
#pragma once
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include <leibniz/calculus/derivative.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/plan/index_sets.hpp>
#include <leibniz/plan/loop_plan.hpp>
#include <leibniz/plan/merge.hpp>
#include <leibniz/plan/softmax.hpp>
#include <leibniz/plan/terms.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::plan {

[[noreturn]] inline void leibniz_error_cannot_plan_an_opaque_loss() { ::leibniz::detail::fail("leibniz_error_cannot_plan_an_opaque_loss"); }
[[noreturn]] inline void leibniz_error_a_free_index_of_the_result_is_not_an_output_index() { ::leibniz::detail::fail("leibniz_error_a_free_index_of_the_result_is_not_an_output_index"); }

struct planner {
    loop_plan& p;
    std::vector<int> given;    ///< intermediates whose values the caller supplies
    std::vector<int> planned;  ///< intermediates computed into arrays
    std::vector<int> temps;    ///< symbols made for arrays
    std::vector<term> reductions_seen;  ///< the reductions made, by reduction_key
    std::vector<int> simplified_ids;     ///< definitions simplified so far (definition's memory)
    std::vector<term> simplified_defs;

    // ---- symbols -------------------------------------------------------------------------------------
    constexpr int new_temp(const std::vector<int>& indices, std::string_view stem) {
        int id = new_array_symbol(p.ctx, indices, stem);
        temps.push_back(id);
        return id;
    }

    /// A symbol read as it is: an extent, an input, a given or planned
    /// intermediate, an array.
    constexpr bool leaf_symbol(int id) const {
        const ir::sym_entry& e = p.ctx.at(id);
        if (e.kind == ir::sym_kind::loss) leibniz_error_cannot_plan_an_opaque_loss();
        return e.def < 0 || contains(given, id) || contains(planned, id);
    }

    constexpr term definition(int id) {
        for (std::size_t i = 0; i != simplified_ids.size(); ++i)
            if (simplified_ids[i] == id) return simplified_defs[i];
        const ir::sym_entry e = p.ctx.at(id);
        term d = ir::simplify(p.ctx, p.ctx.defs[static_cast<std::size_t>(e.def)]);
        simplified_ids.push_back(id);
        simplified_defs.push_back(d);
        return d;
    }

    // ---- arrays ----------------------------------------------------------------------------------------
    /// The body with its indices named by position, for comparing arrays.
    static constexpr term by_position(const array& a) {
        term b = a.body;
        for (std::size_t i = 0; i != a.indices.size(); ++i) b = ir::rename_index(std::move(b), a.indices[i], -1000 - int(i));
        for (std::size_t i = 0; i != a.bound.size(); ++i) b = ir::rename_index(std::move(b), a.bound[i], -2000 - int(i));
        return b;
    }
    constexpr bool same_array(const array& a, const array& b) const {
        if (a.kind != b.kind || a.indices.size() != b.indices.size() || a.bound.size() != b.bound.size()) return false;
        for (std::size_t i = 0; i != a.indices.size(); ++i)
            if (p.ctx.extent_of(a.indices[i]) != p.ctx.extent_of(b.indices[i])) return false;
        for (std::size_t i = 0; i != a.bound.size(); ++i)
            if (p.ctx.extent_of(a.bound[i]) != p.ctx.extent_of(b.bound[i])) return false;
        return by_position(a) == by_position(b);
    }

    /// Add an array (or find the same one) and return its element at a's indices.
    constexpr term add_array(array a, std::string_view stem) {
        if (a.kind == array_kind::elementwise) a.contraction = outer_product(a);
        for (const array& b : p.arrays)
            if (same_array(a, b)) return element(b.sym, a.indices);
        a.sym = new_temp(a.indices, stem);
        int s = a.sym;
        std::vector<int> idx = a.indices;
        p.arrays.push_back(std::move(a));
        return element(s, idx);
    }

    /// body = a_x b_y (times a number) over indices (x, y).
    constexpr bool outer_product(const array& a) const {
        if (a.indices.size() != 2 || a.body.kind != op::mul) return false;
        std::vector<const term*> fs;
        for (const term& k : a.body.kids) {
            if (k.is_num()) continue;
            if (!plain_access(k) || k.kids.size() != 1) return false;
            fs.push_back(&k);
        }
        return fs.size() == 2 && fs[0]->kids[0].id != fs[1]->kids[0].id;
    }

    /// t computed once per value of its free indices `set`, in an array.
    constexpr term hoist(const term& t, const std::vector<int>& order) {
        array a;
        a.indices = order;
        a.body = process(t, order);
        if (plain_access(a.body) && a.body.kids.size() == order.size()) return a.body;  // already an array
        return add_array(std::move(a), "tmp");
    }

    // ---- intermediates -----------------------------------------------------------------------------------
    constexpr term intermediate(const term& t, const std::vector<int>& L) {
        const ir::sym_entry e = p.ctx.at(t.id);
        std::vector<int> params;
        for (int r = 0; r != e.rank; ++r) params.push_back(e.params[r]);
        term def = stabilize(definition(t.id));
        // a named adjoint is computed once, as a backward pass does
        bool adjoint = e.adjoint_of >= 0;
        if (adjoint || contains_sum(def) || costly_per_element(hoistless(def, params), params)) {
            planned.push_back(t.id);
            array a;
            a.sym = t.id;
            a.indices = params;
            a.body = process(def, params);
            p.arrays.push_back(std::move(a));
            return t;
        }
        term inst = ir::instantiate(p.ctx, t, ir::num(0));
        return process(stabilize(ir::simplify(p.ctx, inst)), L);
    }

    /// t with the subterms that depend on fewer than `all` indices dropped
    /// (they would be hoisted), to judge the cost per element.
    static constexpr term hoistless(const term& t, const std::vector<int>& all) {
        if (t.kind == op::add || t.kind == op::mul) {
            term out = ir::make(t.kind, {});
            for (const term& k : t.kids)
                if (same_set(ir::free_indices(k), all)) out.kids.push_back(hoistless(k, all));
            return out;
        }
        return ir::map_kids(t, [&](const term& k) { return hoistless(k, all); });
    }

    // ---- softmax: the shift by the maximum (the shapes are recognised in plan/softmax.hpp) -------------------
    /// M = max_j B over the free indices of Σ_j exp(B); its element.
    constexpr term maximum_of(const term& s) {
        std::vector<int> free = ir::free_indices(s);
        array a;
        a.kind = array_kind::maximum;
        a.indices = ordered(free, {}, s);
        a.bound = {s.id};
        std::vector<int> L = a.indices;
        L.push_back(s.id);
        a.body = process(s.kids[0].kids[0], L);
        return add_array(std::move(a), "max");
    }
    /// Softmax shapes shifted by their maximum.
    constexpr term stabilize(term t) {
        for (term& k : t.kids) k = stabilize(std::move(k));
        if (t.kind == op::mul) {
            for (std::size_t f = 0; f != t.kids.size(); ++f) {
                const term& d = t.kids[f];
                if (d.kind != op::pow || !d.kids[1].is_num() || !d.kids[1].value.is_integer() || !d.kids[1].value.is_negative())
                    continue;
                const term& s = d.kids[0];
                if (!sum_of_exp(s)) continue;
                // (Σ_j exp(B))^-n needs n terms exp(B_i) in the numerator, as
                // factors or as addends of one exponent (exp(h_i + h_k))
                long long need = -d.kids[1].value.num, found = 0;
                std::vector<std::size_t> exps;
                std::vector<long long> takes;
                for (std::size_t g = 0; g != t.kids.size() && found < need; ++g) {
                    if (t.kids[g].kind != op::exp) continue;
                    const term& a = t.kids[g].kids[0];
                    long long n = 0;
                    if (a.kind == op::add) {
                        for (const term& x : a.kids) n += matches(p.ctx, x, s) ? 1 : 0;
                    } else {
                        n = matches(p.ctx, a, s) ? 1 : 0;
                    }
                    if (n > need - found) n = need - found;
                    if (n == 0) continue;
                    exps.push_back(g);
                    takes.push_back(n);
                    found += n;
                }
                if (found != need) continue;
                term m = maximum_of(s);
                for (std::size_t e = 0; e != exps.size(); ++e) {
                    term shift = m;
                    if (takes[e] != 1) shift = ir::mul(ir::num(takes[e]), m);
                    t.kids[exps[e]] = ir::unary(op::exp, ir::sub(t.kids[exps[e]].kids[0], shift));
                }
                t.kids[f].kids[0] = shifted_sum(s, m);
            }
            return t;
        }
        if (t.kind == op::log) {
            term a = t.kids[0];
            if (a.kind == op::sym && p.ctx.at(a.id).def >= 0 && !contains(given, a.id)) {
                term inst = ir::simplify(p.ctx, ir::instantiate(p.ctx, a, ir::num(0)));
                if (softmax_ratio(p.ctx, inst)) a = inst;
            }
            if (sum_of_exp(a)) {  // log Σ exp(B) = M + log Σ exp(B - M)
                term m = maximum_of(a);
                return ir::add(m, ir::unary(op::log, shifted_sum(a, m)));
            }
            if (softmax_ratio(p.ctx, a)) {  // log(exp(A) / Σ exp(B)) = A - M - log Σ exp(B - M)
                const term* e = nullptr;
                const term* s = nullptr;
                for (const term& k : a.kids) {
                    if (k.kind == op::exp) e = &k;
                    if (k.kind == op::pow) s = &k.kids[0];
                }
                term m = maximum_of(*s);
                term out = ir::make(op::add, {});
                out.kids.push_back(e->kids[0]);
                out.kids.push_back(ir::neg(m));
                out.kids.push_back(ir::neg(ir::unary(op::log, shifted_sum(*s, m))));
                return out;
            }
        }
        return t;
    }

    // ---- sums: flatten, then sum out one index at a time ------------------------------------------------------
    struct sum_state {
        std::vector<int> bound;
        std::vector<term> factors;
        rational coef{1, 1};
    };
    /// Σ_k (a Σ_j (b c)) -> bound {k, j}, factors {a, b, c}; a bound index
    /// that is also used elsewhere is renamed first.
    constexpr void flatten(term t, sum_state& s, const term& scope, const std::vector<int>& outer) {
        int k = t.id;
        std::vector<int> outside = set_union(ir::free_indices(scope), outer);
        for (const term& f : s.factors) outside = set_union(outside, ir::free_indices(f));
        if (contains(s.bound, k) || contains(outside, k)) {
            int fresh = p.ctx.fresh_index(k);
            t.kids[0] = ir::rename_index(std::move(t.kids[0]), k, fresh);
            k = fresh;
        }
        s.bound.push_back(k);
        const term& body = t.kids[0];
        std::vector<term> fs;
        spliced(body, fs);
        for (const term& f : fs) {
            if (f.is_num()) s.coef = s.coef * f.value;
            else if (f.kind == op::sum) flatten(f, s, body, outer);
            else s.factors.push_back(f);
        }
    }

    /// The factors of a product, nested products spliced in (a b (c d) -> a, b, c, d).
    static constexpr void spliced(const term& t, std::vector<term>& out) {
        if (t.kind != op::mul) {
            out.push_back(t);
            return;
        }
        for (const term& k : t.kids) spliced(k, out);
    }

    constexpr term handle_sum(const term& t, const std::vector<int>& hint) {
        sum_state s;
        flatten(t, s, ir::num(0), ir::free_indices(t));
        // canonical factor order, whatever the indices are called
        for (std::size_t i = 1; i < s.factors.size(); ++i)
            for (std::size_t j = i; j > 0 && shape_compare(p.ctx, s.factors[j], s.factors[j - 1]) < 0; --j)
                std::swap(s.factors[j], s.factors[j - 1]);
        while (!s.bound.empty()) {
            std::size_t best = 0;
            std::size_t best_rank = static_cast<std::size_t>(-1);
            std::vector<int> best_k, best_u;
            for (std::size_t b = 0; b != s.bound.size(); ++b) {
                int k = s.bound[b];
                std::vector<int> u;
                bool any = false;
                for (const term& f : s.factors) {
                    std::vector<int> ff = ir::free_indices(f);
                    if (contains(ff, k)) {
                        any = true;
                        u = set_union(u, ff);
                    }
                }
                if (!any) {  // Σ_k c = extent(k) c
                    s.factors.push_back(ir::sym(p.ctx.extent_of(k)));
                    s.bound.erase(s.bound.begin() + static_cast<long>(b));
                    best_rank = static_cast<std::size_t>(-2);
                    break;
                }
                std::vector<int> ks{k};
                for (int k2 : s.bound) {
                    if (k2 == k || !contains(u, k2)) continue;
                    bool only_here = true;
                    for (const term& f : s.factors) {
                        std::vector<int> ff = ir::free_indices(f);
                        if (contains(ff, k2) && !contains(ff, k)) only_here = false;
                    }
                    if (only_here) ks.push_back(k2);
                }
                std::vector<int> rest = set_minus(u, ks);
                // ties: a reduction computed already is free
                bool better = rest.size() < best_rank;
                if (rest.size() == best_rank && !known_reduction(s.factors, best_k, best_u) && known_reduction(s.factors, ks, rest))
                    better = true;
                if (better) {
                    best = b;
                    best_rank = rest.size();
                    best_k = ks;
                    best_u = rest;
                }
            }
            if (best_rank == static_cast<std::size_t>(-2)) continue;
            (void)best;
            std::vector<term> in, out;
            for (const term& f : s.factors) {
                std::vector<int> ff = ir::free_indices(f);
                bool uses = false;
                for (int k : best_k) uses = uses || contains(ff, k);
                if (uses) in.push_back(f);
                else out.push_back(f);
            }
            term all = product(rational{1, 1}, in);
            std::vector<int> u = ordered(best_u, hint, all);
            out.push_back(reduction(best_k, in, u));
            s.factors = std::move(out);
            for (int k : best_k)
                for (std::size_t b = 0; b != s.bound.size(); ++b)
                    if (s.bound[b] == k) {
                        s.bound.erase(s.bound.begin() + static_cast<long>(b));
                        break;
                    }
        }
        return product(s.coef, s.factors);
    }

    /// The factors of `all` that use an index of `bound`, with the indices
    /// named by position: equal for two reductions that differ only in names.
    constexpr term reduction_key(const std::vector<term>& all, const std::vector<int>& bound, const std::vector<int>& u) const {
        std::vector<term> in;
        for (const term& f : all) {
            std::vector<int> ff = ir::free_indices(f);
            bool uses = false;
            for (int k : bound) uses = uses || contains(ff, k);
            if (uses) in.push_back(f);
        }
        term t = product(rational{1, 1}, in);
        std::vector<int> order = ordered(u, {}, t);
        for (std::size_t i = 0; i != order.size(); ++i) t = ir::rename_index(std::move(t), order[i], -1000 - int(i));
        for (std::size_t i = 0; i != bound.size(); ++i) t = ir::rename_index(std::move(t), bound[i], -2000 - int(i));
        return t;
    }
    constexpr bool known_reduction(const std::vector<term>& all, const std::vector<int>& bound, const std::vector<int>& u) const {
        if (bound.empty()) return false;
        term key = reduction_key(all, bound, u);
        for (const term& k : reductions_seen)
            if (k == key) return true;
        return false;
    }

    /// Σ_bound Π factors, over indices u.
    constexpr term reduction(const std::vector<int>& bound, const std::vector<term>& factors, const std::vector<int>& u) {
        reductions_seen.push_back(reduction_key(factors, bound, u));
        array a;
        a.kind = array_kind::sum;
        a.indices = u;
        a.bound = bound;
        // group the factors by their free indices
        std::vector<std::vector<int>> sets;
        std::vector<std::vector<term>> groups;
        for (const term& f : factors) {
            std::vector<int> ff = ir::free_indices(f);
            bool placed = false;
            for (std::size_t g = 0; g != sets.size() && !placed; ++g)
                if (same_set(sets[g], ff)) {
                    groups[g].push_back(f);
                    placed = true;
                }
            if (!placed) {
                sets.push_back(ff);
                groups.push_back({f});
            }
        }
        bool contraction = bound.size() == 1 && sets.size() == 2 && sets[0].size() <= 2 && sets[1].size() <= 2 &&
                           contains(sets[0], bound[0]) && contains(sets[1], bound[0]);
        if (contraction)
            for (int x : sets[0])
                if (x != bound[0] && contains(sets[1], x)) contraction = false;
        // A matrix-vector product or a dot product is a contraction only where
        // its operands are read as they are: an operand that is a product of
        // its own (G (X - μ) against γ) would be written to a temporary the
        // size of the data and read back, where the loop reads it in place
        // and shares the pass with the other sums over the same rows. Matrix
        // products are contractions in any case (their work outgrows the
        // temporary).
        auto read_as_is = [&](const std::vector<term>& group, const std::vector<int>& set) {
            return group.size() == 1 && plain_access(group[0]) && group[0].kids.size() == set.size();
        };
        const bool matrix_product = contraction && sets[0].size() == 2 && sets[1].size() == 2;
        if (contraction && !matrix_product && !(read_as_is(groups[0], sets[0]) && read_as_is(groups[1], sets[1])))
            contraction = false;
        // a · b: one group, two vectors over the bound index, each read as it is
        if (bound.size() == 1 && sets.size() == 1 && sets[0].size() == 1 && groups[0].size() == 2 && u.empty() &&
            read_as_is({groups[0][0]}, sets[0]) && read_as_is({groups[0][1]}, sets[0])) {
            term x = operand({groups[0][0]}, sets[0]);
            term y = operand({groups[0][1]}, sets[0]);
            a.body = ir::mul(std::move(x), std::move(y));
            a.contraction = true;
            return add_array(std::move(a), "sum");
        }
        if (contraction) {
            term x = operand(groups[0], sets[0]);
            term y = operand(groups[1], sets[1]);
            a.body = ir::mul(std::move(x), std::move(y));
            a.contraction = true;
        } else {
            std::vector<int> L = u;
            for (int k : bound) L.push_back(k);
            a.body = process(product(rational{1, 1}, factors), L);
        }
        return add_array(std::move(a), "sum");
    }

    /// A contraction operand: a plain array, computed into one if need be.
    constexpr term operand(const std::vector<term>& group, const std::vector<int>& set) {
        term g = product(rational{1, 1}, group);
        std::vector<int> order = ordered(set, {}, g);
        term r = process(g, order);
        if (plain_access(r) && r.kids.size() == set.size()) return r;
        array a;
        a.indices = order;
        a.body = std::move(r);
        return add_array(std::move(a), "tmp");
    }

    // ---- the walk ----------------------------------------------------------------------------------------------
    /// t as computed inside a loop nest over L (in nest order).
    constexpr term process(term t, const std::vector<int>& L) {
        switch (t.kind) {
            case op::num:
            case op::idx: return t;
            case op::sym:
                if (p.ctx.at(t.id).kind == ir::sym_kind::extent || leaf_symbol(t.id)) return t;
                return intermediate(t, L);
            case op::sum: return process(handle_sum(t, L), L);
            default: break;
        }
        std::vector<int> F = ir::free_indices(t);
        if (F.size() < L.size() && !trivial(t)) return hoist(t, ordered(F, L, t));
        if (t.kind == op::add) {
            term m = sum_merger{p.ctx}.merge_sums(t);
            if (m.kind != op::add) return process(std::move(m), L);
            t = std::move(m);
        }
        if (t.kind == op::add || t.kind == op::mul) return process_nary(std::move(t), L);
        for (term& k : t.kids) k = process(std::move(k), L);
        return t;
    }

    /// + and ×: the operands that depend on fewer indices than the nest,
    /// grouped by their indices and computed once per group.
    constexpr term process_nary(term t, const std::vector<int>& L) {
        const bool is_mul = t.kind == op::mul;
        // nested sums and products as written (a + (b + c)) become one
        bool nested = false;
        for (const term& k : t.kids) nested = nested || k.kind == t.kind;
        if (nested) {
            std::vector<term> flat;
            for (term& k : t.kids) {
                if (k.kind == t.kind) {
                    for (term& g : k.kids) flat.push_back(std::move(g));
                } else {
                    flat.push_back(std::move(k));
                }
            }
            t.kids = std::move(flat);
            return process_nary(std::move(t), L);
        }
        rational coef{1, 1};
        std::vector<term> rest;
        std::vector<std::vector<int>> sets;
        std::vector<std::vector<term>> groups;
        for (term& k : t.kids) {
            if (k.is_num()) {
                if (is_mul) coef = coef * k.value;
                else rest.push_back(std::move(k));
                continue;
            }
            std::vector<int> F = ir::free_indices(k);
            if (F.size() == L.size()) {
                rest.push_back(std::move(k));
                continue;
            }
            bool placed = false;
            for (std::size_t g = 0; g != sets.size() && !placed; ++g)
                if (same_set(sets[g], F)) {
                    groups[g].push_back(std::move(k));
                    placed = true;
                }
            if (!placed) {
                sets.push_back(F);
                groups.push_back({});
                groups.back().push_back(std::move(k));
            }
        }
        // a group whose indices are in another's joins the smallest such
        for (std::size_t g = 0; g != sets.size(); ++g) {
            std::size_t into = sets.size();
            for (std::size_t h = 0; h != sets.size(); ++h)
                if (h != g && !groups[h].empty() && sets[g].size() < sets[h].size() && subset(sets[g], sets[h]) &&
                    (into == sets.size() || sets[h].size() < sets[into].size()))
                    into = h;
            if (into == sets.size() || groups[g].empty()) continue;
            for (term& k : groups[g]) groups[into].push_back(std::move(k));
            groups[g].clear();
        }
        bool coef_used = !is_mul || coef.is_one();
        for (std::size_t g = 0; g != sets.size(); ++g) {
            if (groups[g].empty()) continue;
            bool worth = groups[g].size() >= 2 || !trivial(groups[g][0]);
            if (!worth) {
                rest.push_back(std::move(groups[g][0]));
                continue;
            }
            std::vector<term> ms = std::move(groups[g]);
            for (std::size_t i = 1; i < ms.size(); ++i)
                for (std::size_t j = i; j > 0 && shape_compare(p.ctx, ms[j], ms[j - 1]) < 0; --j) std::swap(ms[j], ms[j - 1]);
            term node;
            if (is_mul) {
                rational c{1, 1};
                if (!coef_used) {
                    c = coef;
                    coef_used = true;
                }
                node = product(c, ms);
            } else {
                if (ms.size() == 1) node = std::move(ms[0]);
                else node = ir::make(op::add, std::move(ms));
            }
            std::vector<int> order = ordered(sets[g], L, node);
            rest.push_back(hoist(node, order));
        }
        for (term& k : rest) k = process(std::move(k), L);
        if (is_mul) {
            if (!coef_used) rest.insert(rest.begin(), ir::num(coef));
            if (rest.empty()) return ir::num(1);
            if (rest.size() == 1) return rest[0];
            return ir::make(op::mul, std::move(rest));
        }
        if (rest.size() == 1) return rest[0];
        return ir::make(op::add, std::move(rest));
    }

    // ---- results --------------------------------------------------------------------------------------------
    constexpr void plan_result(const term& root, const std::vector<int>& order, int which) {
        if (!subset(ir::free_indices(root), order)) leibniz_error_a_free_index_of_the_result_is_not_an_output_index();
        term body = process(stabilize(root), order);
        // a reduction that is the whole result is computed in place
        if (plain_access(body) && contains(temps, body.id)) {
            bool same = body.kids.size() == order.size();
            for (std::size_t i = 0; same && i != order.size(); ++i) same = body.kids[i].id == order[i];
            int at = p.find(body.id);
            if (same && at >= 0 && !p.arrays[static_cast<std::size_t>(at)].is_output() &&
                p.arrays[static_cast<std::size_t>(at)].indices == order) {
                p.arrays[static_cast<std::size_t>(at)].output = which;
                return;
            }
        }
        array a;
        a.indices = order;
        a.body = std::move(body);
        a.output = which;
        a.contraction = outer_product(a);
        a.sym = new_temp(order, "out");
        p.arrays.push_back(std::move(a));
    }
};

}  // namespace leibniz::plan
