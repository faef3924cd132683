// The total order on terms that fixes the canonical order of sums and
// products (and so the order in which they print).
#pragma once
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

constexpr int kind_rank(op k) {
    switch (k) {
        case op::num: return 0;
        case op::idx: return 1;
        case op::sym: return 2;
        case op::delta: return 3;
        case op::add: return function_rank_end;
        case op::mul: return function_rank_end + 1;
        case op::pow: return function_rank_end + 2;
        case op::sum: return function_rank_end + 3;
        default: return function_rank(k);  // the functions, in the op table's order
    }
}

constexpr int sign_of(int v) { return (v > 0) - (v < 0); }

constexpr int symbol_order(const context& c, int a, int b) {
    if (a == b) return 0;
    const sym_entry &x = c.at(a), &y = c.at(b);
    if (x.prio != y.prio) return sign_of(x.prio - y.prio);
    std::string_view nx = x.name_view(), ny = y.name_view();
    if (nx != ny) return nx < ny ? -1 : 1;
    return sign_of(a - b);
}

constexpr int term_order(const context& c, const term& a, const term& b);

constexpr int kids_order(const context& c, const term& a, const term& b) {
    std::size_t n = a.kids.size() < b.kids.size() ? a.kids.size() : b.kids.size();
    for (std::size_t i = 0; i != n; ++i)
        if (int r = term_order(c, a.kids[i], b.kids[i])) return r;
    return sign_of(int(a.kids.size()) - int(b.kids.size()));
}

constexpr int term_order(const context& c, const term& a, const term& b) {
    if (a.kind != b.kind) return sign_of(kind_rank(a.kind) - kind_rank(b.kind));
    switch (a.kind) {
        case op::num:
            if (a.value == b.value) return 0;
            return a.value < b.value ? -1 : 1;
        case op::idx: return symbol_order(c, a.id, b.id);
        case op::sym:
            if (int r = symbol_order(c, a.id, b.id)) return r;
            return kids_order(c, a, b);
        case op::sum:
            if (int r = kids_order(c, a, b)) return r;
            return symbol_order(c, a.id, b.id);
        default: return kids_order(c, a, b);
    }
}

// Products are ordered factor by factor on (base, exponent).
constexpr const term& base_of(const term& t) { return t.kind == op::pow ? t.kids[0] : t; }

constexpr int factor_order(const context& c, const term& a, const term& b) {
    if (int r = term_order(c, base_of(a), base_of(b))) return r;
    bool pa = a.kind == op::pow, pb = b.kind == op::pow;
    if (!pa && !pb) return 0;
    if (!pa) return term_order(c, num(1), b.kids[1]);
    if (!pb) return term_order(c, a.kids[1], num(1));
    return term_order(c, a.kids[1], b.kids[1]);
}

// Terms of a sum are ordered on their factors, ignoring the numeric
// coefficient: x, x y, y.
constexpr int monomial_order(const context& c, const term& a, const term& b) {
    auto first = [](const term& t) -> std::size_t {
        return (t.kind == op::mul && !t.kids.empty() && t.kids[0].is_num()) ? 1 : 0;
    };
    auto count = [](const term& t) -> std::size_t { return t.kind == op::mul ? t.kids.size() : 1; };
    auto get = [](const term& t, std::size_t i) -> const term& { return t.kind == op::mul ? t.kids[i] : t; };
    std::size_t ia = first(a), ib = first(b), na = count(a), nb = count(b);
    while (ia != na && ib != nb) {
        if (int r = factor_order(c, get(a, ia), get(b, ib))) return r;
        ++ia;
        ++ib;
    }
    if (ia != na) return 1;
    if (ib != nb) return -1;
    return 0;
}

template <class Less>
constexpr void insertion_sort(std::vector<term>& v, Less less) {
    for (std::size_t i = 1; i < v.size(); ++i)
        for (std::size_t j = i; j > 0 && less(v[j], v[j - 1]); --j) std::swap(v[j], v[j - 1]);
}

}  // namespace leibniz::ir
