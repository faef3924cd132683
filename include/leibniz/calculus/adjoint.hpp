// Reverse mode over the graph of named intermediates: the ordered program of
// adjoints that a person deriving backpropagation by hand writes.
//
// The graph's nodes are the intermediates (symbols with a definition) and the
// opaque losses that a scalar f reaches, pruned to those that depend on a
// variable of differentiation. Walking it from f towards the variables, each
// node Z gets its adjoint
//
//     ∂f/∂Z_p = Σ over Z's consumers W of Σ_q ∂f/∂W_q · ∂W_q/∂Z_p,
//
// where the local derivative ∂W_q/∂Z_p is W's definition differentiated with
// every intermediate held fixed, δ-contracted and simplified on its own, and
// with W folded back into it where its definition reappears (σ(1 − σ),
// softmax). Each definition is differentiated once per edge of the graph,
// however many paths lead through it. An adjoint that is a number or a plain
// tensor element (∂ℓ/∂H = G) is used as it is; the others become named
// intermediates, so that evaluators compute each of them once.
#pragma once
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/simplify/bound_indices.hpp>
#include <leibniz/simplify/fold.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz::ir {

[[noreturn]] inline void leibniz_error_reverse_mode_needs_a_scalar() { ::leibniz::detail::fail("leibniz_error_reverse_mode_needs_a_scalar"); }

/// One edge of the graph with its local derivative ∂W_q/∂Z_p (Z a node or a
/// variable), kept for printing the derivation.
struct adjoint_edge {
    term consumer;  ///< W at its indices q (a sym term)
    term producer;  ///< Z at its indices p, or the variable as given
    term local;     ///< ∂W_q/∂Z_p, simplified
};

/// The program: forward nodes in order (producers first), each node's adjoint
/// (a named adjoint symbol at the node's parameters, or the term itself when
/// it is trivial), the local derivatives, and one gradient per variable.
struct adjoint_program {
    std::vector<int> nodes;          ///< intermediates and losses, producers first
    std::vector<term> adjoints;      ///< per node: ∂f/∂Z at Z's parameters
    std::vector<int> adjoint_syms;   ///< per node: the named adjoint's symbol, or -1
    std::vector<adjoint_edge> edges; ///< in the order they were differentiated
    std::vector<term> gradients;     ///< per variable: ∂f/∂x in terms of adjoints
};

/// A 32-bit hash of a term that does not depend on symbol ids (names are
/// hashed), so that equal formulas in different contexts hash alike.
constexpr void hash_term(const context& c, const term& t, unsigned long long& h) {
    auto mix = [&h](unsigned long long v) {
        h ^= v;
        h *= 1099511628211ull;
    };
    mix(static_cast<unsigned long long>(t.kind) + 1);
    if (t.kind == op::num) {
        mix(static_cast<unsigned long long>(t.value.num));
        mix(static_cast<unsigned long long>(t.value.den));
    }
    if (t.kind == op::sym || t.kind == op::idx || t.kind == op::sum)
        for (char ch : c.at(t.id).name_view()) mix(static_cast<unsigned char>(ch));
    mix(t.kids.size());
    for (const term& k : t.kids) hash_term(c, k, h);
}

class reverse_mode {
public:
    constexpr reverse_mode(context& c, const held_set& user_held) : c_(c), user_held_(user_held) {
        for (std::size_t s = 0; s != c.syms.size(); ++s)
            if (c.syms[s].def >= 0) held_all_.push_back(static_cast<int>(s));
        for (int h : user_held) held_all_.push_back(h);
    }

    /// The program of f (no free indices) for the variables xs (symbols or
    /// tensor elements). `f_latex` names f in the adjoints' spelling.
    constexpr adjoint_program run(const term& f, const std::vector<term>& xs, std::string_view f_latex) {
        if (!free_indices(f).empty()) leibniz_error_reverse_mode_needs_a_scalar();
        f_ = f;
        f_latex_ = detail::text(f_latex);
        for (const term& x : xs) vars_.push_back(x.id);
        reads_.resize(c_.syms.size());
        reads_known_.resize(c_.syms.size(), 0);
        // graph: depth-first from f, producers before consumers
        std::vector<int> roots = inputs_of_term(f);
        for (int r : roots) visit(r);
        // prune to the nodes that depend on a variable
        std::vector<int> kept;
        for (int n : order_)
            if (depends(n, kept)) kept.push_back(n);
        prog_.nodes = kept;
        prog_.adjoints.resize(kept.size());
        prog_.adjoint_syms.resize(kept.size(), -1);
        for (std::size_t i = kept.size(); i-- > 0;) adjoint_of_node(i);
        for (const term& x : xs) prog_.gradients.push_back(gradient(x));
        return prog_;
    }

private:
    context& c_;
    held_set user_held_;
    held_set held_all_;
    term f_;
    detail::text f_latex_;  // a copy: the symbol table may move while the program grows
    std::vector<int> vars_;
    std::vector<int> order_, visited_;
    std::vector<std::vector<int>> reads_;  // by symbol id, where reads_known_
    std::vector<unsigned char> reads_known_;  // not vector<bool>: clang 14 cannot run it in constant evaluation
    adjoint_program prog_;

    // ---- the graph -------------------------------------------------------------------------------
    constexpr bool is_node(int id) const {
        const sym_entry& e = c_.at(id);
        if (in(vars_, id) || in(user_held_, id)) return false;
        return e.def >= 0 || e.kind == sym_kind::loss;
    }
    constexpr void symbols_in(const term& t, std::vector<int>& out) const {
        if (t.kind == op::sym && !in(out, t.id)) out.push_back(t.id);
        for (const term& k : t.kids) symbols_in(k, out);
    }
    /// The symbols a node reads directly (a loss reads its argument), found
    /// once per symbol of the graph (a copy: callers recurse).
    constexpr std::vector<int> reads(int id) {
        const auto at = static_cast<std::size_t>(id);
        if (at >= reads_known_.size()) return reads_uncached(id);  // made after the graph
        if (!reads_known_[at]) {
            reads_[at] = reads_uncached(id);
            reads_known_[at] = 1;
        }
        return reads_[at];
    }
    constexpr std::vector<int> reads_uncached(int id) const {
        std::vector<int> out;
        const sym_entry& e = c_.at(id);
        if (e.kind == sym_kind::loss) {
            out.push_back(e.dep);
            return out;
        }
        symbols_in(c_.defs[static_cast<std::size_t>(e.def)], out);
        return out;
    }
    constexpr std::vector<int> inputs_of_term(const term& t) const {
        std::vector<int> syms, out;
        symbols_in(t, syms);
        for (int s : syms)
            if (is_node(s)) out.push_back(s);
        return out;
    }
    constexpr void visit(int id) {
        if (in(visited_, id)) return;
        visited_.push_back(id);
        for (int r : reads(id))
            if (is_node(r)) visit(r);
        order_.push_back(id);
    }
    constexpr bool depends(int id, const std::vector<int>& kept) {
        for (int r : reads(id))
            if (in(vars_, r) || in(kept, r)) return true;
        return false;
    }

    // ---- pieces --------------------------------------------------------------------------------------
    constexpr std::vector<int> params_of(int id) const {
        const sym_entry& e = c_.at(id);
        std::vector<int> out;
        if (e.kind == sym_kind::loss) return out;
        for (int r = 0; r != e.rank; ++r) out.push_back(e.params[r]);
        return out;
    }
    static constexpr term element(int id, const std::vector<int>& at) {
        term t = sym(id);
        for (int i : at) t.kids.push_back(idx(i));
        return t;
    }
    /// W's parameters, renamed where they clash with the indices of x: to a
    /// declared index of the same extent that neither x nor W's definition
    /// uses (Σ_j ∂ℓ/∂Ŷ_kj reads better than Σ_{l'}), else to a fresh one.
    constexpr std::vector<int> indices_apart_from(int w, const term& x) {
        std::vector<int> avoid, taken, out;
        collect_indices(x, avoid);
        taken = avoid;
        const sym_entry we = c_.at(w);
        if (we.def >= 0) collect_indices(c_.defs[static_cast<std::size_t>(we.def)], taken);
        for (int q : params_of(w)) {
            if (!in(avoid, q)) {
                out.push_back(q);
                taken.push_back(q);
                continue;
            }
            int pick = -1;
            for (std::size_t s = 0; s != c_.syms.size() && pick < 0; ++s) {
                const sym_entry& e = c_.syms[s];
                int id = static_cast<int>(s);
                if (e.kind == sym_kind::index && e.dims[0] == c_.extent_of(q) && !in(taken, id) &&
                    context::strip_fresh_suffix(e.name_view()) == e.name_view())
                    pick = id;
            }
            // else the first of q', q'', ... free here (not a number that
            // counts every fresh index the program has made)
            for (long long v = 1; pick < 0; ++v)
                if (int id = c_.index_variant(q, v); id >= 0 && !in(taken, id)) pick = id;
            out.push_back(pick);
            taken.push_back(pick);
        }
        return out;
    }
    /// The adjoint of node n at indices q.
    constexpr term adjoint_at(std::size_t n, const std::vector<int>& q) {
        term a = prog_.adjoints[n];
        std::vector<int> p = params_of(prog_.nodes[n]);
        if (p != q) rename_indices(a, std::move(p), q);
        return a;
    }
    constexpr std::size_t position(int id) const {
        for (std::size_t i = 0; i != prog_.nodes.size(); ++i)
            if (prog_.nodes[i] == id) return i;
        return prog_.nodes.size();
    }

    /// Σ_q ∂f/∂W_q ∂W_q/∂x over the consumers W of x's symbol, plus f's own
    /// dependence on x.
    constexpr term chain(const term& x) {
        std::vector<term> parts;
        std::vector<int> direct;
        symbols_in(f_, direct);
        if (in(direct, x.id)) parts.push_back(simplify(c_, standard_bound_names(c_, derivative(c_, f_, x, held_all_))));
        for (std::size_t n = 0; n != prog_.nodes.size(); ++n) {
            int w = prog_.nodes[n];
            if (!in(reads(w), x.id)) continue;
            std::vector<int> q = indices_apart_from(w, x);
            term wq = element(w, q);
            term inst = wq;
            if (c_.at(w).kind != sym_kind::loss) inst = instantiate(c_, wq, x);
            term local = simplify(c_, standard_bound_names(c_, derivative(c_, inst, x, held_all_)));
#ifndef LEIBNIZ_NOFOLD
            if (c_.at(w).def >= 0) local = fold_intermediates(c_, local, std::vector<int>{w});
#endif
            prog_.edges.push_back(adjoint_edge{wq, x, local});
            if (local.is_zero()) continue;
            term part = mul(adjoint_at(n, q), std::move(local));
            for (std::size_t i = q.size(); i-- > 0;) part = sum(q[i], std::move(part));
            parts.push_back(std::move(part));
        }
        if (parts.empty()) return num(0);
        return simplify(c_, standard_bound_names(c_, make(op::add, std::move(parts))));
    }

    constexpr void adjoint_of_node(std::size_t n) {
        int z = prog_.nodes[n];
        std::vector<int> p = params_of(z);
        term body = chain(element(z, p));
        prog_.adjoints[n] = body;
        bool plain = body.kind == op::num || body.kind == op::idx ||
                     (body.kind == op::sym && [&] {
                         for (const term& k : body.kids)
                             if (k.kind != op::idx) return false;
                         return true;
                     }());
        if (plain) return;
        prog_.adjoint_syms[n] = name_adjoint(z, p, std::move(body));
        prog_.adjoints[n] = element(prog_.adjoint_syms[n], p);
    }

    /// A named adjoint ∂f/∂Z: an intermediate whose definition is `body`.
    /// Its name carries a hash of the definition, so that adjoints of
    /// different programs never share a name.
    constexpr int name_adjoint(int z, const std::vector<int>& p, term body) {
        const sym_entry ze = c_.at(z);
        unsigned long long h = 14695981039346656037ull;
        hash_term(c_, body, h);
        detail::text stem("d/d");
        std::string_view zn = ze.name_view();
        stem += zn.substr(0, zn.size() < 18 ? zn.size() : 18);
        stem += '~';
        for (int i = 7; i >= 0; --i) stem += "0123456789abcdef"[(h >> (4 * i)) & 15u];
        sym_entry e;
        detail::copy_name(e.name, stem.view());
        detail::text lx("\\frac{\\partial ");
        lx += f_latex_.view();
        lx += "}{\\partial ";
        std::string_view zl = ze.latex_view();
        lx += zl;
        if (!p.empty() && zl.find('#') == std::string_view::npos) lx += "_{#}";
        lx += '}';
        if (lx.size() >= sizeof(e.latex)) {  // a long spelling: \overline{Z}
            lx = detail::text("\\overline{");
            lx += zl;
            lx += '}';
        }
        detail::copy_name(e.latex, lx.view());
        e.kind = p.empty() ? sym_kind::scalar : sym_kind::tensor;
        e.prio = -10;  // leads a product, as ∂ℓ/∂H does
        e.rank = static_cast<int>(p.size());
        for (std::size_t i = 0; i != p.size(); ++i) {
            e.params[i] = p[i];
            e.dims[i] = c_.extent_of(p[i]);
        }
        e.adjoint_of = z;
        int id = c_.intern(e);
        if (c_.at(id).def < 0) {
            c_.defs.push_back(std::move(body));
            c_.at(id).def = static_cast<int>(c_.defs.size() - 1);
        }
        return id;
    }

    constexpr term gradient(const term& x) { return chain(x); }
};

/// The program of adjoints of f for the variables xs.
constexpr adjoint_program adjoints(context& c, const term& f, const std::vector<term>& xs, const held_set& held,
                                   std::string_view f_latex) {
    reverse_mode r(c, held);
    return r.run(f, xs, f_latex);
}

// ---- the program as one term, so that it can be frozen ------------------------------------------------
// Layout: a list (an add node used as a tuple, never simplified) of
//   [0] the gradients, [1] the nodes at their parameters, [2] their adjoints,
//   [3] the edges, each a list (consumer, producer, local), [4] f, [5] the variables.
constexpr term as_list(std::vector<term> items) { return make(op::add, std::move(items)); }

constexpr term encode(const adjoint_program& p, const term& f, const std::vector<term>& xs, const context& c) {
    std::vector<term> nodes, edges;
    for (int n : p.nodes) {
        term t = sym(n);
        const sym_entry& e = c.at(n);
        if (e.kind != sym_kind::loss)
            for (int r = 0; r != e.rank; ++r) t.kids.push_back(idx(e.params[r]));
        nodes.push_back(std::move(t));
    }
    for (const adjoint_edge& e : p.edges) edges.push_back(as_list({e.consumer, e.producer, e.local}));
    return as_list({as_list(p.gradients), as_list(std::move(nodes)), as_list(p.adjoints), as_list(std::move(edges)), f,
                    as_list(xs)});
}

constexpr adjoint_program decode(const context& c, const term& t) {
    adjoint_program p;
    p.gradients = t.kids[0].kids;
    for (const term& n : t.kids[1].kids) p.nodes.push_back(n.id);
    p.adjoints = t.kids[2].kids;
    for (const term& a : p.adjoints)
        p.adjoint_syms.push_back(a.kind == op::sym && c.at(a.id).adjoint_of >= 0 ? a.id : -1);
    for (const term& e : t.kids[3].kids) p.edges.push_back(adjoint_edge{e.kids[0], e.kids[1], e.kids[2]});
    return p;
}

/// t with every named adjoint replaced by its definition (recursively).
constexpr term inline_adjoints(context& c, const term& t) {
    return inline_where(c, t, [](const context& ctx, int id) { return ctx.at(id).adjoint_of >= 0; });
}

/// Whether d(f, x) should go through the program of adjoints: f is a scalar
/// and its graph is shaped like a graph, not a tree: some intermediate (or
/// loss) has two or more consumers, so that substituting definitions would
/// differentiate it once per path. On a tree both ways differentiate each
/// definition once, and substitution is used as it is.
constexpr bool reverse_mode_applies(const context& c, const term& f, const held_set& held) {
    if (!free_indices(f).empty()) return false;
    struct walk {
        static constexpr void symbols(const term& t, std::vector<int>& out) {
            if (t.kind == op::sym && !in(out, t.id)) out.push_back(t.id);
            for (const term& k : t.kids) symbols(k, out);
        }
    };
    auto is_node = [&](int s) {
        const sym_entry& e = c.at(s);
        return (e.def >= 0 || e.kind == sym_kind::loss) && !in(held, s);
    };
    auto reads = [&](int s) {
        std::vector<int> out;
        const sym_entry& e = c.at(s);
        if (e.kind == sym_kind::loss) out.push_back(e.dep);
        else walk::symbols(c.defs[static_cast<std::size_t>(e.def)], out);
        return out;
    };
    // the nodes f reaches, and how many distinct consumers read each
    std::vector<int> nodes, consumers, todo;
    std::vector<int> top;
    walk::symbols(f, top);
    for (int s : top)
        if (is_node(s)) {
            nodes.push_back(s);
            consumers.push_back(1);  // f
            todo.push_back(s);
        }
    while (!todo.empty()) {
        int w = todo.back();
        todo.pop_back();
        for (int s : reads(w)) {
            if (!is_node(s)) continue;
            std::size_t at = 0;
            while (at != nodes.size() && nodes[at] != s) ++at;
            if (at == nodes.size()) {
                nodes.push_back(s);
                consumers.push_back(0);
                todo.push_back(s);
            }
            if (++consumers[at] >= 2) return true;
        }
    }
    return false;
}

/// The LaTeX name of f for adjoint spellings: its own spelling when f is a
/// symbol, else "f".
constexpr std::string_view function_latex(const context& c, const term& f) {
    if (f.kind == op::sym && f.kids.empty()) return c.at(f.id).latex_view();
    return "f";
}

}  // namespace leibniz::ir
