// Index sets as the planner keeps them: vectors of index ids, small enough
// that linear search is the right tool, and the orders it lays indices out in
// (first appearance in a term, or a preferred order first).
#pragma once
#include <vector>

#include <leibniz/ir/term.hpp>
#include <leibniz/plan/loop_plan.hpp>

namespace leibniz::plan {

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
constexpr std::vector<int> appearance(const term& t) {
    std::vector<int> out, bound;
    ir::collect_free_indices(t, out, bound);
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

}  // namespace leibniz::plan
