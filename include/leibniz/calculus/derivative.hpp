// Symbolic differentiation on the IR: sum, product, power and chain rules
// (each elementwise function's partial derivatives come from the op table,
// ir/ops.hpp), and index calculus (d Y_kl / d Y_st = δ_ks δ_lt).
//
// Named intermediates (m, v, Ŷ) are differentiated through their
// definitions (the total derivative), except those listed as held fixed,
// which count as independent of x (a partial derivative, as in ∂ℓ/∂m with v
// held fixed). The variable x itself may be an intermediate: it is then
// independent of everything else.
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

/// Intermediates held fixed (symbol ids); empty for the total derivative.
using held_set = std::vector<int>;

[[noreturn]] inline void leibniz_error_variable_of_differentiation_is_not_a_symbol() { ::leibniz::detail::fail("leibniz_error_variable_of_differentiation_is_not_a_symbol"); }

constexpr void collect_indices(const term& t, std::vector<int>& out) {
    if (t.kind == op::idx || t.kind == op::sum) out.push_back(t.id);
    for (const term& k : t.kids) collect_indices(k, out);
}

constexpr bool in(const std::vector<int>& v, int x) {
    for (int y : v)
        if (y == x) return true;
    return false;
}

/// Rename every bound index of t that is in `avoid` to a fresh one.
constexpr term freshen_bound(context& c, term t, std::vector<int>& avoid) {
    if (t.kind == op::sum && in(avoid, t.id)) {
        int fresh = c.fresh_index(t.id);
        t.kids[0] = rename_index(std::move(t.kids[0]), t.id, fresh);
        t.id = fresh;
    }
    if (t.kind == op::sum) avoid.push_back(t.id);
    for (term& k : t.kids) k = freshen_bound(c, std::move(k), avoid);
    return t;
}

/// The definition of intermediate `t` (a sym with a definition) at t's indices.
constexpr term instantiate(context& c, const term& t, const term& x) {
    const sym_entry e = c.at(t.id);
    term body = c.defs[static_cast<std::size_t>(e.def)];
    std::vector<int> avoid;
    collect_indices(x, avoid);
    collect_indices(t, avoid);
    body = freshen_bound(c, std::move(body), avoid);
    // rename formal parameters to the actual indices, through temporaries so
    // that a swap (l, k) -> (k, l) is not confused
    std::vector<int> temps;
    for (int i = 0; i != e.rank; ++i) {
        int tmp = c.fresh_index(e.params[i]);
        temps.push_back(tmp);
        body = rename_index(std::move(body), e.params[i], tmp);
    }
    for (int i = 0; i != e.rank; ++i) body = rename_index(std::move(body), temps[static_cast<std::size_t>(i)], t.kids[static_cast<std::size_t>(i)].id);
    return body;
}

/// t with every intermediate that `chosen(c, id)` picks replaced by its
/// definition, recursively (losses, which have none, stay as they are).
template <class Choice>
constexpr term inline_where(context& c, const term& t, const Choice& chosen) {
    if (t.kind == op::sym && c.at(t.id).def >= 0 && chosen(c, t.id)) return inline_where(c, instantiate(c, t, num(0)), chosen);
    return map_kids(t, [&](const term& k) { return inline_where(c, k, chosen); });
}

/// t with every intermediate replaced by its definition.
constexpr term inline_definitions(context& c, const term& t) {
    return inline_where(c, t, [](const context&, int) { return true; });
}

/// t with the listed intermediates replaced by their definitions.
constexpr term unfold_intermediates(context& c, const term& t, const std::vector<int>& which) {
    return inline_where(c, t, [&which](const context&, int id) { return in(which, id); });
}

/// Whether t names an intermediate.
constexpr bool names_an_intermediate(const context& c, const term& t) {
    if (t.kind == op::sym && c.at(t.id).def >= 0) return true;
    for (const term& k : t.kids)
        if (names_an_intermediate(c, k)) return true;
    return false;
}

constexpr term derivative(context& c, const term& t, const term& x, const held_set& held);

constexpr term derivative_of_symbol(context& c, const term& t, const term& x, const held_set& held) {
    if (t.id == x.id) {
        if (t.kids.empty()) return num(1);
        term out = num(1);
        for (std::size_t i = 0; i != t.kids.size(); ++i)
            if (t.kids[i].id != x.kids[i].id) out = mul(std::move(out), delta(t.kids[i].id, x.kids[i].id));
        return out;
    }
    const sym_entry e = c.at(t.id);
    if (e.def >= 0 && !in(held, t.id)) return derivative(c, instantiate(c, t, x), x, held);
    if (e.kind == sym_kind::loss) {
        // dℓ/dx = Σ_{k,l} ∂ℓ/∂H_kl dH_kl/dx with the loss's own index names,
        // freshened where they clash with x's.
        std::vector<int> avoid;
        collect_indices(x, avoid);
        const sym_entry h = c.at(e.dep);
        std::vector<int> ks;
        for (int i = 0; i != h.rank; ++i) {
            int k = e.params[i];
            if (in(avoid, k)) k = c.fresh_index(k);
            ks.push_back(k);
        }
        term g = sym(e.grad), hv = sym(e.dep);
        for (int k : ks) {
            g.kids.push_back(idx(k));
            hv.kids.push_back(idx(k));
        }
        term body = mul(std::move(g), derivative(c, hv, x, held));
        for (std::size_t i = ks.size(); i-- > 0;) body = sum(ks[i], std::move(body));
        return body;
    }
    return num(0);
}

/// f(a, b)' = ∂f/∂a a' + ∂f/∂b b', the partials from f's row; an argument
/// whose partial is 0 is not differentiated.
constexpr term derivative_of_function(context& c, const term& t, const term& x, const held_set& held) {
    const op_row& r = row(t.kind);
    std::vector<term> parts;
    for (std::size_t k = 0; k != t.kids.size(); ++k) {
        term s = r.slope(c, t, k);
        if (s.is_zero()) continue;
        parts.push_back(mul(std::move(s), derivative(c, t.kids[k], x, held)));
    }
    if (parts.empty()) return num(0);
    if (parts.size() == 1) return std::move(parts[0]);
    return make(op::add, std::move(parts));
}

constexpr term derivative(context& c, const term& t, const term& x, const held_set& held) {
    switch (t.kind) {
        case op::num:
        case op::idx:
        case op::delta: return num(0);
        case op::sym: return derivative_of_symbol(c, t, x, held);
        case op::add: {
            term out = make(op::add, {});
            for (const term& k : t.kids) out.kids.push_back(derivative(c, k, x, held));
            return out;
        }
        case op::mul: {
            term out = make(op::add, {});
            for (std::size_t i = 0; i != t.kids.size(); ++i) {
                term d = derivative(c, t.kids[i], x, held);
                if (d.is_zero()) continue;
                term prod = make(op::mul, {});
                for (std::size_t j = 0; j != t.kids.size(); ++j)
                    if (i == j)
                        prod.kids.push_back(d);
                    else
                        prod.kids.push_back(t.kids[j]);
                out.kids.push_back(std::move(prod));
            }
            if (out.kids.empty()) return num(0);
            return out;
        }
        case op::pow: {
            const term &b = t.kids[0], &e = t.kids[1];
            term db = derivative(c, b, x, held);
            if (e.is_num()) {
                if (db.is_zero()) return num(0);
                return make(op::mul, {e, pow(b, num(e.value - rational{1, 1})), std::move(db)});
            }
            // b^e (e' log b + e b'/b)
            term de = derivative(c, e, x, held);
            return mul(t, add(mul(std::move(de), unary(op::log, b)), mul(e, div(std::move(db), b))));
        }
        case op::sum: {
            std::vector<int> avoid;
            collect_indices(x, avoid);
            term s = freshen_bound(c, t, avoid);
            return sum(s.id, derivative(c, s.kids[0], x, held));
        }
        default: return derivative_of_function(c, t, x, held);
    }
}

}  // namespace leibniz::ir
