// Terms as the planner reads and builds them: a structural order that
// ignores index names, products with their number in front, array elements
// and plain accesses, and the tests that decide what is worth an array of
// its own (trivial loads, sums inside, costly functions per element).
#pragma once
#include <cstddef>
#include <vector>

#include <leibniz/ir/term_order.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/plan/index_sets.hpp>
#include <leibniz/plan/loop_plan.hpp>

namespace leibniz::plan {

/// The structural order of ir/term_order.hpp with index names ignored, so that
/// factor lists sort the same way whatever their indices are called.
constexpr int shape_compare(const context& c, const term& a, const term& b) {
    if (a.kind != b.kind) return ir::sign_of(ir::kind_rank(a.kind) - ir::kind_rank(b.kind));
    if (a.kind == op::num) {
        if (a.value == b.value) return 0;
        return a.value < b.value ? -1 : 1;
    }
    if (a.kind == op::idx) return 0;
    if (a.kind == op::sym)
        if (int r = ir::symbol_order(c, a.id, b.id)) return r;
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

/// The symbols t reads, in order of first appearance.
constexpr void symbols_read(const term& t, std::vector<int>& out) {
    if (t.kind == op::sym && !contains(out, t.id)) out.push_back(t.id);
    for (const term& k : t.kids) symbols_read(k, out);
}

}  // namespace leibniz::plan
