// The plan of an evaluation, fixed at compile time: which binding each
// symbol of the frozen IR takes (matched by name), where each extent's value
// comes from, which free indices need values, which run-time checks precede
// the arithmetic, and the first misuse found (reported by evaluate with one
// static_assert).
#pragma once
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <vector>

#include <leibniz/dsl/lower.hpp>
#include <leibniz/eval/bindings.hpp>
#include <leibniz/ir/ops.hpp>

namespace leibniz::eval {

enum class problem : unsigned char {
    none,
    not_bindable,          ///< a binding whose key is not a symbol, tensor, extent or index
    bound_twice,           ///< two bindings with the same name
    scalar_needs_number,   ///< a scalar bound to something other than a number
    tensor_needs_view,     ///< a tensor bound to something other than a view of its rank
    extent_needs_integer,  ///< B = 1.5
    index_needs_integer,   ///< k = 1.5
    missing,               ///< a symbol of the expression without a value
    extent_unknown,        ///< an extent neither bound nor given by a bound view
    index_unbound          ///< a free index without a value
};

/// A run-time check made before anything is computed.
struct check {
    bool on_index = false;  ///< index a's value <= extent b; else extent a <= extent b
    int a = -1, b = -1;
    constexpr bool operator==(const check&) const = default;
};
/// Extent `extent` is binding `binding` itself (dim < 0) or dimension `dim`
/// of the view bound by it.
struct extent_source {
    int binding = -1, dim = -1, extent = -1;
};
struct free_index {
    int id = -1, binding = -1;
};

struct analysis {
    problem what = problem::none;
    int sym = -1;      ///< the symbol concerned, if any
    int binding = -1;  ///< else the binding concerned
    std::vector<check> checks;
    std::vector<extent_source> sources;
    std::vector<free_index> free;
};

/// An index in scope: bound by a sum (range = its extent) or an intermediate's
/// parameter standing for a free index (free_source) or a bound one (range).
struct scope_entry {
    int index = -1, range = -1, free_source = -1;
};

/// Offsets of the intermediates' definitions in the frozen node array (they
/// follow the root).
template <class Frozen>
constexpr std::vector<std::size_t> definition_starts(const Frozen& f) {
    std::vector<std::size_t> out;
    std::size_t pos = static_cast<std::size_t>(f.nodes[0].size);
    for (int d = 0; d != f.ndefs; ++d) {
        out.push_back(pos);
        pos += static_cast<std::size_t>(f.nodes[pos].size);
    }
    return out;
}

template <class Frozen>
struct analyzer {
    const Frozen& f;
    const binding_desc* binds;
    int nb;
    std::vector<int> bind_of;  ///< per symbol: its binding, or -1
    std::vector<int> known;    ///< per symbol: 1 for an extent with a value source
    std::vector<std::size_t> def_start;
    std::vector<scope_entry> scope;
    analysis out;

    static constexpr int nsyms = static_cast<int>(Frozen::symbol_count);

    constexpr void fail(problem p, int sym, int binding = -1) {
        if (out.what != problem::none) return;
        out.what = p;
        out.sym = sym;
        out.binding = binding;
    }
    constexpr int find_extent(std::string_view name) const {
        for (int s = 0; s != nsyms; ++s)
            if (f.syms[s].kind == ir::sym_kind::extent && f.syms[s].name_view() == name) return s;
        return -1;
    }
    constexpr void add_check(check c) {
        for (const check& d : out.checks)
            if (d == c) return;
        out.checks.push_back(c);
    }

    constexpr void check_bindings() {
        binding_verdict v = eval::check_bindings(binds, nb, true);
        switch (v.what) {
            case binding_problem::none: return;
            case binding_problem::not_bindable: return fail(problem::not_bindable, -1, v.binding);
            case binding_problem::bound_twice: return fail(problem::bound_twice, -1, v.binding);
            case binding_problem::scalar_needs_number: return fail(problem::scalar_needs_number, -1, v.binding);
            case binding_problem::tensor_needs_view: return fail(problem::tensor_needs_view, -1, v.binding);
            case binding_problem::extent_needs_integer: return fail(problem::extent_needs_integer, -1, v.binding);
            case binding_problem::index_needs_integer:
            case binding_problem::index_bound: return fail(problem::index_needs_integer, -1, v.binding);
        }
    }

    constexpr void match() {
        bind_of.assign(Frozen::symbol_count, -1);
        known.assign(Frozen::symbol_count, 0);
        for (int s = 0; s != nsyms; ++s)
            for (int b = nb; b-- > 0;)
                if (binds[b].tag.name_view() == f.syms[s].name_view()) bind_of[static_cast<std::size_t>(s)] = b;
        for (int b = 0; b != nb; ++b) {
            const binding_desc& d = binds[b];
            if (d.tag.kind == tag_kind::extent) {
                if (int x = find_extent(d.tag.name_view()); x >= 0) out.sources.push_back({b, -1, x});
            } else if (d.tag.kind == tag_kind::tensor && d.is_view) {
                for (int k = 0; k != d.tag.rank; ++k)
                    if (int x = find_extent(d.tag.dim_view(k)); x >= 0) out.sources.push_back({b, k, x});
            }
        }
        for (const extent_source& s : out.sources) known[static_cast<std::size_t>(s.extent)] = 1;
    }

    constexpr bool is_known(int extent) const { return extent >= 0 && known[static_cast<std::size_t>(extent)] != 0; }

    constexpr void add_free(int k) {
        int b = bind_of[static_cast<std::size_t>(k)];
        if (b < 0) return fail(problem::index_unbound, k);
        for (const free_index& fi : out.free)
            if (fi.id == k) return;
        out.free.push_back({k, b});
        if (int range = f.syms[k].dims[0]; is_known(range)) add_check({true, k, range});
    }

    /// What index k is in the current scope: a scope entry with index = k.
    constexpr scope_entry resolve(int k) const {
        for (std::size_t s = scope.size(); s-- > 0;)
            if (scope[s].index == k) return scope[s];
        return {k, -1, k};
    }

    /// Index k used where values up to extent `pos` are valid (pos < 0: anywhere).
    constexpr void use_index(int k, int pos) {
        scope_entry r = resolve(k);
        if (r.free_source >= 0) {
            add_free(r.free_source);
            if (pos >= 0) add_check({true, r.free_source, pos});
        } else if (pos >= 0 && r.range != pos) {
            add_check({false, r.range, pos});
        }
    }

    constexpr std::size_t kid(std::size_t i, int k) const {
        std::size_t j = i + 1;
        for (int n = 0; n != k; ++n) j += static_cast<std::size_t>(f.nodes[j].size);
        return j;
    }

    constexpr void walk_symbol(std::size_t i) {
        const ir::flat_node& n = f.nodes[i];
        const ir::sym_entry& e = f.syms[n.id];
        int b = bind_of[static_cast<std::size_t>(n.id)];
        if (e.kind == ir::sym_kind::extent) {
            if (!is_known(n.id)) fail(problem::extent_unknown, n.id);
            return;
        }
        if (b >= 0) {
            const binding_desc& d = binds[b];
            if (n.nkids == 0) {
                if (!d.arithmetic) fail(problem::scalar_needs_number, -1, b);
                return;
            }
            if (!d.is_view || d.view_rank != n.nkids) return fail(problem::tensor_needs_view, -1, b);
            for (int k = 0; k != n.nkids; ++k) use_index(f.nodes[kid(i, k)].id, e.dims[k]);
            return;
        }
        if (ir::is_pi(e)) return;  // π unbound: its value
        if (e.def >= 0) {
            // the definition sees only its parameters, standing for the actual indices
            std::vector<scope_entry> inner;
            for (int k = 0; k != n.nkids; ++k) {
                int actual = f.nodes[kid(i, k)].id;
                use_index(actual, is_known(e.dims[k]) ? e.dims[k] : -1);
                scope_entry r = resolve(actual);
                inner.push_back({e.params[k], r.range, r.free_source});
            }
            std::swap(scope, inner);
            walk(def_start[static_cast<std::size_t>(e.def)]);
            std::swap(scope, inner);
            return;
        }
        fail(problem::missing, n.id);
    }

    constexpr void walk(std::size_t i) {
        const ir::flat_node& n = f.nodes[i];
        switch (n.kind) {
            case ir::op::num: return;
            case ir::op::idx: return use_index(n.id, -1);
            case ir::op::sym: return walk_symbol(i);
            case ir::op::sum: {
                int range = f.syms[n.id].dims[0];
                if (!is_known(range)) return fail(problem::extent_unknown, range);
                scope.push_back({n.id, range, -1});
                walk(i + 1);
                scope.pop_back();
                return;
            }
            default:
                for (int k = 0; k != n.nkids; ++k) walk(kid(i, k));
        }
    }

    constexpr analysis run() {
        check_bindings();
        if (out.what != problem::none) return out;
        match();
        def_start = definition_starts(f);
        walk(0);
        return out;
    }
};

template <class Acc, class... X>
struct floating_common {
    using type = Acc;
};
template <class Acc, class X, class... R>
struct floating_common<Acc, X, R...> {
    static constexpr auto pick() {
        if constexpr (!std::is_floating_point_v<X>) return std::type_identity<Acc>{};
        else if constexpr (std::is_void_v<Acc>) return std::type_identity<X>{};
        else return std::type_identity<std::common_type_t<Acc, X>>{};
    }
    using type = typename floating_common<typename decltype(pick())::type, R...>::type;
};

/// The floating-point type a binding contributes (void: none).
template <class P>
using contribution = std::conditional_t<tag_info<typename pair_info<P>::tag>::value.kind == tag_kind::extent ||
                                            tag_info<typename pair_info<P>::tag>::value.kind == tag_kind::index,
                                        void, typename value_info<typename pair_info<P>::value>::element>;

template <class T, class... P>
struct value_type_of {
    using type = T;
};
template <class... P>
struct value_type_of<void, P...> {
    using found = typename floating_common<void, contribution<P>...>::type;
    using type = std::conditional_t<std::is_void_v<found>, double, found>;
};

/// Index values (1-based) and extents, both by symbol id.
template <std::size_t S>
struct environment {
    std::size_t index[S == 0 ? 1 : S]{};
    std::size_t extent[S == 0 ? 1 : S]{};
};

template <class Source, class Pairs, class T>
struct plan;

template <class Source, class... P, class T>
struct plan<Source, std::tuple<P...>, T> {
    using frozen_type = std::remove_cvref_t<decltype(dsl::frozen<Source>::value)>;
    static constexpr const frozen_type& F = dsl::frozen<Source>::value;
    static constexpr std::size_t S = frozen_type::symbol_count;
    using values_type = std::tuple<P...>;
    using value_type = typename value_type_of<T, P...>::type;
    using env_type = environment<S>;

    static constexpr std::array<binding_desc, sizeof...(P)> binds{describe<P>()...};

    static constexpr analysis analyze() {
        analyzer<frozen_type> a{F, binds.data(), static_cast<int>(sizeof...(P)), {}, {}, {}, {}, {}};
        return a.run();
    }
    struct counts_t {
        std::size_t checks, sources, free;
    };
    static constexpr counts_t counts = [] {
        analysis a = analyze();
        return counts_t{a.checks.size(), a.sources.size(), a.free.size()};
    }();
    struct result_t {
        problem what;
        int sym, binding;
        std::array<check, counts.checks> checks;
        std::array<extent_source, counts.sources> sources;
        std::array<free_index, counts.free> free;
    };
    static constexpr result_t result = [] {
        analysis a = analyze();
        result_t r{a.what, a.sym, a.binding, {}, {}, {}};
        for (std::size_t i = 0; i != counts.checks; ++i) r.checks[i] = a.checks[i];
        for (std::size_t i = 0; i != counts.sources; ++i) r.sources[i] = a.sources[i];
        for (std::size_t i = 0; i != counts.free; ++i) r.free[i] = a.free[i];
        return r;
    }();

    static constexpr std::array<int, S> bind_of = [] {
        std::array<int, S> out{};
        for (std::size_t s = 0; s != S; ++s) {
            out[s] = -1;
            for (std::size_t b = sizeof...(P); b-- > 0;)
                if (binds[b].tag.name_view() == F.syms[s].name_view()) out[s] = static_cast<int>(b);
        }
        return out;
    }();
    static constexpr std::array<std::size_t, static_cast<std::size_t>(F.ndefs)> def_start = [] {
        std::array<std::size_t, static_cast<std::size_t>(F.ndefs)> out{};
        std::vector<std::size_t> v = definition_starts(F);
        for (std::size_t d = 0; d != out.size(); ++d) out[d] = v[d];
        return out;
    }();

    /// The name in a diagnostic: the symbol concerned, else the binding's.
    static constexpr std::string_view problem_name() {
        if (result.sym >= 0) return F.syms[result.sym].name_view();
        if (result.binding >= 0) return binds[static_cast<std::size_t>(result.binding)].tag.name_view();
        return {};
    }
};

}  // namespace leibniz::eval
