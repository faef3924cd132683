// tidy: a readable form of a multiplied-out sum. Factors common to every
// term are pulled out, and terms that each carry one summation over the same
// range are merged into one summation whose body is factored again:
//   2 a Σ_k x_k y_k − 2 a b Σ_k x_k  →  2 a Σ_k x_k (y_k − b).
// Used to show the difference of two formulas.
#pragma once
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::ir {

constexpr rational exponent_of(const term& f) {
    if (f.kind == op::pow && f.kids[1].is_num()) return f.kids[1].value;
    return rational{1, 1};
}

/// Pull out of an add the factors every term shares (with the exponent
/// closest to zero); returns the add unchanged when there are none.
constexpr term factor_common(context& c, const term& t) {
    if (t.kind != op::add) return t;
    std::vector<term> common;
    for (const term& f : nonnumeric_factors(t.kids[0])) {
        if (f.kind == op::pow && !f.kids[1].is_num()) continue;
        const term& b = base_of(f);
        if (b.kind == op::sum) continue;  // sums are merged, not pulled out
        rational e = exponent_of(f);
        bool everywhere = true;
        for (std::size_t i = 1; i != t.kids.size() && everywhere; ++i) {
            bool found = false;
            for (const term& g : nonnumeric_factors(t.kids[i]))
                if (base_of(g) == b && !(g.kind == op::pow && !g.kids[1].is_num())) {
                    rational e2 = exponent_of(g);
                    if (e2.is_negative() != e.is_negative()) break;
                    if (abs(e2) < abs(e)) e = e2;
                    found = true;
                    break;
                }
            everywhere = found;
        }
        if (everywhere && e.is_one()) common.push_back(b);
        if (everywhere && !e.is_one()) common.push_back(pow(b, e));
    }
    if (common.empty()) return t;
    term shared = combine_mul(c, common);
    std::vector<term> rest;
    for (const term& k : t.kids) rest.push_back(combine_mul(c, {k, pow(shared, num(-1))}));
    term inner = combine_add(c, std::move(rest));
    term out = make(op::mul, {});
    for (term& f : nonnumeric_factors(shared)) out.kids.push_back(std::move(f));
    out.kids.push_back(std::move(inner));
    return out;
}

/// Σ_i (coef_i rest_i Σ_k body_i)  →  Σ_k Σ_i coef_i rest_i body_i, when
/// every term has exactly one summation and they share the range.
constexpr term merge_sums(context& c, const term& t) {
    if (t.kind != op::add) return t;
    int binder = -1, ext = -1;
    std::vector<term> parts;
    for (const term& k : t.kids) {
        std::vector<term> others;
        term s;
        int sums = 0;
        if (k.kind == op::mul) {
            for (const term& f : k.kids) {
                if (f.kind == op::sum) {
                    ++sums;
                    s = f;
                } else {
                    others.push_back(f);
                }
            }
        } else if (k.kind == op::sum) {
            ++sums;
            s = k;
        }
        if (sums != 1) return t;
        if (binder < 0) {
            binder = s.id;
            ext = c.extent_of(s.id);
        }
        if (c.extent_of(s.id) != ext) return t;
        for (const term& o : others)
            if (contains_index(o, binder)) return t;
        others.push_back(rename_index(s.kids[0], s.id, binder));
        parts.push_back(combine_mul(c, std::move(others)));
    }
    term body = factor_common(c, combine_add(c, std::move(parts)));
    return simplify_sum(c, binder, std::move(body));
}

constexpr term tidy(context& c, const term& t) {
    term f = factor_common(c, t);
    if (f.kind == op::add) return merge_sums(c, f);
    if (f.kind == op::mul && f.kids.back().kind == op::add) {
        term inner = merge_sums(c, f.kids.back());
        f.kids.pop_back();
        f.kids.push_back(std::move(inner));
        return combine_mul(c, std::move(f.kids));
    }
    return f;
}

}  // namespace leibniz::ir
