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
#pragma once
#include <algorithm>

#include <leibniz/calculus/derivative.hpp>
#include <leibniz/ir/compare.hpp>
#include <leibniz/ir/freeze.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::emit {

using ir::context;
using ir::op;
using ir::rational;
using ir::term;

enum class array_kind : unsigned char {
    elementwise,  ///< temp[indices] = body
    sum,          ///< temp[indices] = Σ_bound body
    maximum       ///< temp[indices] = max_bound body
};

struct array {
    int sym = -1;              ///< its symbol: a temporary, or the intermediate it holds
    std::vector<int> indices;  ///< its indices, in the order of its row-major layout
    term body;                 ///< sum-free; reads inputs and earlier arrays as tensor elements
    array_kind kind = array_kind::elementwise;
    std::vector<int> bound;    ///< sum / maximum: the indices reduced over
    /// sum: body = a * b, two plain arrays sharing the one bound index
    /// (GEMM, GEMV, dot); elementwise: body = a_x b_y (outer product)
    bool contraction = false;
    int output = -1;           ///< the result it is, or -1
    bool fused = false;        ///< computed in the loop nest of the array before it
    std::vector<int> order;    ///< the nest's loops, outer to inner (for the first array of a nest)

    constexpr bool is_output() const { return output >= 0; }
};

struct loop_plan {
    context ctx;
    std::vector<array> arrays;              ///< in the order they are computed
    std::vector<int> inputs;                ///< symbols read from the caller (tensors, scalars)
    std::vector<int> extents;               ///< extents used
    std::vector<std::vector<int>> outputs;  ///< each result's indices, in layout order
    std::vector<int> output_indices;        ///< outputs[0]

    /// The array with symbol `sym`, or -1.
    constexpr int find(int sym) const {
        for (std::size_t i = 0; i != arrays.size(); ++i)
            if (arrays[i].sym == sym) return static_cast<int>(i);
        return -1;
    }
};

void leibniz_error_cannot_plan_an_opaque_loss();
void leibniz_error_a_free_index_of_the_result_is_not_an_output_index();

constexpr bool contains(const std::vector<int>& v, int x) {
    for (int y : v)
        if (y == x) return true;
    return false;
}
constexpr bool subset(const std::vector<int>& a, const std::vector<int>& b) {
    for (int x : a)
        if (!contains(b, x)) return false;
    return true;
}
constexpr bool same_set(const std::vector<int>& a, const std::vector<int>& b) {
    return a.size() == b.size() && subset(a, b);
}
constexpr std::vector<int> set_union(std::vector<int> a, const std::vector<int>& b) {
    for (int x : b)
        if (!contains(a, x)) a.push_back(x);
    return a;
}
constexpr std::vector<int> set_minus(const std::vector<int>& a, const std::vector<int>& b) {
    std::vector<int> out;
    for (int x : a)
        if (!contains(b, x)) out.push_back(x);
    return out;
}

/// Free indices in order of first appearance.
constexpr void appearance(const term& t, std::vector<int>& out, std::vector<int>& bound) {
    if (t.kind == op::idx) {
        if (!contains(bound, t.id) && !contains(out, t.id)) out.push_back(t.id);
        return;
    }
    if (t.kind == op::sum) bound.push_back(t.id);
    for (const term& k : t.kids) appearance(k, out, bound);
    if (t.kind == op::sum) bound.pop_back();
}
constexpr std::vector<int> appearance(const term& t) {
    std::vector<int> out, bound;
    appearance(t, out, bound);
    return out;
}

/// `set` ordered as in `preferred` first, then as the indices appear in t.
constexpr std::vector<int> ordered(const std::vector<int>& set, const std::vector<int>& preferred, const term& t) {
    std::vector<int> out;
    for (int x : preferred)
        if (contains(set, x) && !contains(out, x)) out.push_back(x);
    for (int x : appearance(t))
        if (contains(set, x) && !contains(out, x)) out.push_back(x);
    for (int x : set)
        if (!contains(out, x)) out.push_back(x);
    return out;
}

/// The structural order of ir/compare.hpp with index names ignored, so that
/// factor lists sort the same way whatever their indices are called.
constexpr int shape_compare(const context& c, const term& a, const term& b) {
    if (a.kind != b.kind) return ir::sign_of(ir::kind_rank(a.kind) - ir::kind_rank(b.kind));
    if (a.kind == op::num) {
        if (a.value == b.value) return 0;
        return a.value < b.value ? -1 : 1;
    }
    if (a.kind == op::idx) return 0;
    if (a.kind == op::sym)
        if (int r = ir::compare_symbols(c, a.id, b.id)) return r;
    std::size_t n = a.kids.size() < b.kids.size() ? a.kids.size() : b.kids.size();
    for (std::size_t i = 0; i != n; ++i)
        if (int r = shape_compare(c, a.kids[i], b.kids[i])) return r;
    return ir::sign_of(int(a.kids.size()) - int(b.kids.size()));
}

constexpr term product(rational coef, const std::vector<term>& factors) {
    std::vector<term> kids;
    if (!coef.is_one() || factors.empty()) kids.push_back(ir::num(coef));
    for (const term& f : factors) kids.push_back(f);
    if (kids.size() == 1) return kids[0];
    return ir::make(op::mul, std::move(kids));
}

/// coef t, with a product's factors kept in one product.
constexpr term scaled(rational coef, const term& t) {
    std::vector<term> fs;
    if (t.kind == op::mul) {
        for (const term& f : t.kids) {
            if (f.is_num()) coef = coef * f.value;
            else fs.push_back(f);
        }
    } else if (t.is_num()) {
        coef = coef * t.value;
    } else {
        fs.push_back(t);
    }
    return product(coef, fs);
}

/// An element of an array: sym(id) with index kids.
constexpr term element(int sym, const std::vector<int>& indices) {
    term r = ir::sym(sym);
    for (int i : indices) r.kids.push_back(ir::idx(i));
    return r;
}

/// An element of a symbol with distinct indices (a plain array access).
constexpr bool plain_access(const term& t) {
    if (t.kind != op::sym || t.kids.empty()) return false;
    for (std::size_t i = 0; i != t.kids.size(); ++i) {
        if (t.kids[i].kind != op::idx) return false;
        for (std::size_t j = 0; j != i; ++j)
            if (t.kids[j].id == t.kids[i].id) return false;
    }
    return true;
}

/// Loads, numbers and negated loads: nothing worth computing ahead.
constexpr bool trivial(const term& t) {
    if (t.kind == op::num || t.kind == op::idx) return true;
    if (t.kind == op::sym) {
        for (const term& k : t.kids)
            if (k.kind != op::idx) return false;
        return true;
    }
    if (t.kind == op::mul && t.kids.size() == 2 && t.kids[0].is_num()) return trivial(t.kids[1]);
    return false;
}

constexpr bool contains_sum(const term& t) {
    if (t.kind == op::sum) return true;
    for (const term& k : t.kids)
        if (contains_sum(k)) return true;
    return false;
}

/// A transcendental function or a division per element of the whole set.
constexpr bool costly_per_element(const term& t, const std::vector<int>& all) {
    bool costly = (ir::is_function(t.kind) && ir::row(t.kind).costly) ||
                  (t.kind == op::pow && (!t.kids[1].is_num() || !t.kids[1].value.is_integer() || t.kids[1].value.is_negative()));
    if (costly && same_set(ir::free_indices(t), all)) return true;
    for (const term& k : t.kids)
        if (costly_per_element(k, all)) return true;
    return false;
}

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
        ir::sym_entry e;
        detail::text nm(stem);
        nm += detail::to_text(static_cast<long long>(p.ctx.syms.size())).view();
        detail::copy_name(e.name, nm.view());
        detail::copy_name(e.latex, nm.view());
        e.kind = indices.empty() ? ir::sym_kind::scalar : ir::sym_kind::tensor;
        e.rank = static_cast<int>(indices.size());
        for (std::size_t i = 0; i != indices.size(); ++i) e.dims[i] = p.ctx.extent_of(indices[i]);
        p.ctx.syms.push_back(e);
        int id = static_cast<int>(p.ctx.syms.size() - 1);
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
        term out = t;
        for (term& k : out.kids) k = hoistless(k, all);
        return out;
    }

    // ---- softmax ---------------------------------------------------------------------------------------------
    /// Σ_j exp(B): the bound index and B, else null.
    static constexpr const term* sum_of_exp(const term& t) {
        if (t.kind == op::sum && t.kids[0].kind == op::exp) return &t.kids[0].kids[0];
        return nullptr;
    }
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
    /// Σ_j exp(B - M)
    constexpr term shifted_sum(const term& s, const term& m) {
        return ir::sum(s.id, ir::unary(op::exp, ir::sub(s.kids[0].kids[0], m)));
    }
    /// Whether exp(a) is a term of Σ_j exp(B): a = B with j renamed to a free index of a.
    constexpr bool matches(const term& a, const term& s) const {
        for (int i : ir::free_indices(a)) {
            if (p.ctx.extent_of(i) != p.ctx.extent_of(s.id) || ir::contains_index(s, i)) continue;
            if (ir::rename_index(s.kids[0].kids[0], s.id, i) == a) return true;
        }
        return false;
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
                        for (const term& x : a.kids) n += matches(x, s) ? 1 : 0;
                    } else {
                        n = matches(a, s) ? 1 : 0;
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
                if (softmax_ratio(inst)) a = inst;
            }
            if (sum_of_exp(a)) {  // log Σ exp(B) = M + log Σ exp(B - M)
                term m = maximum_of(a);
                return ir::add(m, ir::unary(op::log, shifted_sum(a, m)));
            }
            if (softmax_ratio(a)) {  // log(exp(A) / Σ exp(B)) = A - M - log Σ exp(B - M)
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
    /// exp(A) (Σ_j exp(B))^-1 with A a term of the sum.
    constexpr bool softmax_ratio(const term& t) const {
        if (t.kind != op::mul || t.kids.size() != 2) return false;
        for (int f = 0; f != 2; ++f) {
            const term& e = t.kids[static_cast<std::size_t>(f)];
            const term& d = t.kids[static_cast<std::size_t>(1 - f)];
            if (e.kind == op::exp && d.kind == op::pow && d.kids[1].is_num(-1) && sum_of_exp(d.kids[0]) && matches(e.kids[0], d.kids[0]))
                return true;
        }
        return false;
    }

    // ---- merging sums with the same cofactors ----------------------------------------------------------------
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
    static constexpr std::vector<term> factors_of(const term& t) {
        std::vector<term> out;
        if (t.kind == op::mul) {
            for (const term& k : t.kids)
                if (!k.is_num()) out.push_back(k);
        } else if (!t.is_num()) {
            out.push_back(t);
        }
        return out;
    }
    /// Pull factors common to every term out of an add: c (x + y) for c x + c y.
    constexpr term factor_out(const term& t) {
        if (t.kind != op::add) return t;
        std::vector<term> common;
        for (const term& f : factors_of(t.kids[0])) {
            bool everywhere = true;
            for (std::size_t i = 1; i != t.kids.size() && everywhere; ++i) {
                bool found = false;
                for (const term& g : factors_of(t.kids[i])) found = found || g == f;
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
                if (p.ctx.extent_of(parts[i].sum.id) != p.ctx.extent_of(parts[j].sum.id)) continue;
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
            if (k < 0) k = p.ctx.fresh_index(parts[i].sum.id);
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
        for (const term& f : factors_of(a))
            for (const term& g : factors_of(b))
                if (f == g) return true;
        return false;
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
        // a · b: one group, two vectors over the bound index
        if (bound.size() == 1 && sets.size() == 1 && sets[0].size() == 1 && groups[0].size() == 2 && u.empty()) {
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
            term m = merge_sums(t);
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

    // ---- square roots shared between arrays ------------------------------------------------------------------
    // x^(k/2) for the same x in several arrays (γ_t / sqrt(v_t + ε) and
    // (v_t + ε)^(-3/2) in the per-column factors of batch-norm backward):
    // r = x^(-1/2) is computed once, into an array over x's indices, and each
    // x^(k/2) becomes r^(-k), products only (r = sqrt(x) and r^k where some
    // k is positive). Only for x smaller than the largest arrays, so that r
    // costs no pass of its own over them.
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
    constexpr void share_roots() {
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
            r.sym = new_temp(r.indices, positive ? "sqrt" : "rsqrt");
            const int sym = r.sym;
            for (array& a : p.arrays)
                if (!a.contraction) a.body = replace_roots(std::move(a.body), use, sym, sign);
            p.arrays.push_back(std::move(r));
        }
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

// ---- after planning: order, fusion, loops, inputs -----------------------------------------------------------------
constexpr void symbols_read(const term& t, std::vector<int>& out) {
    if (t.kind == op::sym && !contains(out, t.id)) out.push_back(t.id);
    for (const term& k : t.kids) symbols_read(k, out);
}

/// Whether b can share a's loop nest: the same kind of array (element-wise,
/// or the same reduction) over loops of the same extents.
constexpr bool fusable(const context& c, const array& a, const array& b) {
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

constexpr void count_last(const term& t, std::vector<int>& who, std::vector<int>& votes) {
    if (t.kind == op::sym && !t.kids.empty() && t.kids.back().kind == op::idx) {
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
    term target = element(a.sym, a.indices);
    count_last(target, who, votes);
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
    while (out.size() != n) {
        std::size_t first = n;
        for (std::size_t i = 0; i != n && first == n; ++i)
            if (ready(i)) first = i;
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
    pl.share_roots();
    finish(p);
    return p;
}

/// Plan the computation of `root` over its free indices in the given order.
constexpr loop_plan plan_loops(const ir::bundle& b, const std::vector<int>& output_indices) {
    std::vector<term> roots{b.root};
    std::vector<std::vector<int>> orders{output_indices};
    return plan_program(b.ctx, roots, orders);
}

}  // namespace leibniz::emit
