// Clearing denominators: the second way `compare` proves two formulas
// equal. The canonical form multiplies out but never cancels a sum against
// its inverse once the sum has been expanded: (1/(1-p))² ((1-p)/2) and
// 1/(2 (1-p)) get different canonical forms. Here a - b is multiplied out,
// every term is multiplied by the product D of the sums that appear as
// denominators (each to its highest power) before the sums are expanded, so
// they cancel exactly; a = b exactly when (a - b) D multiplies out to 0
// (D is not identically zero).
#pragma once
#include <leibniz/simplify/canonical.hpp>

namespace leibniz {

namespace ir {

struct denominators {
    std::vector<term> bases;
    std::vector<long long> powers;
};

constexpr void collect_denominator(const term& f, denominators& d) {
    if (f.kind != op::pow || !(f.kids[0].kind == op::add || f.kids[0].kind == op::sum)) return;
    const term& e = f.kids[1];
    if (!(e.is_num() && e.value.is_integer() && e.value.is_negative())) return;
    for (std::size_t i = 0; i != d.bases.size(); ++i)
        if (d.bases[i] == f.kids[0]) {
            if (-e.value.num > d.powers[i]) d.powers[i] = -e.value.num;
            return;
        }
    d.bases.push_back(f.kids[0]);
    d.powers.push_back(-e.value.num);
}

/// (a - b) times its sum denominators, multiplied out.
constexpr term cleared_difference(context& c, const term& a, const term& b) {
    term t = canonical(c, sub(a, b));
    std::vector<term> terms;
    if (t.kind == op::add)
        terms = t.kids;
    else
        terms.push_back(t);
    denominators d;
    for (const term& m : terms) {
        if (m.kind == op::mul)
            for (const term& f : m.kids) collect_denominator(f, d);
        else
            collect_denominator(m, d);
    }
    std::vector<term> parts;
    for (term& m : terms) {
        std::vector<term> fs;
        fs.push_back(std::move(m));
        for (std::size_t i = 0; i != d.bases.size(); ++i) fs.push_back(pow(d.bases[i], num(d.powers[i])));
        parts.push_back(expand(c, combine_mul(c, std::move(fs))));
    }
    return canonical(c, combine_add(c, std::move(parts)));
}

}  // namespace ir

}  // namespace leibniz
