// Freezing: a term and its context flattened into fixed-size arrays that can
// live in a `static constexpr` member, and thawed back for further work.
// Sizes come from a first pass over the same computation.
#pragma once
#include <cstddef>

#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

/// A term with the symbol table, definitions and rules it refers to.
struct bundle {
    context ctx;
    term root;
};

struct flat_node {
    op kind = op::num;
    long long num = 0, den = 1;
    int id = -1;
    int nkids = 0;
    int size = 1;  ///< nodes in this subtree (so the next sibling is at i + size)
};

constexpr void flatten_into(const term& t, std::vector<flat_node>& out) {
    std::size_t at = out.size();
    out.push_back(flat_node{t.kind, t.value.num, t.value.den, t.id, static_cast<int>(t.kids.size()), 1});
    for (const term& k : t.kids) flatten_into(k, out);
    out[at].size = static_cast<int>(out.size() - at);
}

/// Layout: root, then each definition, then each rule's lhs and rhs.
constexpr std::vector<flat_node> flatten(const bundle& b) {
    std::vector<flat_node> out;
    flatten_into(b.root, out);
    for (const term& d : b.ctx.defs) flatten_into(d, out);
    for (std::size_t i = 0; i != b.ctx.rule_lhs.size(); ++i) {
        flatten_into(b.ctx.rule_lhs[i], out);
        flatten_into(b.ctx.rule_rhs[i], out);
    }
    return out;
}

template <std::size_t N, std::size_t S>
struct frozen_bundle {
    flat_node nodes[N];
    sym_entry syms[S == 0 ? 1 : S];
    int ndefs = 0;
    int nrules = 0;

    static constexpr std::size_t node_count = N;
    static constexpr std::size_t symbol_count = S;
};

/// Copy the first n nodes and s symbols of b (n, s <= the capacities).
template <std::size_t N, std::size_t S>
constexpr frozen_bundle<N, S> freeze(const bundle& b, std::size_t n = N, std::size_t s = S) {
    frozen_bundle<N, S> out{};
    std::vector<flat_node> flat = flatten(b);
    for (std::size_t i = 0; i != n; ++i) out.nodes[i] = flat[i];
    for (std::size_t i = 0; i != s; ++i) out.syms[i] = b.ctx.syms[i];
    out.ndefs = static_cast<int>(b.ctx.defs.size());
    out.nrules = static_cast<int>(b.ctx.rule_lhs.size());
    return out;
}

template <class Frozen>
constexpr term thaw_term(const Frozen& f, std::size_t& at) {
    const flat_node& n = f.nodes[at++];
    term t{n.kind, rational{n.num, n.den}, n.id, {}};
    for (int i = 0; i != n.nkids; ++i) t.kids.push_back(thaw_term(f, at));
    return t;
}

template <class Frozen>
constexpr bundle thaw(const Frozen& f) {
    bundle b;
    for (std::size_t i = 0; i != Frozen::symbol_count; ++i) b.ctx.syms.push_back(f.syms[i]);
    std::size_t at = 0;
    b.root = thaw_term(f, at);
    for (int i = 0; i != f.ndefs; ++i) b.ctx.defs.push_back(thaw_term(f, at));
    for (int i = 0; i != f.nrules; ++i) {
        b.ctx.rule_lhs.push_back(thaw_term(f, at));
        b.ctx.rule_rhs.push_back(thaw_term(f, at));
    }
    return b;
}

// ---- importing one bundle's symbols into another context -----------------------
constexpr void remap_in_place(term& t, const id_map& m) {
    if (t.kind == op::sym || t.kind == op::idx || t.kind == op::sum) t.id = m.get(t.id);
    for (term& k : t.kids) remap_in_place(k, m);
}
constexpr term remap(term t, const id_map& m) {
    remap_in_place(t, m);
    return t;
}

/// Map symbol `id` of `src` into `dst` by name (definitions come later).
constexpr int import_symbol(context& dst, const context& src, int id, id_map& m) {
    if (int got = m.get(id); got >= 0) return got;
    sym_entry e = src.at(id);
    auto sub = [&](int& r) {
        if (r >= 0) r = import_symbol(dst, src, r, m);
    };
    int ndims = e.kind == sym_kind::index ? 1 : e.rank;
    for (int i = 0; i != ndims; ++i) sub(e.dims[i]);
    int nparams = e.kind == sym_kind::loss ? src.at(e.dep).rank : (e.def >= 0 ? e.rank : 0);
    for (int i = 0; i != nparams; ++i) sub(e.params[i]);
    sub(e.dep);
    sub(e.grad);
    sub(e.adjoint_of);
    e.def = -1;
    int nid = dst.intern(e);
    m.from.push_back(id);
    m.to.push_back(nid);
    return nid;
}

/// Bring `b`'s term into `dst`, with its symbols, definitions and rules.
constexpr term import(context& dst, const bundle& b) {
    id_map m;
    for (std::size_t i = 0; i != b.ctx.syms.size(); ++i) import_symbol(dst, b.ctx, static_cast<int>(i), m);
    for (std::size_t i = 0; i != b.ctx.syms.size(); ++i) {
        int def = b.ctx.syms[i].def;
        int nid = m.get(static_cast<int>(i));
        if (def >= 0 && dst.at(nid).def < 0) {
            dst.defs.push_back(remap(b.ctx.defs[static_cast<std::size_t>(def)], m));
            dst.at(nid).def = static_cast<int>(dst.defs.size() - 1);
        }
    }
    for (std::size_t r = 0; r != b.ctx.rule_lhs.size(); ++r) {
        term l = remap(b.ctx.rule_lhs[r], m), rr = remap(b.ctx.rule_rhs[r], m);
        bool have = false;
        for (std::size_t q = 0; q != dst.rule_lhs.size(); ++q) have = have || dst.rule_lhs[q] == l;
        if (!have) {
            dst.rule_lhs.push_back(std::move(l));
            dst.rule_rhs.push_back(std::move(rr));
        }
    }
    return remap(b.root, m);
}

}  // namespace leibniz::ir

namespace leibniz::ir {

/// Symbols a symbol entry refers to (extents, parameters, loss argument and
/// gradient, an adjoint's forward symbol).
template <class F>
constexpr void for_each_reference(const context& c, sym_entry& e, F&& f) {
    int ndims = e.kind == sym_kind::index ? 1 : (e.kind == sym_kind::tensor ? e.rank : 0);
    for (int i = 0; i != ndims; ++i)
        if (e.dims[i] >= 0) f(e.dims[i]);
    int nparams = e.kind == sym_kind::loss ? c.at(e.dep).rank : (e.def >= 0 ? e.rank : 0);
    for (int i = 0; i != nparams; ++i) f(e.params[i]);
    if (e.dep >= 0) f(e.dep);
    if (e.grad >= 0) f(e.grad);
    if (e.adjoint_of >= 0) f(e.adjoint_of);
}

constexpr void mark_used(const context& c, const term& t, std::vector<char>& used);

constexpr void mark_symbol(const context& c, int id, std::vector<char>& used) {
    if (id < 0 || used[static_cast<std::size_t>(id)]) return;
    used[static_cast<std::size_t>(id)] = 1;
    sym_entry e = c.at(id);
    for_each_reference(c, e, [&](int& r) { mark_symbol(c, r, used); });
    if (e.def >= 0) mark_used(c, c.defs[static_cast<std::size_t>(e.def)], used);
}

constexpr void mark_used(const context& c, const term& t, std::vector<char>& used) {
    if (t.kind == op::sym || t.kind == op::idx || t.kind == op::sum) mark_symbol(c, t.id, used);
    for (const term& k : t.kids) mark_used(c, k, used);
}

/// b with only the symbols (and definitions) its root and rules refer to,
/// directly or through definitions: what a computation made on the way and
/// no longer uses (fresh indices, named adjoints that were inlined) is dropped.
constexpr bundle compact(const bundle& b) {
    const context& c = b.ctx;
    std::vector<char> used(c.syms.size(), 0);
    mark_used(c, b.root, used);
    for (std::size_t r = 0; r != c.rule_lhs.size(); ++r) {
        mark_used(c, c.rule_lhs[r], used);
        mark_used(c, c.rule_rhs[r], used);
    }
    id_map m;
    for (std::size_t i = 0; i != c.syms.size(); ++i)
        if (used[i]) {
            m.from.push_back(static_cast<int>(i));
            m.to.push_back(static_cast<int>(m.to.size()));
        }
    bundle out;
    out.ctx.split_sum_products = c.split_sum_products;
    for (std::size_t i = 0; i != c.syms.size(); ++i) {
        if (!used[i]) continue;
        sym_entry e = c.syms[i];
        for_each_reference(c, e, [&](int& r) { r = m.get(r); });
        if (e.def >= 0) {
            out.ctx.defs.push_back(remap(c.defs[static_cast<std::size_t>(e.def)], m));
            e.def = static_cast<int>(out.ctx.defs.size() - 1);
        }
        out.ctx.syms.push_back(e);
    }
    for (std::size_t r = 0; r != c.rule_lhs.size(); ++r) {
        out.ctx.rule_lhs.push_back(remap(c.rule_lhs[r], m));
        out.ctx.rule_rhs.push_back(remap(c.rule_rhs[r], m));
    }
    out.root = remap(b.root, m);
    return out;
}

}  // namespace leibniz::ir
