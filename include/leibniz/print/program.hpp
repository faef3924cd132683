// The program of adjoints as a derivation: the forward definitions, each
// local derivative, each adjoint (first as the chain rule over its
// consumers, then as computed) and the gradients, as one aligned block.
#pragma once
#include <leibniz/calculus/adjoint.hpp>
#include <leibniz/print/latex.hpp>

namespace leibniz::ir {

constexpr text partial_fraction(std::string_view f, const text& of) {
    text s("\\frac{\\partial ");
    s += f;
    s += "}{\\partial ";
    s += of;
    s += '}';
    return s;
}

/// The chain rule for the adjoint of node n, before anything is computed:
/// Σ_q ∂f/∂W_q ∂W_q/∂Z_p over the consumers W of Z.
constexpr text chain_display(const context& c, const adjoint_program& p, std::size_t n, const term& f_term,
                             std::string_view f, const latex_options& o) {
    text out;
    int z = p.nodes[n];
    for (const adjoint_edge& e : p.edges) {
        if (e.producer.kind != op::sym || e.producer.id != z || e.local.is_zero()) continue;
        if (!out.empty()) out += " + ";
        std::vector<int> q;
        for (const term& k : e.consumer.kids)
            if (!contains_index(e.producer, k.id)) q.push_back(k.id);
        if (!q.empty()) {
            out += "\\sum_{";
            for (std::size_t i = 0; i != q.size(); ++i) {
                if (i) out += ", ";
                out += print(c, idx(q[i]), o);
            }
            out += "} ";
        }
        text w = print(c, e.consumer, o);
        if (!(e.consumer == f_term)) {  // ∂f/∂f = 1 is not written
            out += partial_fraction(f, w);
            out += ' ';
        }
        out += partial_fraction(w.view(), print(c, e.producer, o));
    }
    return out;
}

/// lhs &= rhs \\ (a line of an aligned block); nothing where the two read
/// the same (the loss's upstream gradient, given under the adjoint's own name).
constexpr void aligned_line(text& out, const text& lhs, const text& rhs) {
    if (lhs.view() == rhs.view()) return;
    out += lhs;
    out += " &= ";
    out += rhs;
    out += " \\\\\n";
}

constexpr text print_program(const context& c, const adjoint_program& p, const term& f, const std::vector<term>& xs,
                             const latex_options& o) {
    // f by the name its adjoints carry: a loss's or a symbol's spelling, else
    // "f", whose definition then opens the graph
    text fl(function_latex(c, f));
    text out("\\begin{aligned}\n");
    // forward: the definitions, producers first
    out += "% the graph: each intermediate's definition\n";
    if (!(f.kind == op::sym && f.kids.empty())) aligned_line(out, fl, print(c, f, o));
    for (int n : p.nodes) {
        const sym_entry& e = c.at(n);
        if (e.def < 0) continue;
        term z = sym(n);
        for (int r = 0; r != e.rank; ++r) z.kids.push_back(idx(e.params[r]));
        aligned_line(out, print(c, z, o), print(c, c.defs[static_cast<std::size_t>(e.def)], o));
    }
    // local derivatives
    out += "% local derivatives, every other intermediate held fixed\n";
    for (const adjoint_edge& e : p.edges) {
        if (e.local.is_zero()) continue;
        text w = print(c, e.consumer, o);
        aligned_line(out, partial_fraction(w.view(), print(c, e.producer, o)), print(c, e.local, o));
    }
    // adjoints, from f towards the variables
    out += "% adjoints, from the loss back: the chain rule over each node's consumers, then its value\n";
    for (std::size_t n = p.nodes.size(); n-- > 0;) {
        term z = sym(p.nodes[n]);
        if (z == f) continue;  // ∂f/∂f = 1
        const sym_entry& e = c.at(p.nodes[n]);
        if (e.kind != sym_kind::loss)
            for (int r = 0; r != e.rank; ++r) z.kids.push_back(idx(e.params[r]));
        text lhs = partial_fraction(fl.view(), print(c, z, o));
        text chain = chain_display(c, p, n, f, fl.view(), o);
        if (chain.view() == lhs.view()) chain = text();  // read by f alone: just its value
        if (!chain.empty()) aligned_line(out, lhs, chain);
        term value = p.adjoints[n];
        if (p.adjoint_syms[n] >= 0) value = c.defs[static_cast<std::size_t>(c.at(p.adjoint_syms[n]).def)];
        text value_lhs;
        if (chain.empty()) value_lhs = lhs;
        aligned_line(out, value_lhs, print(c, value, o));
    }
    // gradients
    out += "% gradients\n";
    for (std::size_t i = 0; i != xs.size(); ++i) aligned_line(out, partial_fraction(fl.view(), print(c, xs[i], o)), print(c, p.gradients[i], o));
    out += "\\end{aligned}";
    return out;
}

}  // namespace leibniz::ir
