// The loop plan of a result: every summation hoisted into an array over the
// free indices it depends on (so Σ_k f(k, t) costs one pass over (k, t), not
// one per output element), identical summations computed once, every
// intermediate (m, v, Ŷ) computed once into an array over its parameters,
// and the result last. Emitters print the plan as source code.
#pragma once
#include <leibniz/ir/freeze.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::emit {

using ir::context;
using ir::op;
using ir::term;

/// One array (or scalar when indices is empty): temp[indices] = body, where
/// the body is either a summation (one reduction loop, no sums inside) or a
/// sum-free expression. Earlier arrays are read as tensor elements.
struct array {
    int sym = -1;              ///< its symbol in the context (a tensor, or a scalar)
    std::vector<int> indices;  ///< the free indices it is indexed by, in order
    term body;
    bool is_output = false;
};

struct loop_plan {
    context ctx;
    std::vector<array> arrays;          ///< in the order they are computed
    std::vector<int> inputs;            ///< symbols read from the caller (tensors, scalars)
    std::vector<int> extents;           ///< extents used
    std::vector<int> output_indices;    ///< the order of the output's indices
};

void leibniz_error_cannot_plan_an_opaque_loss();

constexpr bool contains(const std::vector<int>& v, int x) {
    for (int y : v)
        if (y == x) return true;
    return false;
}

struct planner {
    loop_plan& p;
    std::vector<int> intermediate_syms;  ///< intermediates already planned

    constexpr int new_temp(const std::vector<int>& indices, std::string_view stem) {
        ir::sym_entry e;
        detail::text nm(stem);
        nm += detail::to_text(static_cast<long long>(p.ctx.syms.size())).view();
        detail::copy_name(e.name, nm.view());
        detail::copy_name(e.latex, nm.view());
        e.kind = indices.empty() ? ir::sym_kind::scalar : ir::sym_kind::tensor;
        e.rank = static_cast<int>(indices.size());
        for (std::size_t i = 0; i != indices.size(); ++i) e.dims[i] = p.ctx.extent_of(indices[i]);
        p.ctx.syms.push_back(e);
        return static_cast<int>(p.ctx.syms.size() - 1);
    }

    /// The intermediates and inputs a body reads; plans intermediates first.
    constexpr void visit_symbols(const term& t) {
        if (t.kind == op::sym) {
            const ir::sym_entry& e = p.ctx.at(t.id);
            if (e.kind == ir::sym_kind::loss) leibniz_error_cannot_plan_an_opaque_loss();
            if (e.kind == ir::sym_kind::extent) {
                if (!contains(p.extents, t.id)) p.extents.push_back(t.id);
            } else if (e.def >= 0) {
                plan_intermediate(t.id);
            } else if (!contains(p.inputs, t.id)) {
                p.inputs.push_back(t.id);
                for (int d = 0; d != e.rank; ++d)
                    if (!contains(p.extents, e.dims[d])) p.extents.push_back(e.dims[d]);
            }
        }
        if (t.kind == op::idx || t.kind == op::sum) {
            int x = p.ctx.extent_of(t.id);
            if (!contains(p.extents, x)) p.extents.push_back(x);
        }
        for (const term& k : t.kids) visit_symbols(k);
    }

    /// Replace every summation by a reference to an array holding it.
    constexpr term hoist(term t) {
        for (term& k : t.kids) k = hoist(std::move(k));
        if (t.kind != op::sum) return t;
        std::vector<int> free = ir::free_indices(t);
        // the same summation (up to its bound name) is computed once
        for (const array& a : p.arrays) {
            if (a.body.kind != op::sum || a.indices != free) continue;
            term same = t;
            same.kids[0] = ir::rename_index(std::move(same.kids[0]), t.id, a.body.id);
            same.id = a.body.id;
            if (same == a.body) {
                term ref = ir::sym(a.sym);
                for (int i : a.indices) ref.kids.push_back(ir::idx(i));
                return ref;
            }
        }
        int s = new_temp(free, "sum");
        p.arrays.push_back(array{s, free, t, false});
        term ref = ir::sym(s);
        for (int i : free) ref.kids.push_back(ir::idx(i));
        return ref;
    }

    constexpr void plan_intermediate(int id) {
        if (contains(intermediate_syms, id)) return;
        intermediate_syms.push_back(id);
        const ir::sym_entry e = p.ctx.at(id);
        term body = ir::simplify(p.ctx, p.ctx.defs[static_cast<std::size_t>(e.def)]);
        visit_symbols(body);
        body = hoist(std::move(body));
        std::vector<int> indices;
        for (int r = 0; r != e.rank; ++r) indices.push_back(e.params[r]);
        p.arrays.push_back(array{id, indices, std::move(body), false});
    }
};

/// Plan the computation of `root` over its free indices in the given order.
constexpr loop_plan plan_loops(const ir::bundle& b, const std::vector<int>& output_indices) {
    loop_plan p;
    p.ctx = b.ctx;
    // Assumptions served the simplification of the result; definitions are
    // computed as defined (Σ_i Y_il -> B m_l would make m its own definition).
    p.ctx.rule_lhs.clear();
    p.ctx.rule_rhs.clear();
    p.output_indices = output_indices;
    planner pl{p, {}};
    pl.visit_symbols(b.root);
    term body = pl.hoist(b.root);
    int out = pl.new_temp(output_indices, "out");
    p.arrays.push_back(array{out, output_indices, std::move(body), true});
    return p;
}

}  // namespace leibniz::emit
