// Bound summation indices spelled one way: terms that differ only in the names
// of their bound indices (Σ_{j'} W_{ij'} x_{j'} and Σ_{j''} W_{ij''} x_{j''},
// as differentiation makes them) become the same term, so that they collect.
#pragma once
#include <utility>
#include <vector>

#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

namespace detail_bound {
constexpr bool among(const std::vector<int>& v, int x) {
    for (int y : v)
        if (y == x) return true;
    return false;
}

constexpr term rename(context& c, const term& t, const std::vector<int>& free, std::vector<std::pair<int, int>>& scope,
                      std::vector<int>& taken) {
    if (t.kind == op::idx) {
        for (std::size_t n = scope.size(); n-- > 0;)
            if (scope[n].first == t.id) return idx(scope[n].second);
        return t;
    }
    if (t.kind == op::sum) {
        // the first of k, k', k'', ... neither free in the whole term nor
        // bound by an enclosing sum: it depends only on where the sum is,
        // not on the name it had
        int to = -1;
        for (long long n = 0; to < 0; ++n) {
            int candidate = c.index_variant(t.id, n);
            if (candidate >= 0 && !among(free, candidate) && !among(taken, candidate)) to = candidate;
        }
        scope.emplace_back(t.id, to);
        taken.push_back(to);
        term body = rename(c, t.kids[0], free, scope, taken);
        taken.pop_back();
        scope.pop_back();
        return sum(to, std::move(body));
    }
    return map_kids(t, [&](const term& k) { return rename(c, k, free, scope, taken); });
}
}  // namespace detail_bound

/// t with each bound index renamed to the first of its plain name and the
/// fresh variants of it (k, k', k'', ...) that is neither free in t nor bound
/// by an enclosing sum. Two terms equal up to the names of their bound
/// indices come out equal.
constexpr term standard_bound_names(context& c, const term& t) {
    std::vector<std::pair<int, int>> scope;
    std::vector<int> taken;
    return detail_bound::rename(c, t, free_indices(t), scope, taken);
}

}  // namespace leibniz::ir
