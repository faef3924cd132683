// The program of an array evaluation: the loop plan of plan/loops.hpp for
// one or more results, frozen into flat constexpr tables that the runner
// (eval/array.hpp) turns into loops by template recursion. Indices become
// loop levels of their nest, symbols become arrays (inputs bound by name,
// scratch arrays, outputs), extents become slots with their sources.
#pragma once
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include <leibniz/dsl/lower.hpp>
#include <leibniz/plan/loops.hpp>
#include <leibniz/eval/bindings.hpp>
#include <leibniz/ir/ops.hpp>

namespace leibniz::eval::arrays {

using ir::op;
using ir::term;

enum class role : unsigned char { input, scratch, output };

struct p_array {
    int sym = -1;
    role r = role::scratch;
    int binding = -1;  ///< input: its binding; output: which result
    int rank = 0;
    int dims[ir::max_rank]{};  ///< extent slots
};

enum class nest_kind : unsigned char { elementwise, sum, maximum };
/// What a nest is, for a contraction backend: C = A B (A, B matrices, possibly
/// transposed), c = A b, s = a · b, C = a b^T; none for plain loops.
enum class blas : unsigned char { none, gemm, gemv, dot, outer };

inline constexpr int max_levels = 8;

struct p_nest {
    nest_kind kind = nest_kind::elementwise;
    int nloops = 0;
    int loops[max_levels]{};  ///< extent slot of each level, outer to inner
    int nouter = 0;           ///< levels of the arrays' own indices
    bool sums_inside = false; ///< reduced levels innermost: accumulate in registers
    int first = 0, count = 0; ///< its targets
    // a contraction: C[m x n] = alpha op(A)[m x k] op(B)[k x n]
    blas op = blas::none;
    int c = -1, a = -1, b = -1;         ///< arrays
    bool a_trans = false, b_trans = false;
    int m = -1, n = -1, k = -1;         ///< extent slots (-1: 1)
    long long alpha_num = 1, alpha_den = 1;
};

struct p_target {
    int array = -1;
    int ref = -1;   ///< node: the target element (indices as levels)
    int body = -1;  ///< node: the value (or the summand)
};

/// sym nodes: what they read.
enum class read : unsigned char { extent, scalar, element, pi };

struct p_node {
    op kind = op::num;
    read what = read::element;
    long long num = 0, den = 1;
    int id = -1;  ///< idx: level; sym: extent slot, binding, or array
    int nkids = 0;
    int size = 1;
};

/// Extent slot `slot` is binding `binding` itself (dim < 0), dimension `dim`
/// of the view it binds, or dimension `dim` of output `output`'s view.
struct p_source {
    int slot = -1, binding = -1, output = -1, dim = -1;
};
/// The values of index range `index` must lie in dimension `dim` (slots).
struct p_check {
    int index = -1, dim = -1;
    constexpr bool operator==(const p_check&) const = default;
};

enum class issue : unsigned char {
    none,
    not_bindable,
    bound_twice,
    scalar_needs_number,
    tensor_needs_view,
    extent_needs_integer,
    index_bound,          ///< k = 1: evaluate_into computes every index value
    missing,              ///< an input without a binding
    extent_unknown,       ///< an extent without a value source
    free_index_not_over,  ///< a free index of a result is not among its output indices
    too_many_levels
};

/// The program, in vectors (while it is built).
struct program_data {
    std::vector<p_array> arrays;
    std::vector<p_nest> nests;
    std::vector<p_target> targets;
    std::vector<p_node> nodes;
    std::vector<int> extents;  ///< slot -> extent symbol
    std::vector<p_source> sources;
    std::vector<p_check> checks;
    std::vector<int> scratch;  ///< scratch arrays
    std::vector<char> names;   ///< extent names, 32 per slot, for messages
    issue what = issue::none;
    leibniz::detail::text problem;  ///< the name the issue is about
};

/// One result to compute: a frozen source and its output indices (tags).
template <class Source, class... I>
struct result_spec {};

/// What a binding or output provides, as plain values.
struct output_desc {
    int rank = 0;  ///< 0: a flat output, its size checked against the extents
};

template <class Source>
constexpr term import_source(ir::context& c) {
    return ir::import(c, ir::thaw(dsl::frozen<Source>::value));
}

struct builder {
    const binding_desc* binds;
    int nb;
    const output_desc* outs;
    program_data d;
    leibniz::plan::loop_plan p;

    constexpr void fail(issue what, std::string_view name) {
        if (d.what != issue::none) return;
        d.what = what;
        d.problem = leibniz::detail::text(name);
    }

    constexpr void check_bindings() {
        binding_verdict v = eval::check_bindings(binds, nb, false);
        if (v.what == binding_problem::none) return;
        std::string_view nm = binds[v.binding].tag.name_view();
        switch (v.what) {
            case binding_problem::none: return;
            case binding_problem::not_bindable: return fail(issue::not_bindable, nm);
            case binding_problem::bound_twice: return fail(issue::bound_twice, nm);
            case binding_problem::scalar_needs_number: return fail(issue::scalar_needs_number, nm);
            case binding_problem::tensor_needs_view: return fail(issue::tensor_needs_view, nm);
            case binding_problem::extent_needs_integer: return fail(issue::extent_needs_integer, nm);
            case binding_problem::index_needs_integer:
            case binding_problem::index_bound: return fail(issue::index_bound, nm);
        }
    }

    constexpr int binding_of(std::string_view name) const {
        for (int b = 0; b != nb; ++b)
            if (binds[b].tag.name_view() == name) return b;
        return -1;
    }

    constexpr int slot_of(int extent_sym) {
        for (std::size_t s = 0; s != d.extents.size(); ++s)
            if (d.extents[s] == extent_sym) return static_cast<int>(s);
        d.extents.push_back(extent_sym);
        char nm[32]{};
        leibniz::detail::copy_name(nm, p.ctx.at(extent_sym).name_view());
        for (char ch : nm) d.names.push_back(ch);
        return static_cast<int>(d.extents.size() - 1);
    }

    constexpr int array_of(int sym) {
        for (std::size_t a = 0; a != d.arrays.size(); ++a)
            if (d.arrays[a].sym == sym) return static_cast<int>(a);
        // an input: bound by name
        const ir::sym_entry& e = p.ctx.at(sym);
        p_array x;
        x.sym = sym;
        x.r = role::input;
        x.rank = e.rank;
        for (int r = 0; r != e.rank; ++r) x.dims[r] = slot_of(e.dims[r]);
        x.binding = binding_of(e.name_view());
        if (x.binding < 0) fail(issue::missing, e.name_view());
        else if (binds[x.binding].view_rank != e.rank || binds[x.binding].is_view != (e.rank > 0))
            fail(e.rank > 0 ? issue::tensor_needs_view : issue::scalar_needs_number, e.name_view());
        d.arrays.push_back(x);
        return static_cast<int>(d.arrays.size() - 1);
    }

    /// Append t's nodes; indices are looked up as levels.
    constexpr void emit_node(const term& t, const std::vector<int>& levels) {
        std::size_t at = d.nodes.size();
        p_node n;
        n.kind = t.kind;
        n.num = t.value.num;
        n.den = t.value.den;
        n.nkids = static_cast<int>(t.kids.size());
        if (t.kind == op::idx) {
            n.id = level_of(t.id, levels);
        } else if (t.kind == op::sym) {
            const ir::sym_entry& e = p.ctx.at(t.id);
            if (e.kind == ir::sym_kind::extent) {
                n.what = read::extent;
                n.id = slot_of(t.id);
            } else if (ir::is_pi(e) && binding_of(e.name_view()) < 0) {
                n.what = read::pi;  // unbound: its value
            } else {
                int a = array_of(t.id);
                n.id = a;
                if (d.arrays[static_cast<std::size_t>(a)].r == role::input && e.rank == 0) {
                    n.what = read::scalar;
                    n.id = d.arrays[static_cast<std::size_t>(a)].binding;
                } else {
                    n.what = read::element;
                    // an index range larger than the dimension it indexes is checked at run time
                    for (std::size_t k = 0; k != t.kids.size(); ++k) {
                        int range = slot_of(p.ctx.extent_of(t.kids[k].id));
                        int dim = d.arrays[static_cast<std::size_t>(a)].dims[k];
                        if (range != dim) add_check({range, dim});
                    }
                }
            }
        } else if (t.kind == op::sum) {
            n.id = level_of(t.id, levels);
        }
        d.nodes.push_back(n);
        for (const term& k : t.kids) emit_node(k, levels);
        d.nodes[at].size = static_cast<int>(d.nodes.size() - at);
    }
    constexpr void add_check(p_check c) {
        for (const p_check& x : d.checks)
            if (x == c) return;
        d.checks.push_back(c);
    }
    static constexpr int level_of(int index, const std::vector<int>& levels) {
        for (std::size_t l = 0; l != levels.size(); ++l)
            if (levels[l] == index) return static_cast<int>(l);
        return -1;
    }

    /// The contraction a nest computes, read off its body.
    constexpr void describe_contraction(p_nest& n, const leibniz::plan::array& a, const std::vector<int>& levels) {
        std::vector<const term*> ops;
        ir::rational alpha{1, 1};
        for (const term& f : a.body.kids) {
            if (f.is_num()) alpha = alpha * f.value;
            else ops.push_back(&f);
        }
        if (ops.size() != 2) return;
        n.alpha_num = alpha.num;
        n.alpha_den = alpha.den;
        auto has = [](const term* t, int idx) {
            for (const term& k : t->kids)
                if (k.id == idx) return true;
            return false;
        };
        n.c = array_of(a.sym);
        int m_idx = a.indices.size() > 0 ? a.indices[0] : -1;
        int n_idx = a.indices.size() > 1 ? a.indices[1] : -1;
        if (a.kind == leibniz::plan::array_kind::elementwise) {
            // C[x, y] = a_x b_y
            const term* x = ops[0];
            const term* y = ops[1];
            if (!has(x, m_idx)) std::swap(x, y);
            n.op = blas::outer;
            n.a = array_of(x->id);
            n.b = array_of(y->id);
            n.m = slot_of(p.ctx.extent_of(m_idx));
            n.n = slot_of(p.ctx.extent_of(n_idx));
            return;
        }
        int k_idx = a.bound[0];
        n.k = slot_of(p.ctx.extent_of(k_idx));
        const term* x = ops[0];
        const term* y = ops[1];
        if (a.indices.empty()) {
            n.op = blas::dot;
        } else if (a.indices.size() == 1) {
            n.op = blas::gemv;
            if (x->kids.size() != 2) std::swap(x, y);  // x: the matrix
            n.a_trans = x->kids[0].id == k_idx;
            n.m = slot_of(p.ctx.extent_of(m_idx));
        } else {
            n.op = blas::gemm;
            if (!has(x, m_idx)) std::swap(x, y);
            n.a_trans = x->kids[0].id == k_idx;  // stored (k, m)
            n.b_trans = y->kids[0].id != k_idx;  // stored (n, k)
            n.m = slot_of(p.ctx.extent_of(m_idx));
            n.n = slot_of(p.ctx.extent_of(n_idx));
        }
        n.a = array_of(x->id);
        n.b = array_of(y->id);
        (void)levels;
    }

    constexpr void build(const ir::context& ctx, const std::vector<term>& roots, const std::vector<std::vector<int>>& orders) {
        check_bindings();
        if (d.what != issue::none) return;
        // every free index of a result must be one of its output indices
        for (std::size_t r = 0; r != roots.size(); ++r)
            for (int i : ir::free_indices(roots[r]))
                if (!leibniz::plan::contains(orders[r], i)) return fail(issue::free_index_not_over, ctx.at(i).name_view());
        // intermediates the caller binds are inputs
        std::vector<int> given;
        for (std::size_t s = 0; s != ctx.syms.size(); ++s)
            if (ctx.syms[s].def >= 0 && binding_of(ctx.syms[s].name_view()) >= 0) given.push_back(static_cast<int>(s));
        p = leibniz::plan::plan_program(ctx, roots, orders, given);
        // arrays the plan computes
        for (const leibniz::plan::array& a : p.arrays) {
            p_array x;
            x.sym = a.sym;
            x.rank = static_cast<int>(a.indices.size());
            for (std::size_t r = 0; r != a.indices.size(); ++r) x.dims[r] = slot_of(p.ctx.extent_of(a.indices[r]));
            if (a.is_output()) {
                x.r = role::output;
                x.binding = a.output;
            } else {
                x.r = role::scratch;
                d.scratch.push_back(static_cast<int>(d.arrays.size()));
            }
            d.arrays.push_back(x);
        }
        // the nests
        for (std::size_t i = 0; i != p.arrays.size();) {
            std::size_t j = i + 1;
            while (j != p.arrays.size() && p.arrays[j].fused) ++j;
            const leibniz::plan::array& lead = p.arrays[i];
            p_nest n;
            n.kind = lead.kind == leibniz::plan::array_kind::elementwise ? nest_kind::elementwise
                     : lead.kind == leibniz::plan::array_kind::sum       ? nest_kind::sum
                                                                         : nest_kind::maximum;
            if (lead.order.size() > static_cast<std::size_t>(max_levels)) return fail(issue::too_many_levels, "");
            n.nloops = static_cast<int>(lead.order.size());
            for (std::size_t l = 0; l != lead.order.size(); ++l) n.loops[l] = slot_of(p.ctx.extent_of(lead.order[l]));
            n.nouter = static_cast<int>(lead.indices.size());
            n.sums_inside = n.kind != nest_kind::elementwise;
            for (int l = 0; l != n.nouter; ++l)
                if (leibniz::plan::contains(lead.bound, lead.order[static_cast<std::size_t>(l)])) n.sums_inside = false;
            n.first = static_cast<int>(d.targets.size());
            n.count = static_cast<int>(j - i);
            for (std::size_t g = i; g != j; ++g) {
                const leibniz::plan::array& a = p.arrays[g];
                // this array's indices at the leader's levels, position by position
                std::vector<int> levels(lead.order.size(), -1);
                for (std::size_t l = 0; l != lead.order.size(); ++l) {
                    int idx = lead.order[l];
                    for (std::size_t q = 0; q != lead.indices.size(); ++q)
                        if (lead.indices[q] == idx) levels[l] = a.indices[q];
                    for (std::size_t q = 0; q != lead.bound.size(); ++q)
                        if (lead.bound[q] == idx) levels[l] = a.bound[q];
                }
                p_target t;
                t.array = array_of(a.sym);
                t.ref = static_cast<int>(d.nodes.size());
                emit_node(leibniz::plan::element(a.sym, a.indices), levels);
                t.body = static_cast<int>(d.nodes.size());
                emit_node(a.body, levels);
                d.targets.push_back(t);
            }
            if (lead.contraction && j == i + 1) describe_contraction(n, lead, lead.order);
            d.nests.push_back(n);
            i = j;
        }
        // where each extent's value comes from: bindings, then output views
        for (int b = 0; b != nb; ++b) {
            const binding_desc& x = binds[b];
            if (x.tag.kind == tag_kind::extent) {
                for (std::size_t s = 0; s != d.extents.size(); ++s)
                    if (p.ctx.at(d.extents[s]).name_view() == x.tag.name_view()) d.sources.push_back({int(s), b, -1, -1});
            } else if (x.is_view) {
                int sym = p.ctx.find(x.tag.name_view());
                if (sym < 0) continue;  // bound but not used
                for (int k = 0; k != x.tag.rank; ++k)
                    for (std::size_t s = 0; s != d.extents.size(); ++s)
                        if (p.ctx.at(d.extents[s]).name_view() == x.tag.dim_view(k)) d.sources.push_back({int(s), b, -1, k});
            }
        }
        for (std::size_t r = 0; r != orders.size(); ++r)
            if (outs[r].rank > 0)
                for (std::size_t k = 0; k != orders[r].size(); ++k)
                    d.sources.push_back({slot_of(p.ctx.extent_of(orders[r][k])), -1, int(r), int(k)});
        for (std::size_t s = 0; s != d.extents.size(); ++s) {
            bool known = false;
            for (const p_source& src : d.sources) known = known || src.slot == int(s);
            if (!known) return fail(issue::extent_unknown, p.ctx.at(d.extents[s]).name_view());
        }
    }
};

/// Sizes of a program, for the exact-size copy.
struct program_sizes {
    std::size_t arrays, nests, targets, nodes, extents, sources, checks, scratch;
};

template <std::size_t A, std::size_t N, std::size_t T, std::size_t D, std::size_t X, std::size_t S, std::size_t C,
          std::size_t R>
struct program {
    std::array<p_array, A> arrays{};
    std::array<p_nest, N> nests{};
    std::array<p_target, T> targets{};
    std::array<p_node, D> nodes{};
    std::array<int, X> extents{};
    std::array<char, X * 32> names{};
    std::array<p_source, S> sources{};
    std::array<p_check, C> checks{};
    std::array<int, R> scratch{};
    issue what = issue::none;
    char problem[32]{};

    constexpr std::string_view extent_name(int slot) const {
        std::size_t at = static_cast<std::size_t>(slot) * 32, n = 0;
        while (n != 32 && names[at + n] != '\0') ++n;
        return {names.data() + at, n};
    }
    constexpr std::string_view problem_name() const { return leibniz::detail::name_view(problem); }
};

}  // namespace leibniz::eval::arrays
