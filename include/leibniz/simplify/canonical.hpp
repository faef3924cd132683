// canonical: the form in which two formulas that differ only by algebra
// become the same tree. Products are multiplied out over sums (and positive
// integer powers of sums), then collected by simplify; bound summation
// indices are renamed in order of appearance so that Σ_k f(k) and Σ_i f(i)
// meet.
#pragma once
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::ir {

inline constexpr long long max_expanded_power = 12;

constexpr term expand(context& c, const term& t);

constexpr term distribute(context& c, std::vector<term> factors) {
    // the number of products, counted before they are made
    long long products = 1;
    for (const term& f : factors)
        if (f.kind == op::add && products < (1LL << 40)) products *= static_cast<long long>(f.kids.size());
    if (c.spend(products)) return make(op::mul, std::move(factors));
    std::vector<term> acc;
    acc.push_back(num(1));
    for (term& f : factors) {
        std::vector<term> next;
        if (f.kind == op::add) {
            for (const term& a : acc)
                for (const term& s : f.kids) next.push_back(combine_mul(c, {a, s}));
        } else {
            for (term& a : acc) next.push_back(combine_mul(c, {std::move(a), f}));
        }
        acc = std::move(next);
    }
    return combine_add(c, std::move(acc));
}

// Factors pulled out of a sum may be sums themselves: multiply them out.
constexpr term multiply_out(context& c, term t) {
    if (t.kind == op::mul) return distribute(c, std::move(t.kids));
    if (t.kind == op::add) {
        std::vector<term> parts;
        for (term& k : t.kids) parts.push_back(multiply_out(c, std::move(k)));
        return combine_add(c, std::move(parts));
    }
    return t;
}

constexpr term expand(context& c, const term& t) {
    switch (t.kind) {
        case op::mul: {
            std::vector<term> kids;
            for (const term& k : t.kids) kids.push_back(expand(c, k));
            return distribute(c, std::move(kids));
        }
        case op::pow: {
            term b = expand(c, t.kids[0]);
            term e = expand(c, t.kids[1]);
            if (b.kind == op::add && e.is_num() && e.value.is_integer() && e.value.num > 1 &&
                e.value.num <= max_expanded_power) {
                std::vector<term> copies;
                for (long long i = 0; i != e.value.num; ++i) copies.push_back(b);
                return distribute(c, std::move(copies));
            }
            term p = simplify_pow(c, std::move(b), std::move(e));
            if (p.kind == op::mul) return expand(c, p);
            return p;
        }
        case op::sum: {
            term body = expand(c, t.kids[0]);
            return multiply_out(c, simplify_sum(c, t.id, std::move(body)));
        }
        case op::num:
        case op::idx:
        case op::sym:
        case op::delta: return simplify(c, t);
        default: {
            return simplify(c, map_kids(t, [&](const term& k) { return expand(c, k); }));
        }
    }
}

/// The bound index of a sum at nesting depth d over extent E is renamed to a
/// reserved name built from (E, d), so that the choice of letters vanishes.
constexpr int canonical_index(context& c, int k, int depth) {
    sym_entry e = c.at(k);
    detail::text nm("#");
    nm += c.at(e.dims[0]).name_view();
    nm += '#';
    nm += detail::to_text(depth).view();
    int found = c.find(nm.view());
    if (found >= 0) return found;
    detail::copy_name(e.name, nm.view());  // keeps the latex of the first index renamed
    c.syms.push_back(e);
    return static_cast<int>(c.syms.size() - 1);
}

constexpr term rename_bound(context& c, term t, int depth) {
    if (t.kind == op::sum) {
        int to = canonical_index(c, t.id, depth);
        t.kids[0] = rename_index(std::move(t.kids[0]), t.id, to);
        t.id = to;
        t.kids[0] = rename_bound(c, std::move(t.kids[0]), depth + 1);
        return t;
    }
    for (term& k : t.kids) k = rename_bound(c, std::move(k), depth);
    return t;
}

constexpr term canonical(context& c, const term& t) {
    term e = expand(c, t);
    return simplify(c, rename_bound(c, std::move(e), 0));
}

}  // namespace leibniz::ir
