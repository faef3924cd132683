// The expectation operator on the IR. Rules, applied to the multiplied-out
// form:
//   linearity    E[a + b] = E[a] + E[b], E[Σ_k f_k] = Σ_k E[f_k], and
//                factors without random variables come out: E[c X] = c E[X];
//   independence E[f g] = E[f] E[g] when every random variable of f is
//                independent of every one of g: different variables declared
//                independent, or different entries of one iid tensor;
//   iid entries  x_j x_l with j, l free: δ_jl E[x_j²] + (1 - δ_jl) E[x_j] E[x_l];
//   Bernoulli    E[g(m)] = p g(0) + (1 - p) g(1), so E[m^k] = 1 - p (k ≥ 1);
//   normal       E[z^a relu(s z)^b step(s z)^c] from the half-line integrals
//                of stats/moments.hpp (s a deterministic scale of known sign:
//                s > 0 the upper half-line, s < 0 the lower one).
// What none of these reduces stays as an opaque symbol E[...] (a scalar; an
// irreducible term with free indices is an error).
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/ir/sign.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/numeric_witness.hpp>
#include <leibniz/stats/moments.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_expectation_with_free_indices_is_not_reducible() { ::leibniz::detail::fail("leibniz_error_expectation_with_free_indices_is_not_reducible"); }

/// Pairs of random symbols declared independent.
struct independence {
    std::vector<int> a, b;
    constexpr void declare(int x, int y) {
        a.push_back(x);
        b.push_back(y);
    }
    constexpr bool holds(int x, int y) const {
        for (std::size_t i = 0; i != a.size(); ++i)
            if ((a[i] == x && b[i] == y) || (a[i] == y && b[i] == x)) return true;
        return false;
    }
};

/// Entries of one iid tensor known to be different entries (the
/// 1 - δ branch of a split).
struct distinct_entries {
    std::vector<term> a, b;
    constexpr bool holds(const term& x, const term& y) const {
        for (std::size_t i = 0; i != a.size(); ++i)
            if ((a[i] == x && b[i] == y) || (a[i] == y && b[i] == x)) return true;
        return false;
    }
};

constexpr bool is_random_symbol(const context& c, int id) { return c.at(id).law != random_law::none; }

constexpr bool has_random(const context& c, const term& t) {
    if (t.kind == op::sym && is_random_symbol(c, t.id)) return true;
    for (const term& k : t.kids)
        if (has_random(c, k)) return true;
    return false;
}

/// Named intermediates replaced by their definitions (they may hide random
/// variables).
constexpr term inline_intermediates(context& c, const term& t) {
    if (t.kind == op::sym && c.at(t.id).def >= 0) return inline_intermediates(c, instantiate(c, t, num(0)));
    return map_kids(t, [&](const term& k) { return inline_intermediates(c, k); });
}

/// The random variables a factor depends on: entries x(j), scalars z, or a
/// whole tensor x (no kids) when an entry sits under a sum over its index.
constexpr void collect_atoms(const context& c, const term& t, std::vector<term>& out, std::vector<int>& bound) {
    if (t.kind == op::sym && is_random_symbol(c, t.id)) {
        term a = t;
        for (const term& k : t.kids)
            if (in(bound, k.id)) a.kids.clear();
        for (const term& o : out)
            if (o == a) return;
        out.push_back(std::move(a));
        return;
    }
    if (t.kind == op::sum) bound.push_back(t.id);
    for (const term& k : t.kids) collect_atoms(c, k, out, bound);
    if (t.kind == op::sum) bound.pop_back();
}
constexpr std::vector<term> atoms_of(const context& c, const term& t) {
    std::vector<term> out;
    std::vector<int> bound;
    collect_atoms(c, t, out, bound);
    return out;
}

constexpr bool is_whole_tensor(const context& c, const term& a) { return a.kids.empty() && c.at(a.id).rank > 0; }

constexpr bool dependent(const context& c, const independence& ind, const distinct_entries& d, const term& x, const term& y) {
    if (x.id != y.id) return !ind.holds(x.id, y.id);
    if (x == y || is_whole_tensor(c, x) || is_whole_tensor(c, y)) return true;
    return !d.holds(x, y);
}

constexpr term substitute(const term& t, const term& what, const term& by) {
    if (t == what) return by;
    return map_kids(t, [&](const term& k) { return substitute(k, what, by); });
}

// ---- one random variable ------------------------------------------------------------------
struct law_result {
    bool ok = false;
    term value{};
};

constexpr bool contains_term(const term& t, const term& x) {
    if (t == x) return true;
    for (const term& k : t.kids)
        if (contains_term(k, x)) return true;
    return false;
}

/// Where setting the variable to 0 could divide by zero or take log 0.
constexpr bool singular_at_zero(const term& t, const term& atom) {
    bool nonneg_power = t.kind == op::pow && t.kids[1].is_num() && !t.kids[1].value.is_negative();
    if (t.kind == op::pow && !nonneg_power && contains_term(t.kids[0], atom)) return true;
    if (t.kind == op::log && contains_term(t.kids[0], atom)) return true;
    for (const term& k : t.kids)
        if (singular_at_zero(k, atom)) return true;
    return false;
}

/// E[g(m)] = p g(0) + (1 - p) g(1): the two values m takes, with their probabilities.
constexpr law_result bernoulli_keep_expectation(context& c, const term& atom, const term& g) {
    if (singular_at_zero(g, atom)) return {};
    term p = sym(c.at(atom.id).dep);
    term g0 = simplify(c, substitute(g, atom, num(0)));
    term g1 = simplify(c, substitute(g, atom, num(1)));
    return {true, add(mul(p, std::move(g0)), mul(sub(num(1), p), std::move(g1)))};
}

/// arg = s z with s deterministic: the sign of s and |s|.
struct linear_scale {
    bool ok = false;
    int sign = 1;
    term scale{};
};
constexpr linear_scale scale_of(const context& c, const term& arg, const term& atom) {
    if (arg == atom) return {true, 1, num(1)};
    if (arg.kind != op::mul) return {};
    int found = 0, sign = 1;
    term s = make(op::mul, {});
    for (const term& f : arg.kids) {
        if (f == atom) {
            ++found;
        } else if (f.is_num()) {
            if (f.value.is_negative()) sign = -sign;
            s.kids.push_back(num(abs(f.value)));
        } else {
            if (has_random(c, f) || !is_nonnegative(c, f)) return {};
            s.kids.push_back(f);
        }
    }
    if (found != 1) return {};
    return {true, sign, std::move(s)};
}

/// E[z^a relu(s z)^b step(s z)^c ...] for z ~ N(0, 1).
constexpr law_result standard_normal_expectation(context& c, const term& atom, const std::vector<term>& factors) {
    long long full = 0, half = 0;
    int side = 0;
    bool zero = false;
    term scale = make(op::mul, {});
    for (const term& f : factors) {
        const term& base = f.kind == op::pow ? f.kids[0] : f;
        long long e = 1;
        if (f.kind == op::pow) {
            const term& x = f.kids[1];
            if (!(x.is_num() && x.value.is_integer() && x.value.num > 0)) return {};
            e = x.value.num;
        }
        if (base == atom) {
            full += e;
        } else if (base.kind == op::relu || base.kind == op::step) {
            linear_scale ls = scale_of(c, base.kids[0], atom);
            if (!ls.ok) return {};
            if (side != 0 && side != ls.sign) zero = true;  // relu(z) relu(-z) = 0
            side = ls.sign;
            if (base.kind == op::relu) {
                half += e;
                scale.kids.push_back(pow(ls.scale, num(e)));
            }
        } else {
            return {};
        }
    }
    if (zero) return {true, num(0)};
    if (side == 0) return {true, normal_moment(c, full)};
    // z^a relu(z)^b = z^(a+b) on z > 0; on z < 0, z^a (-z)^b = (-1)^a (-z)^(a+b)
    term m = half_normal_integral(c, full + half);
    if (side < 0 && full % 2 != 0) m = neg(std::move(m));
    scale.kids.push_back(std::move(m));
    return {true, std::move(scale)};
}

// ---- opaque expectations -----------------------------------------------------------------
constexpr unsigned long long structural_hash(const context& c, const term& t, unsigned long long h) {
    h = mix(h, static_cast<unsigned long long>(t.kind));
    if (t.kind == op::num) {
        h = mix(h, static_cast<unsigned long long>(t.value.num));
        h = mix(h, static_cast<unsigned long long>(t.value.den));
    }
    if (t.kind == op::sym || t.kind == op::idx || t.kind == op::sum) h = name_hash(c.at(t.id).name_view(), h);
    for (const term& k : t.kids) h = structural_hash(c, k, h);
    return mix(h, t.kids.size());
}

/// E[f] kept as a scalar symbol spelled \mathbb{E}[f].
constexpr term opaque_expectation(context& c, const term& f) {
    term s = simplify(c, f);
    if (!free_indices(s).empty()) leibniz_error_expectation_with_free_indices_is_not_reducible();
    detail::text lx("\\mathbb{E}[");
    lx += print(c, s, latex_options{});
    lx += ']';
    detail::text nm("E#");
    unsigned long long h = structural_hash(c, s, 0x51ed270b27dd1a4fULL);
    for (int i = 0; i != 16; ++i) nm += "0123456789abcdef"[(h >> (60 - 4 * i)) & 15];
    sym_entry e;
    detail::copy_name(e.name, nm.view());
    detail::copy_name(e.latex, lx.view());
    e.prio = 20;
    return sym(c.intern(e));
}

// ---- the operator ------------------------------------------------------------------------------
constexpr term expect(context& c, const independence& ind, const term& t, const distinct_entries& d);

constexpr term product_of(std::vector<term> fs) {
    if (fs.empty()) return num(1);
    if (fs.size() == 1) return std::move(fs[0]);
    return make(op::mul, std::move(fs));
}

/// E of one group of mutually dependent factors.
constexpr term expect_group(context& c, const std::vector<term>& factors, const std::vector<term>& atoms) {
    if (atoms.size() == 1 && !is_whole_tensor(c, atoms[0])) {
        const term& a = atoms[0];
        law_result r;
        switch (c.at(a.id).law) {
            case random_law::bernoulli_keep: r = bernoulli_keep_expectation(c, a, product_of(factors)); break;
            case random_law::standard_normal: r = standard_normal_expectation(c, a, factors); break;
            case random_law::none: break;
        }
        if (r.ok) return r.value;
    }
    return opaque_expectation(c, product_of(factors));
}

constexpr term expect_monomial(context& c, const independence& ind, const term& t, const distinct_entries& d) {
    auto [q, rest] = split_coefficient(t);
    std::vector<term> all;
    if (rest.kind == op::mul)
        all = rest.kids;
    else
        all.push_back(rest);
    std::vector<term> fixed, random;
    partition_terms(std::move(all), [&c](const term& f) { return has_random(c, f); }, random, fixed);
    // A sum (or a power of one) with random variables inside: E[(Σ_j f_j) g] = Σ_j E[f_j g].
    for (std::size_t i = 0; i != random.size(); ++i) {
        term f = random[i];
        if (f.kind == op::pow && f.kids[0].kind == op::sum && f.kids[1].is_num() && f.kids[1].value.is_integer() &&
            f.kids[1].value.num > 1 && f.kids[1].value.num <= max_expanded_power) {
            std::vector<term> again = fixed;
            again.push_back(num(q));
            for (std::size_t j = 0; j != random.size(); ++j)
                if (j != i) again.push_back(random[j]);
            for (long long n = 0; n != f.kids[1].value.num; ++n) again.push_back(f.kids[0]);
            return expect_monomial(c, ind, make(op::mul, std::move(again)), d);
        }
        if (f.kind == op::sum) {
            std::vector<term> others = fixed;
            others.push_back(num(q));
            for (std::size_t j = 0; j != random.size(); ++j)
                if (j != i) others.push_back(random[j]);
            std::vector<int> avoid;
            for (const term& o : others) collect_indices(o, avoid);
            term s = freshen_bound(c, std::move(f), avoid);
            others.push_back(std::move(s.kids[0]));
            return sum(s.id, expect(c, ind, make(op::mul, std::move(others)), d));
        }
    }
    std::vector<std::vector<term>> atoms;
    for (const term& f : random) atoms.push_back(atoms_of(c, f));
    // Two entries of one iid tensor at different index names: equal or not.
    for (std::size_t i = 0; i != atoms.size(); ++i)
        for (const term& x : atoms[i])
            for (std::size_t j = i; j != atoms.size(); ++j)
                for (const term& y : atoms[j]) {
                    if (x.id != y.id || x == y || is_whole_tensor(c, x) || is_whole_tensor(c, y) || d.holds(x, y)) continue;
                    std::vector<term> same = random;
                    term deltas = num(1);
                    std::vector<int> xa, ya;
                    for (const term& k : x.kids) xa.push_back(k.id);
                    for (const term& k : y.kids) ya.push_back(k.id);
                    for (std::size_t r = 0; r != xa.size(); ++r) {
                        int u = xa[r], v = ya[r];
                        if (u == v) continue;
                        deltas = mul(std::move(deltas), delta(u, v));
                        for (term& f : same) f = rename_index(std::move(f), v, u);
                        for (int& w : xa) w = w == v ? u : w;
                        for (int& w : ya) w = w == v ? u : w;
                    }
                    for (const term& f : fixed) same.push_back(f);
                    same.push_back(num(q));
                    distinct_entries d2 = d;
                    d2.a.push_back(x);
                    d2.b.push_back(y);
                    term when_equal = expect(c, ind, make(op::mul, std::move(same)), d);
                    term when_different = expect(c, ind, t, d2);
                    return add(mul(deltas, std::move(when_equal)), mul(sub(num(1), deltas), std::move(when_different)));
                }
    // Group the random factors into independent classes (union-find).
    std::vector<std::size_t> root;  // (not vector(n): clang 14 rejects its fill in constant evaluation)
    for (std::size_t i = 0; i != random.size(); ++i) root.push_back(i);
    auto find = [&](std::size_t i) {
        while (root[i] != i) i = root[i];
        return i;
    };
    for (std::size_t i = 0; i != random.size(); ++i)
        for (std::size_t j = i + 1; j != random.size(); ++j) {
            bool dep = false;
            for (const term& x : atoms[i])
                for (const term& y : atoms[j]) dep = dep || dependent(c, ind, d, x, y);
            if (dep) root[find(j)] = find(i);
        }
    std::vector<term> out = std::move(fixed);
    out.push_back(num(q));
    for (std::size_t g = 0; g != random.size(); ++g) {
        if (find(g) != g) continue;
        std::vector<term> fs, as;
        for (std::size_t i = 0; i != random.size(); ++i) {
            if (find(i) != g) continue;
            fs.push_back(random[i]);
            for (const term& a : atoms[i]) {
                bool have = false;
                for (const term& b : as) have = have || a == b;
                if (!have) as.push_back(a);
            }
        }
        out.push_back(expect_group(c, fs, as));
    }
    return make(op::mul, std::move(out));
}

constexpr term expect(context& c, const independence& ind, const term& t, const distinct_entries& d) {
    term e = expand(c, t);
    if (!has_random(c, e)) return e;
    if (e.kind == op::add) {
        term out = make(op::add, {});
        for (const term& k : e.kids) out.kids.push_back(expect(c, ind, k, d));
        return out;
    }
    if (e.kind == op::sum) return sum(e.id, expect(c, ind, e.kids[0], d));
    return expect_monomial(c, ind, e, d);
}

/// Bound indices renamed back from j' to j where j is free to take
/// (splitting products of sums primes them).
constexpr term tidy_bound(context& c, term t, const std::vector<int>& outer) {
    if (t.kind == op::sum) {
        std::string_view name = c.at(t.id).name_view();
        std::size_t n = name.size();
        while (n > 0 && name[n - 1] == '\'') --n;
        int base = n == name.size() ? -1 : c.find(name.substr(0, n));
        if (base >= 0 && c.at(base).kind == sym_kind::index && c.extent_of(base) == c.extent_of(t.id) && !in(outer, base)) {
            std::vector<int> used;
            collect_indices(t.kids[0], used);
            if (!in(used, base)) {
                t.kids[0] = rename_index(std::move(t.kids[0]), t.id, base);
                t.id = base;
            }
        }
        std::vector<int> inner = outer;
        inner.push_back(t.id);
        t.kids[0] = tidy_bound(c, std::move(t.kids[0]), inner);
        return t;
    }
    for (term& k : t.kids) k = tidy_bound(c, std::move(k), outer);
    return t;
}
constexpr term tidy_bound(context& c, term t) {
    std::vector<int> outer = free_indices(t);
    return tidy_bound(c, std::move(t), outer);
}

// Results are collected, not multiplied out, so that E[m] = 1 - p meets
// the 1/(1 - p) of inverted dropout and cancels.

/// E[t].
constexpr term expectation(context& c, const independence& ind, const term& t) {
    return tidy_bound(c, simplify(c, expect(c, ind, inline_intermediates(c, t), distinct_entries{})));
}

/// Var(t) = E[t²] - E[t]².
constexpr term variance(context& c, const independence& ind, const term& t) {
    term x = inline_intermediates(c, t);
    term second = expect(c, ind, pow(x, num(2)), distinct_entries{});
    term first = expect(c, ind, x, distinct_entries{});
    return tidy_bound(c, simplify(c, sub(std::move(second), pow(std::move(first), num(2)))));
}

/// Cov(a, b) = E[a b] - E[a] E[b].
constexpr term covariance(context& c, const independence& ind, const term& a, const term& b) {
    term x = inline_intermediates(c, a), y = inline_intermediates(c, b);
    term both = expect(c, ind, mul(x, y), distinct_entries{});
    term ex = expect(c, ind, x, distinct_entries{});
    term ey = expect(c, ind, y, distinct_entries{});
    return tidy_bound(c, simplify(c, sub(std::move(both), mul(std::move(ex), std::move(ey)))));
}

}  // namespace leibniz::ir
