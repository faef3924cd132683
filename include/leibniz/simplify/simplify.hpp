// simplify: the collected normal form. Sums and products are flattened,
// numbers folded, like terms and like factors collected, powers merged,
// Kronecker deltas contracted, sums split and their constant factors pulled
// out, and everything put in the order of ir/term_order.hpp.
//
// Powers are merged only where that is true wherever the original is
// defined: (a^p)^q = a^(pq) for an integer q or a base known nonnegative
// (ir/sign.hpp), (x^2)^(1/2) = |x| otherwise; (a b)^r = a^r b^r for an
// integer r, and for a fractional r only the factors known nonnegative are
// taken out ((4 x^2 y)^(1/2) = 2 |x| y^(1/2), (x y)^(1/2) stays).
#pragma once
#include <leibniz/detail/error.hpp>
#include <leibniz/ir/term_order.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/sign.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_zero_to_a_negative_power() { ::leibniz::detail::fail("leibniz_error_zero_to_a_negative_power"); }

constexpr term simplify(context& c, const term& t);
constexpr term simplify_sum(context& c, int k, term body);
constexpr term apply_rules(context& c, term t);

/// Split a term into numeric coefficient and the rest (the rest is 1 for a number).
constexpr std::pair<rational, term> split_coefficient(const term& t) {
    if (t.is_num()) return {t.value, num(1)};
    if (t.kind == op::mul && !t.kids.empty() && t.kids[0].is_num()) {
        rational q = t.kids[0].value;
        if (t.kids.size() == 2) return {q, t.kids[1]};
        term rest = make(op::mul, {});
        rest.kids.reserve(t.kids.size() - 1);
        for (std::size_t i = 1; i != t.kids.size(); ++i) rest.kids.push_back(t.kids[i]);
        return {q, rest};
    }
    return {rational{1, 1}, t};
}

/// The same, taking t apart instead of copying it.
constexpr std::pair<rational, term> split_coefficient(term&& t) {
    if (t.is_num()) return {t.value, num(1)};
    if (t.kind == op::mul && !t.kids.empty() && t.kids[0].is_num()) {
        rational q = t.kids[0].value;
        if (t.kids.size() == 2) return {q, std::move(t.kids[1])};
        t.kids.erase(t.kids.begin());
        return {q, std::move(t)};
    }
    return {rational{1, 1}, std::move(t)};
}

/// coefficient * monomial, already in normal form.
constexpr term with_coefficient(rational q, term m) {
    if (q.is_zero()) return num(0);
    if (m.is_num()) return num(q * m.value);
    if (q.is_one()) return m;
    term out = make(op::mul, {});
    out.kids.reserve(m.kind == op::mul ? m.kids.size() + 1 : 2);
    out.kids.push_back(num(q));
    if (m.kind == op::mul)
        for (term& f : m.kids) out.kids.push_back(std::move(f));
    else
        out.kids.push_back(std::move(m));
    return out;
}

constexpr term combine_add(context& c, std::vector<term> in) {
    if (c.spend(static_cast<long long>(in.size()) + 1)) return make(op::add, std::move(in));
    // flatten
    std::vector<term> flat;
    flat.reserve(in.size());
    for (term& t : in) {
        if (t.kind == op::add) {
            for (term& k : t.kids) flat.push_back(std::move(k));
        } else if (t.kind == op::mul && t.kids.size() == 2 && t.kids[0].is_num() && t.kids[1].kind == op::add) {
            // q (a + b) = q a + q b
            for (term& k : t.kids[1].kids) {
                auto [q, m] = split_coefficient(std::move(k));
                flat.push_back(with_coefficient(q * t.kids[0].value, std::move(m)));
            }
        } else {
            flat.push_back(std::move(t));
        }
    }
    rational constant{0, 1};
    std::vector<term> monos;
    std::vector<rational> coefs;
    std::vector<unsigned long long> hashes;  // like terms are found by hash first
    monos.reserve(flat.size());
    coefs.reserve(flat.size());
    hashes.reserve(flat.size());
    for (term& t : flat) {
        if (t.is_num()) {
            constant = constant + t.value;
            continue;
        }
        auto [q, m] = split_coefficient(std::move(t));
        const unsigned long long h = structure_hash(m);
        bool found = false;
        for (std::size_t i = 0; i != monos.size(); ++i)
            if (hashes[i] == h && monos[i] == m) {
                coefs[i] = coefs[i] + q;
                found = true;
                break;
            }
        if (!found) {
            monos.push_back(std::move(m));
            coefs.push_back(q);
            hashes.push_back(h);
        }
    }
    std::vector<term> terms;
    for (std::size_t i = 0; i != monos.size(); ++i)
        if (!coefs[i].is_zero()) terms.push_back(with_coefficient(coefs[i], std::move(monos[i])));
    insertion_sort(terms, [&](const term& a, const term& b) { return monomial_order(c, a, b) < 0; });
    if (!constant.is_zero()) terms.push_back(num(constant));
    if (terms.empty()) return num(0);
    if (terms.size() == 1) return std::move(terms[0]);
    return make(op::add, std::move(terms));
}

constexpr term simplify_pow(context& c, term b, term e);
constexpr term abs_of(context& c, term x);

constexpr bool has_delta_factor(const term& t) {
    if (t.kind == op::delta) return true;
    if (t.kind != op::mul) return false;
    for (const term& f : t.kids)
        if (f.kind == op::delta) return true;
    return false;
}
constexpr bool has_delta_term(const term& s) {
    for (const term& t : s.kids)
        if (has_delta_factor(t)) return true;
    return false;
}

constexpr term combine_mul(context& c, std::vector<term> in) {
    if (c.spend(static_cast<long long>(in.size()) + 1)) return make(op::mul, std::move(in));
    std::vector<term> flat;
    flat.reserve(in.size());
    for (term& t : in) {
        if (t.kind == op::mul)
            for (term& k : t.kids) flat.push_back(std::move(k));
        else
            flat.push_back(std::move(t));
    }
    rational coef{1, 1};
    std::vector<term> bases, expos;
    std::vector<unsigned long long> base_hashes;  // equal bases are found by hash first
    term exp_arg = num(0);
    bool has_exp = false;
    for (term& t : flat) {
        if (t.is_num()) {
            coef = coef * t.value;
            continue;
        }
        if (t.kind == op::exp) {  // exp(a) exp(b) = exp(a + b)
            if (has_exp)
                exp_arg = add(std::move(exp_arg), std::move(t.kids[0]));
            else
                exp_arg = std::move(t.kids[0]);
            has_exp = true;
            continue;
        }
        term b, e = num(1);
        if (t.kind == op::pow) {
            b = std::move(t.kids[0]);
            e = std::move(t.kids[1]);
        } else {
            b = std::move(t);
        }
        const unsigned long long h = structure_hash(b);
        bool found = false;
        for (std::size_t i = 0; i != bases.size(); ++i)
            if (base_hashes[i] == h && bases[i] == b) {
                if (expos[i].is_num() && e.is_num())
                    expos[i] = num(expos[i].value + e.value);
                else
                    expos[i] = combine_add(c, {std::move(expos[i]), std::move(e)});
                found = true;
                break;
            }
        if (!found) {
            bases.push_back(std::move(b));
            expos.push_back(std::move(e));
            base_hashes.push_back(h);
        }
    }
    if (coef.is_zero()) return num(0);
    // x |x|^-1 = |x| x^-1 = sign(x)
    for (std::size_t i = 0; i != bases.size(); ++i)
        for (std::size_t j = 0; j != bases.size(); ++j)
            if (bases[j].kind == op::abs && bases[j].kids[0] == bases[i] && expos[i].is_num() && expos[j].is_num() &&
                expos[i].value.is_integer() && (expos[i].value.num == 1 || expos[i].value.num == -1) &&
                (expos[i].value + expos[j].value).is_zero()) {
                bases[i] = unary(op::sign, std::move(bases[i]));
                expos[i] = num(1);
                expos[j] = num(0);
            }
    std::vector<term> factors;
    auto take = [&](term f) {
        if (f.is_num())
            coef = coef * f.value;
        else if (f.kind == op::mul)  // a power that distributed over a product
            for (term& k : f.kids) {
                if (k.is_num())
                    coef = coef * k.value;
                else
                    factors.push_back(std::move(k));
            }
        else
            factors.push_back(std::move(f));
    };
    for (std::size_t i = 0; i != bases.size(); ++i) take(simplify_pow(c, std::move(bases[i]), std::move(expos[i])));
    if (has_exp) {
        term a = simplify(c, exp_arg);
        if (!a.is_zero()) take(unary(op::exp, std::move(a)));
    }
    if (coef.is_zero()) return num(0);
    // A merged power can meet a like factor again (x^(1/2) from sqrt(x y)).
    for (std::size_t i = 0; i < factors.size(); ++i)
        for (std::size_t j = i + 1; j < factors.size(); ++j)
            if (base_of(factors[i]) == base_of(factors[j])) {
                std::vector<term> again = std::move(factors);
                again.push_back(num(coef));
                return combine_mul(c, std::move(again));
            }
    // Multiply out a factor that is a sum with Kronecker deltas in it, so
    // that the deltas can meet the summations they contract with.
    for (std::size_t i = 0; i != factors.size(); ++i)
        if (factors[i].kind == op::add && has_delta_term(factors[i])) {
            term s = std::move(factors[i]);
            std::vector<term> parts;
            for (term& part : s.kids) {
                std::vector<term> prod;
                prod.push_back(num(coef));
                for (std::size_t j = 0; j != factors.size(); ++j)
                    if (j != i) prod.push_back(factors[j]);
                prod.push_back(std::move(part));
                parts.push_back(combine_mul(c, std::move(prod)));
            }
            return combine_add(c, std::move(parts));
        }
    insertion_sort(factors, [&](const term& a, const term& b) { return factor_order(c, a, b) < 0; });
    if (factors.empty()) return num(coef);
    if (factors.size() == 1 && coef.is_one()) return std::move(factors[0]);
    term out = make(op::mul, {});
    if (!coef.is_one()) out.kids.push_back(num(coef));
    for (term& f : factors) out.kids.push_back(std::move(f));
    return out;
}

constexpr term simplify_pow(context& c, term b, term e) {
    if (e.is_zero()) return num(1);
    if (e.is_one()) return b;
    if (b.is_one()) return num(1);
    if (b.is_zero()) {
        if (e.is_num() && e.value.is_negative()) leibniz_error_zero_to_a_negative_power();
        if (e.is_num()) return num(0);
    }
    if (b.is_num() && e.is_num()) {
        maybe_rational r = rpow(b.value, e.value);
        if (r.ok) return num(r.value);
        // keep only the irrational part under the power: 8^(1/2) = 2 2^(1/2)
        return pow(std::move(b), std::move(e));
    }
    bool integer = e.is_num() && e.value.is_integer();
    if (b.kind == op::pow) {  // (x^p)^q = x^(pq)
        term inner = std::move(b.kids[1]);
        term x = std::move(b.kids[0]);
        // (x^(2n))^q with a fractional q: x^(2n) = |x|^(2n), so |x|^(2nq)
        if (!integer && inner.is_num() && inner.value.is_integer() && inner.value.num % 2 == 0 && !is_nonnegative(c, x))
            x = abs_of(c, std::move(x));
        term ne;
        if (inner.is_num() && e.is_num())
            ne = num(inner.value * e.value);
        else
            ne = combine_mul(c, {std::move(inner), std::move(e)});
        return simplify_pow(c, std::move(x), std::move(ne));
    }
    if (b.kind == op::mul) {  // (x y)^r = x^r y^r for an integer r or factors known nonnegative
        std::vector<term> parts, rest;
        for (term& f : b.kids) {
            if (integer || is_nonnegative(c, f))
                parts.push_back(simplify_pow(c, std::move(f), e));
            else
                rest.push_back(std::move(f));
        }
        if (parts.empty()) return pow(make(op::mul, std::move(rest)), std::move(e));
        if (rest.size() == 1) {
            parts.push_back(simplify_pow(c, std::move(rest[0]), std::move(e)));
        } else if (!rest.empty()) {
            term r = make(op::mul, std::move(rest));
            parts.push_back(pow(std::move(r), std::move(e)));
        }
        return combine_mul(c, std::move(parts));
    }
    if (b.kind == op::exp) return unary(op::exp, combine_mul(c, {std::move(b.kids[0]), std::move(e)}));
    if ((b.kind == op::delta || b.kind == op::step) && e.is_num() && e.value.num > 0) return b;
    if (b.kind == op::abs && e.is_num() && e.value.is_integer() && e.value.num % 2 == 0)  // |x|^(2n) = x^(2n)
        return simplify_pow(c, std::move(b.kids[0]), std::move(e));
    return pow(std::move(b), std::move(e));
}

constexpr bool has_add_factor(const term& t) {
    for (const term& f : t.kids)
        if (f.kind == op::add) return true;
    return false;
}

constexpr bool is_delta_on(const term& f, int k) {
    return f.kind == op::delta && (f.kids[0].id == k || f.kids[1].id == k) && f.kids[0].id != f.kids[1].id;
}

constexpr term simplify_sum(context& c, int k, term body) {
    if (body.is_zero()) return num(0);
    term extent = sym(c.extent_of(k));
    if (!contains_index(body, k)) return combine_mul(c, {std::move(extent), std::move(body)});
    if (body.kind == op::add) {
        std::vector<term> parts;
        for (term& t : body.kids) parts.push_back(simplify_sum(c, k, std::move(t)));
        return combine_add(c, std::move(parts));
    }
    std::vector<term> factors;
    if (body.kind == op::mul)
        factors = std::move(body.kids);
    else
        factors.push_back(std::move(body));
    // sum_k delta_kj f(k) = f(j)
    for (std::size_t i = 0; i != factors.size(); ++i)
        if (is_delta_on(factors[i], k)) {
            int other = factors[i].kids[0].id == k ? factors[i].kids[1].id : factors[i].kids[0].id;
            term rest = make(op::mul, {});
            for (std::size_t j = 0; j != factors.size(); ++j)
                if (j != i) rest.kids.push_back(rename_index(std::move(factors[j]), k, other));
            if (rest.kids.empty()) return num(1);
            return simplify(c, rest);
        }
    std::vector<term> outside, inside;
    partition_terms(std::move(factors), [k](const term& f) { return contains_index(f, k); }, inside, outside);
    term inner;
    if (inside.size() == 1)
        inner = std::move(inside[0]);
    else
        inner = make(op::mul, std::move(inside));
    term s;
    if (inner.kind == op::add) {
        s = simplify_sum(c, k, std::move(inner));  // Σ_k c (a_k + b_k): split what is left
    } else if (c.split_sum_products && inner.kind == op::mul && has_add_factor(inner)) {
        // multiply out inside the sum, then split it
        std::vector<term> acc;
        acc.push_back(num(1));
        for (term& f : inner.kids) {
            std::vector<term> next;
            for (term& a : acc) {
                if (f.kind == op::add)
                    for (const term& part : f.kids) next.push_back(combine_mul(c, {a, part}));
                else
                    next.push_back(combine_mul(c, {std::move(a), f}));
            }
            acc = std::move(next);
        }
        s = simplify_sum(c, k, combine_add(c, std::move(acc)));
    } else {
        s = apply_rules(c, sum(k, std::move(inner)));
    }
    if (outside.empty()) return s;
    outside.push_back(std::move(s));
    return combine_mul(c, std::move(outside));
}

/// Whether a simplified term reads with a minus sign first: -2, -x y, -x + y.
constexpr bool leads_negative(const term& t) {
    if (t.is_num()) return t.value.is_negative();
    if (t.kind == op::mul) return t.kids[0].is_num() && t.kids[0].value.is_negative();
    if (t.kind == op::add) return leads_negative(t.kids[0]);
    return false;
}

/// -t, simplified (t is).
constexpr term negated_term(context& c, term t) {
    if (t.kind != op::add) return combine_mul(c, {num(-1), std::move(t)});
    std::vector<term> parts;
    for (term& k : t.kids) parts.push_back(combine_mul(c, {num(-1), std::move(k)}));
    return combine_add(c, std::move(parts));
}

/// |x| for a simplified x: x itself where x is known nonnegative.
constexpr term abs_of(context& c, term x) {
    if (is_nonnegative(c, x)) return x;
    if (leads_negative(x)) x = negated_term(c, std::move(x));
    return row(op::abs).fold(unary(op::abs, std::move(x)));
}

/// An elementwise function: its arguments simplified (and in order, for a
/// commutative one), the sign taken out of an odd or even one (tanh(-x) =
/// -tanh(x), |y - x| = |x - y|), then its row's rules (tanh(0) = 0, ...).
constexpr term simplify_function(context& c, const term& t) {
    const op_row& r = row(t.kind);
    term f = make(t.kind, {});
    f.kids.reserve(t.kids.size());
    for (const term& k : t.kids) f.kids.push_back(simplify(c, k));
    if (f.kind == op::abs) return abs_of(c, std::move(f.kids[0]));
    if (r.commutative && term_order(c, f.kids[1], f.kids[0]) < 0) std::swap(f.kids[0], f.kids[1]);
    bool flip = false;
    if (r.symmetry != parity::none && leads_negative(f.kids[0])) {
        f.kids[0] = negated_term(c, std::move(f.kids[0]));
        flip = r.symmetry == parity::odd;
    }
    term out = r.fold(std::move(f));
    if (flip) return combine_mul(c, {num(-1), std::move(out)});
    return out;
}

constexpr term simplify(context& c, const term& t) {
    if (c.spend()) return t;
    switch (t.kind) {
        case op::num:
        case op::idx:
        case op::sym: return t;
        case op::add: {
            std::vector<term> kids;
            kids.reserve(t.kids.size());
            for (const term& k : t.kids) kids.push_back(simplify(c, k));
            return combine_add(c, std::move(kids));
        }
        case op::mul: {
            std::vector<term> kids;
            kids.reserve(t.kids.size());
            for (const term& k : t.kids) kids.push_back(simplify(c, k));
            return combine_mul(c, std::move(kids));
        }
        case op::pow: return simplify_pow(c, simplify(c, t.kids[0]), simplify(c, t.kids[1]));
        case op::delta: {
            if (t.kids[0].id == t.kids[1].id) return num(1);
            if (term_order(c, t.kids[1], t.kids[0]) < 0) return delta(t.kids[1].id, t.kids[0].id);
            return t;
        }
        case op::sum: return simplify_sum(c, t.id, simplify(c, t.kids[0]));
        default: return simplify_function(c, t);
    }
}

// ---- assumptions as rewrite rules ------------------------------------------
// A rule's free indices match any index; its bound indices match any bound
// index consistently.
using index_binding = id_map;

constexpr bool match(const term& pat, const term& t, index_binding& b) {
    if (pat.kind != t.kind || pat.kids.size() != t.kids.size()) return false;
    switch (pat.kind) {
        case op::num: return pat.value == t.value;
        case op::idx: {
            int got = b.get(pat.id);
            if (got >= 0) return got == t.id;
            b.from.push_back(pat.id);
            b.to.push_back(t.id);
            return true;
        }
        case op::sym:
            if (pat.id != t.id) return false;
            break;
        case op::sum: {
            int got = b.get(pat.id);
            if (got >= 0 && got != t.id) return false;
            if (got < 0) {
                b.from.push_back(pat.id);
                b.to.push_back(t.id);
            }
            break;
        }
        default: break;
    }
    for (std::size_t i = 0; i != pat.kids.size(); ++i)
        if (!match(pat.kids[i], t.kids[i], b)) return false;
    return true;
}

constexpr term substitute_indices(term t, const index_binding& b) {
    if (t.kind == op::idx || t.kind == op::sum) {
        int got = b.get(t.id);
        if (got >= 0) t.id = got;
    }
    for (term& k : t.kids) k = substitute_indices(std::move(k), b);
    return t;
}

constexpr term apply_rules(context& c, term t) {
    for (std::size_t r = 0; r != c.rule_lhs.size(); ++r) {
        index_binding b;
        if (match(c.rule_lhs[r], t, b)) return substitute_indices(c.rule_rhs[r], b);
    }
    return t;
}

}  // namespace leibniz::ir
