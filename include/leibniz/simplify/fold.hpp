// fold: the inverse of instantiating an intermediate. Where a product holds
// an instance of an intermediate's definition, e.g. exp(h_i) (Σ_j exp(h_j))^-1
// for y_i := softmax(h)_i, the instance is replaced by the intermediate.
//
// Only definitions that are products (monomials) are folded. Products are
// read as factors base^e (exp(a + 2b) as exp(a) exp(b)^2); an instance is a
// set of the monomial's factors matching the definition's factors, with the
// definition's indices bound consistently, each to at least the definition's
// power (y) or its reciprocal (1/y). Factors standing outside a summation are
// carried into it when that lets an instance form inside; products with sums
// as factors are multiplied out only where something folds.
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/simplify/bound_indices.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::ir {

/// An intermediate's definition as a product of powers.
struct fold_pattern {
    int sym = -1;
    rational coef{1, 1};
    std::vector<term> bases;
    std::vector<rational> expos;
    std::vector<int> params;
};

/// A product read as coefficient times Π bases[n]^expos[n].
struct factor_list {
    rational coef{1, 1};
    std::vector<term> bases;
    std::vector<rational> expos;

    constexpr void put(term b, rational e) {
        for (std::size_t n = 0; n != bases.size(); ++n)
            if (bases[n] == b) {
                expos[n] = expos[n] + e;
                return;
            }
        bases.push_back(std::move(b));
        expos.push_back(e);
    }
    constexpr void put_factor(const term& f) {
        if (f.is_num()) {
            coef = coef * f.value;
            return;
        }
        if (f.kind == op::pow && f.kids[1].is_num()) {
            const term& b = f.kids[0];
            if (b.kind == op::exp) {
                put_exp(b.kids[0], f.kids[1].value);
                return;
            }
            put(b, f.kids[1].value);
            return;
        }
        if (f.kind == op::exp) {
            put_exp(f.kids[0], rational{1, 1});
            return;
        }
        put(f, rational{1, 1});
    }
    /// exp(q1 a1 + q2 a2 + ...)^e as exp(a1)^(q1 e) exp(a2)^(q2 e) ...
    constexpr void put_exp(const term& arg, rational e) {
        std::vector<term> parts;
        if (arg.kind == op::add)
            parts = arg.kids;
        else
            parts.push_back(arg);
        for (const term& p : parts) {
            if (p.is_num()) {
                put(unary(op::exp, p), e);
                continue;
            }
            auto [q, m] = split_coefficient(p);
            put(unary(op::exp, std::move(m)), q * e);
        }
    }
    constexpr term rebuild(context& c) const {
        std::vector<term> fs;
        fs.push_back(num(coef));
        for (std::size_t n = 0; n != bases.size(); ++n) {
            if (expos[n].is_zero()) continue;
            if (bases[n].kind == op::exp)
                fs.push_back(unary(op::exp, combine_mul(c, {bases[n].kids[0], num(expos[n])})));
            else
                fs.push_back(simplify_pow(c, bases[n], num(expos[n])));
        }
        return combine_mul(c, std::move(fs));
    }
};

constexpr factor_list factors_of(const term& t) {
    factor_list out;
    if (t.kind == op::mul)
        for (const term& f : t.kids) out.put_factor(f);
    else
        out.put_factor(t);
    return out;
}

constexpr bool make_fold_pattern(context& c, int id, fold_pattern& out) {
    const sym_entry e = c.at(id);
    if (e.def < 0) return false;
    term body = simplify(c, c.defs[static_cast<std::size_t>(e.def)]);
    if (body.kind == op::add || body.is_num()) return false;
    factor_list f = factors_of(body);
    out.sym = id;
    out.coef = f.coef;
    for (std::size_t n = 0; n != f.bases.size(); ++n)
        if (!f.expos[n].is_zero()) {
            out.bases.push_back(f.bases[n]);
            out.expos.push_back(f.expos[n]);
        }
    for (int r = 0; r != e.rank; ++r) out.params.push_back(e.params[r]);
    return !out.bases.empty();
}

constexpr void collect_bound(const term& t, std::vector<int>& out) {
    if (t.kind == op::sum) out.push_back(t.id);
    for (const term& k : t.kids) collect_bound(k, out);
}

/// Whether pattern factor `pat` matches `t` under binding `b` (extended on
/// success with the parameters it binds; bindings of the pattern's bound
/// indices stay local to the factor).
constexpr bool match_factor(const fold_pattern& p, const term& pat, const term& t, index_binding& b) {
    index_binding trial = b;
    if (!match(pat, t, trial)) return false;
    std::vector<int> bound;
    collect_bound(t, bound);
    index_binding kept;
    for (std::size_t n = 0; n != trial.from.size(); ++n) {
        bool param = in(p.params, trial.from[n]);
        if (!param) continue;
        if (in(bound, trial.to[n])) return false;  // would capture a bound index
        kept.from.push_back(trial.from[n]);
        kept.to.push_back(trial.to[n]);
    }
    b = std::move(kept);
    return true;
}

/// Assign pattern factors [at..] to distinct monomial factors, all with the
/// power sign `sign` (+1: y, -1: 1/y).
constexpr bool assign(const fold_pattern& p, const factor_list& m, std::size_t at, int sign, index_binding& b,
                      std::vector<int>& used) {
    if (at == p.bases.size()) return true;
    for (std::size_t n = 0; n != m.bases.size(); ++n) {
        if (in(used, static_cast<int>(n))) continue;
        rational ratio = m.expos[n] / p.expos[at];
        bool enough = sign > 0 ? !(ratio < rational{1, 1}) : !(rational{-1, 1} < ratio);
        if (!enough) continue;
        index_binding trial = b;
        if (!match_factor(p, p.bases[at], m.bases[n], trial)) continue;
        used.push_back(static_cast<int>(n));
        if (assign(p, m, at + 1, sign, trial, used)) {
            b = std::move(trial);
            return true;
        }
        used.pop_back();
    }
    return false;
}

/// Fold one instance of some pattern into `m`; false when there is none.
constexpr bool fold_once(const std::vector<fold_pattern>& pats, factor_list& m) {
    for (const fold_pattern& p : pats)
        for (int sign = 1; sign >= -1; sign -= 2) {
            index_binding b;
            std::vector<int> used;
            if (!assign(p, m, 0, sign, b, used)) continue;
            term y = sym(p.sym);
            bool complete = true;
            for (int q : p.params) {
                int to = b.get(q);
                complete = complete && to >= 0;
                y.kids.push_back(idx(to));
            }
            if (!complete) continue;
            rational s{sign, 1};
            for (std::size_t a = 0; a != p.bases.size(); ++a) {
                std::size_t n = static_cast<std::size_t>(used[a]);
                m.expos[n] = m.expos[n] - s * p.expos[a];
            }
            m.coef = m.coef / ipow(p.coef, sign);
            m.put(std::move(y), s);
            return true;
        }
    return false;
}

constexpr term fold_term(context& c, const term& t, const std::vector<fold_pattern>& pats, int& folds);

/// Whether a term of the sum fs[n] has a factor that cancels against a
/// factor outside it (y (y a - y b) / y).
constexpr bool cancels_across(const std::vector<term>& fs, std::size_t n) {
    factor_list out;
    for (std::size_t q = 0; q != fs.size(); ++q)
        if (q != n) out.put_factor(fs[q]);
    for (const term& part : fs[n].kids) {
        factor_list in = factors_of(part);
        for (std::size_t a = 0; a != in.bases.size(); ++a)
            for (std::size_t b = 0; b != out.bases.size(); ++b)
                if (in.bases[a] == out.bases[b] && in.expos[a].is_negative() != out.expos[b].is_negative()) return true;
    }
    return false;
}

/// Whether some factor could be part of an instance of some pattern.
constexpr bool relevant(const std::vector<fold_pattern>& pats, const factor_list& m) {
    for (const fold_pattern& p : pats)
        for (const term& pb : p.bases)
            for (std::size_t n = 0; n != m.bases.size(); ++n) {
                index_binding scratch;
                if (!m.expos[n].is_zero() && match(pb, m.bases[n], scratch)) return true;
            }
    return false;
}

constexpr void append_factors(std::vector<term>& fs, term t) {
    if (t.kind == op::mul)
        for (term& k : t.kids) fs.push_back(std::move(k));
    else
        fs.push_back(std::move(t));
}

/// The product of fs with instances folded: inside the factors first; then
/// sums of terms among the factors multiplied out where that cancels or
/// folds; then instances among the factors themselves; then, where the
/// other factors could take part in an instance, they are carried into a
/// summation factor and folded there.
constexpr term fold_factors(context& c, std::vector<term> fs, const std::vector<fold_pattern>& pats, int& folds) {
    // inside arguments, bases and sums of terms (sums are left to the end)
    for (term& f : fs) {
        if (f.kind == op::add)
            f = fold_term(c, f, pats, folds);
        else if (f.kind != op::sym && f.kind != op::sum)
            for (term& k : f.kids) k = fold_term(c, k, pats, folds);
    }
    // instances among the factors that are not sums of terms, before any sum
    // is multiplied out: σ(a) (1 - σ(a)) folds to z (1 - z), not z - z^2
    {
        factor_list plain;
        bool has_sum_of_terms = false;
        for (const term& f : fs) {
            if (f.kind == op::add)
                has_sum_of_terms = true;
            else
                plain.put_factor(f);
        }
        int before = folds;
        if (has_sum_of_terms)
            while (fold_once(pats, plain)) ++folds;
        if (folds != before) {
            std::vector<term> sums_of_terms;
            for (term& f : fs)
                if (f.kind == op::add) sums_of_terms.push_back(std::move(f));
            fs.clear();
            append_factors(fs, plain.rebuild(c));
            for (term& f : sums_of_terms) fs.push_back(std::move(f));
        }
    }
    for (std::size_t n = 0; n != fs.size(); ++n) {
        if (fs[n].kind != op::add || fs.size() == 1) continue;
        factor_list others;
        for (std::size_t q = 0; q != fs.size(); ++q)
            if (q != n) others.put_factor(fs[q]);
        bool cancel = cancels_across(fs, n), trial = relevant(pats, others);
        if (!cancel && !trial) continue;
        int before = folds;
        std::vector<term> parts;
        for (const term& part : fs[n].kids) {
            std::vector<term> prod;
            for (std::size_t q = 0; q != fs.size(); ++q)
                if (q != n) prod.push_back(fs[q]);
            append_factors(prod, part);
            if (trial)
                parts.push_back(fold_factors(c, std::move(prod), pats, folds));
            else
                parts.push_back(combine_mul(c, std::move(prod)));
        }
        if (cancel || folds != before) {
            if (cancel) ++folds;
            return combine_add(c, std::move(parts));
        }
    }
    factor_list m;
    for (const term& f : fs) m.put_factor(f);
    while (fold_once(pats, m)) ++folds;
    std::vector<term> sums;
    for (std::size_t n = 0; n != m.bases.size(); ++n)
        if (m.bases[n].kind == op::sum && m.expos[n].is_one()) {
            sums.push_back(std::move(m.bases[n]));
            m.expos[n] = rational{0, 1};
        }
    if (!sums.empty() && relevant(pats, m)) {
        // carry the other factors into the first summation
        term s = std::move(sums[0]);
        std::vector<int> avoid;
        for (std::size_t n = 0; n != m.bases.size(); ++n)
            if (!m.expos[n].is_zero()) collect_indices(m.bases[n], avoid);
        for (std::size_t q = 1; q != sums.size(); ++q) collect_indices(sums[q], avoid);
        if (in(avoid, s.id)) {
            int fresh = c.fresh_index(s.id);
            s.kids[0] = rename_index(std::move(s.kids[0]), s.id, fresh);
            s.id = fresh;
        }
        std::vector<term> body;
        append_factors(body, m.rebuild(c));
        for (std::size_t q = 1; q != sums.size(); ++q) body.push_back(std::move(sums[q]));
        append_factors(body, std::move(s.kids[0]));
        return simplify_sum(c, s.id, fold_factors(c, std::move(body), pats, folds));
    }
    std::vector<term> out;
    out.push_back(m.rebuild(c));
    for (term& sm : sums) out.push_back(fold_term(c, sm, pats, folds));
    return combine_mul(c, std::move(out));
}

constexpr term fold_term(context& c, const term& t, const std::vector<fold_pattern>& pats, int& folds) {
    switch (t.kind) {
        case op::num:
        case op::idx:
        case op::delta: return t;
        case op::add: {
            std::vector<term> parts;
            for (const term& k : t.kids) parts.push_back(fold_term(c, k, pats, folds));
            return combine_add(c, std::move(parts));
        }
        case op::sum: {
            int before = folds;
            term body = fold_term(c, t.kids[0], pats, folds);
            if (folds == before) return t;
            return simplify_sum(c, t.id, std::move(body));
        }
        case op::sym: return t;
        case op::mul: return fold_factors(c, t.kids, pats, folds);
        case op::pow:
        case op::exp: return fold_factors(c, {t}, pats, folds);
        default: {
            return map_kids(t, [&](const term& k) { return fold_term(c, k, pats, folds); });
        }
    }
}

/// The index a fresh one (k'') was made from (k), or -1.
constexpr int base_index(const context& c, int id) {
    std::string_view nm = c.at(id).name_view();
    std::size_t n = nm.size();
    while (n > 0 && nm[n - 1] == '\'') --n;
    if (n == nm.size() || n == 0) return -1;
    return c.find(nm.substr(0, n));
}

/// Whether index b occurs in t at all: free, or bound by a sum inside it.
constexpr bool mentions_index(const term& t, int b) {
    if ((t.kind == op::idx || t.kind == op::sum) && t.id == b) return true;
    for (const term& k : t.kids)
        if (mentions_index(k, b)) return true;
    return false;
}

/// Give summation indices made fresh (a'', a') back their plain names where
/// that captures nothing: the name is not free in the expression, not bound
/// by an enclosing sum, and not used in the body, neither free nor bound by
/// a sum inside it (Σ_n' Σ_n X_n X_n' must not become Σ_n Σ_n X_n X_n).
constexpr term tidy_bound(const context& c, term t, const std::vector<int>& free, std::vector<int>& enclosing) {
    if (t.kind == op::sum) {
        int b = base_index(c, t.id);
        if (b >= 0 && !in(free, b) && !in(enclosing, b) && !mentions_index(t.kids[0], b)) {
            t.kids[0] = rename_index(std::move(t.kids[0]), t.id, b);
            t.id = b;
        }
        enclosing.push_back(t.id);
        t.kids[0] = tidy_bound(c, std::move(t.kids[0]), free, enclosing);
        enclosing.pop_back();
        return t;
    }
    for (term& k : t.kids) k = tidy_bound(c, std::move(k), free, enclosing);
    return t;
}

/// Fold instances of the given intermediates' definitions back into them,
/// then simplify.
constexpr term fold_intermediates(context& c, const term& t, const std::vector<int>& ids) {
    std::vector<fold_pattern> pats;
    for (int id : ids) {
        fold_pattern p;
        if (make_fold_pattern(c, id, p)) pats.push_back(std::move(p));
    }
    if (pats.empty()) return t;
    int folds = 0;
    term out = fold_term(c, t, pats, folds);
    if (folds == 0) return t;
    out = simplify(c, out);
    // -(a - b) reads as b - a
    if (out.kind == op::mul && out.kids.size() == 2 && out.kids[0].is_num() && out.kids[1].kind == op::add) {
        std::vector<term> parts;
        for (const term& k : out.kids[1].kids) parts.push_back(combine_mul(c, {out.kids[0], k}));
        out = combine_add(c, std::move(parts));
    }
    std::vector<int> enclosing, free = free_indices(out);
    return simplify(c, tidy_bound(c, std::move(out), free, enclosing));
}

/// Simplify, and where intermediates are to be folded back, fold and simplify again.
constexpr term simplify_folded(context& c, const term& t, const std::vector<int>& fold) {
    term s = simplify(c, standard_bound_names(c, t));
    // simplifying can make terms alike up to bound names (a δ contracted)
    if (term again = standard_bound_names(c, s); !(again == s)) s = simplify(c, again);
    if (fold.empty()) return s;
    return fold_intermediates(c, s, fold);
}

}  // namespace leibniz::ir
