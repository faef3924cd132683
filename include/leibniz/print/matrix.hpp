// Matrix notation: a vector- or matrix-valued result in index form, printed
// the way a derivation on paper writes it. The index form is read as a
// network of factors joined by indices (free ones: the result's rows and
// columns; summed ones: contractions):
//
//   Σ_j W_ji g_j -> W^T g          Σ_j W_ij g_j -> W g
//   a_x b_y      -> a\, b^T        a_i b_i      -> a \odot b
//   σ'(z_a) W_ab -> diag(σ'(z)) W  δ_ik y_i     -> diag(y)
//
// and a sum of two terms that differ in one vector only is printed once,
// around their difference: A y - A ȳ -> A (y - ȳ). Scalars (factors that no
// index of the network reaches) stay in index form, in front. What does not
// fit these patterns is printed in index form.
//
// This is the printer, on terms (ir::print_matrix); matrix_latex, its entry
// point for expressions, is in <leibniz/matrix.hpp>.
#pragma once
#include <cstddef>
#include <vector>

#include <leibniz/calculus/derivative.hpp>
#include <leibniz/ir/term_order.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/simplify.hpp>

namespace leibniz {
namespace ir {

/// A tensor's name without its index slot: W_{2}[#] -> W_{2}, H_{#} -> H.
constexpr text bare_name(const context& c, int id) {
    std::string_view s = c.at(id).latex_view();
    text out;
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (s[p] == '[' && p + 2 < s.size() && s[p + 1] == '#' && s[p + 2] == ']') {
            p += 2;
            continue;
        }
        if (s[p] == '_' && p + 3 < s.size() && s[p + 1] == '{' && s[p + 2] == '#' && s[p + 3] == '}') {
            p += 3;
            continue;
        }
        if (s[p] == '#') continue;
        out += s[p];
    }
    return out;
}

struct mx_vector {
    term factor;
    int at = -1;  ///< the index it hangs on
    bool used = false;
};
struct mx_matrix {
    term factor;  ///< W[a, b] or δ_ab
    int row = -1, col = -1;
    bool used = false;
};
struct mx_network {
    rational coef{1, 1};
    std::vector<term> scalars;
    std::vector<mx_vector> vectors;
    std::vector<mx_matrix> matrices;
    std::vector<int> summed;
};

constexpr bool index_in(const term& t, const std::vector<int>& ids, std::vector<int>& hit) {
    for (int id : ids)
        if (contains_index(t, id) && !in(hit, id)) hit.push_back(id);
    return !hit.empty();
}

/// f(x) for an elementwise function f of one argument.
constexpr bool is_function_atom(const term& f) { return is_function(f.kind) && row(f.kind).arity == 1; }

/// A factor that can stand for a vector: v[a], f(v[a]), v[a]^{-1}, or a sum
/// of such terms over the one index.
constexpr bool is_vector_atom(const term& f, int a) {
    auto element = [a](const term& t) { return t.kind == op::sym && t.kids.size() == 1 && t.kids[0].id == a; };
    if (element(f)) return true;
    if (is_function_atom(f) && element(f.kids[0])) return true;
    if (f.kind == op::pow && f.kids[1].is_num(-1)) return is_vector_atom(f.kids[0], a) && f.kids[0].kind != op::pow;
    if (f.kind == op::mul) {
        for (std::size_t n = 0; n != f.kids.size(); ++n)
            if (!(n == 0 && f.kids[0].is_num()) && !is_vector_atom(f.kids[n], a)) return false;
        return true;
    }
    if (f.kind == op::add) {
        for (const term& k : f.kids)
            if (!is_vector_atom(k, a)) return false;
        return true;
    }
    return false;
}

constexpr void product_factors(const term& t, std::vector<term>& out) {
    if (t.kind == op::mul)
        for (const term& k : t.kids) product_factors(k, out);
    else
        out.push_back(t);
}

constexpr bool flatten_network(const term& t, std::vector<int>& active, mx_network& net) {
    std::vector<term> fs;
    product_factors(t, fs);
    for (term& f : fs) {
        if (f.is_num()) {
            net.coef = net.coef * f.value;
            continue;
        }
        std::vector<int> hit;
        if (!index_in(f, active, hit)) {
            net.scalars.push_back(std::move(f));
            continue;
        }
        if (f.kind == op::sum) {
            if (in(active, f.id)) return false;
            active.push_back(f.id);
            net.summed.push_back(f.id);
            if (!flatten_network(f.kids[0], active, net)) return false;
            continue;
        }
        if (hit.size() == 1) {
            if (!is_vector_atom(f, hit[0])) return false;
            net.vectors.push_back(mx_vector{std::move(f), hit[0], false});
            continue;
        }
        if (hit.size() == 2 && ((f.kind == op::sym && f.kids.size() == 2) || f.kind == op::delta)) {
            int r = f.kids[0].id, col = f.kids[1].id;
            net.matrices.push_back(mx_matrix{std::move(f), r, col, false});
            continue;
        }
        return false;
    }
    return true;
}

// ---- printing pieces ---------------------------------------------------------------------------------
/// How a printed vector or matrix expression binds, for parentheses.
enum class mx_shape : unsigned char { atom, product, hadamard, sum };

struct mx_text {
    text s;
    mx_shape shape = mx_shape::atom;
};

constexpr text wrapped(const mx_text& t, bool wrap) {
    if (wrap) return paren(t.s);
    return t.s;
}

constexpr text function_of_vector(const context& c, const term& f, const latex_options& o) {
    text arg = bare_name(c, f.kids[0].id);
    if (!is_function_atom(f)) return arg;
    return fill_pattern(function_pattern(f.kind, o), {arg});
}

constexpr mx_text vector_of(const context& c, const term& f, const latex_options& o);

/// Elementwise product (and quotient) of vector factors: functions first.
constexpr mx_text hadamard(const context& c, const std::vector<term>& fs, const latex_options& o) {
    std::vector<term> up, down;
    for (int pass = 0; pass != 2; ++pass)
        for (const term& f : fs) {
            bool fn = is_function_atom(f);
            if ((pass == 0) != fn) continue;
            if (f.kind == op::pow)
                down.push_back(f.kids[0]);
            else
                up.push_back(f);
        }
    mx_text out;
    std::size_t parts = up.size() + down.size();
    if (up.empty()) out.s += '1';
    for (std::size_t n = 0; n != up.size(); ++n) {
        mx_text v = vector_of(c, up[n], o);
        if (n) out.s += " \\odot ";
        out.s += wrapped(v, parts > 1 && v.shape != mx_shape::atom);
    }
    if (!down.empty()) {
        out.s += " \\oslash ";
        if (down.size() > 1) out.s += '(';
        for (std::size_t n = 0; n != down.size(); ++n) {
            mx_text v = vector_of(c, down[n], o);
            if (n) out.s += " \\odot ";
            out.s += wrapped(v, v.shape != mx_shape::atom);
        }
        if (down.size() > 1) out.s += ')';
    }
    out.shape = parts > 1 ? mx_shape::hadamard : mx_shape::atom;
    return out;
}

constexpr mx_text vector_of(const context& c, const term& f, const latex_options& o) {
    if (f.kind == op::sym) return mx_text{bare_name(c, f.id), mx_shape::atom};
    if (is_function_atom(f)) return mx_text{function_of_vector(c, f, o), mx_shape::atom};
    if (f.kind == op::pow) return hadamard(c, {f}, o);
    if (f.kind == op::mul) {
        rational q{1, 1};
        std::vector<term> rest;
        for (const term& k : f.kids) {
            if (k.is_num())
                q = q * k.value;
            else
                rest.push_back(k);
        }
        mx_text h = hadamard(c, rest, o);
        if (q.is_one()) return h;
        mx_text out;
        if (q.is_negative()) {
            out.s += '-';
            q = -q;
        }
        if (!q.is_one()) {
            out.s += rational_latex(q);
            out.s += ' ';
        }
        out.s += wrapped(h, h.shape == mx_shape::hadamard);
        out.shape = mx_shape::product;
        return out;
    }
    // a sum of vectors: y - ȳ
    mx_text out;
    for (std::size_t n = 0; n != f.kids.size(); ++n) {
        const term& k = f.kids[n];
        bool negative = is_negative_term(k);
        if (n) out.s += negative ? " - " : " + ";
        else if (negative) out.s += '-';
        term a = k;
        if (negative) a = negated(k);
        mx_text v = vector_of(c, a, o);
        out.s += wrapped(v, v.shape == mx_shape::sum);
    }
    out.shape = f.kids.size() > 1 ? mx_shape::sum : mx_shape::atom;
    return out;
}

/// A matrix factor's name, transposed when it is read from its column side.
constexpr text matrix_name(const context& c, const mx_matrix& m, bool transposed) {
    text out = bare_name(c, m.factor.id);
    if (transposed) out += "^{T}";
    return out;
}

constexpr text diag_of(const context& c, const std::vector<term>& fs, const latex_options& o) {
    text out("\\operatorname{diag}(");
    out += hadamard(c, fs, o).s;
    out += ')';
    return out;
}

/// The vector factors at index a not used yet; `pick` selects which.
template <class Pick>
constexpr std::vector<term> take_vectors(mx_network& net, int a, Pick pick) {
    std::vector<term> out;
    for (mx_vector& v : net.vectors)
        if (!v.used && v.at == a && pick(v.factor)) {
            v.used = true;
            out.push_back(v.factor);
        }
    return out;
}

/// The matrix factors touching a that are not used yet.
constexpr std::vector<std::size_t> edges_at(const mx_network& net, int a) {
    std::vector<std::size_t> out;
    for (std::size_t n = 0; n != net.matrices.size(); ++n)
        if (!net.matrices[n].used && (net.matrices[n].row == a || net.matrices[n].col == a)) out.push_back(n);
    return out;
}

/// The vector hanging on index a: its own factors ⊙ what the rest of the
/// network, reached through one matrix, contributes.
constexpr bool render_vector(const context& c, mx_network& net, int a, const latex_options& o, mx_text& out) {
    std::vector<term> own = take_vectors(net, a, [](const term&) { return true; });
    std::vector<std::size_t> edges = edges_at(net, a);
    if (edges.size() > 1) return false;
    mx_text rest;
    bool has_rest = false;
    if (edges.size() == 1) {
        mx_matrix& m = net.matrices[edges[0]];
        m.used = true;
        int next = m.row == a ? m.col : m.row;
        bool transposed = m.col == a;
        text piece;
        if (m.factor.kind == op::delta) {
            // δ: the same vector, continued under another index name
        } else if (transposed) {
            // Σ_n f(n) W[n, a] v[n] = (diag(f) W)^T v
            std::vector<term> diag = take_vectors(net, next, [](const term& f) { return is_function_atom(f); });
            if (diag.empty()) {
                piece = matrix_name(c, m, true);
            } else {
                piece += "(";
                piece += diag_of(c, diag, o);
                piece += "\\, ";
                piece += matrix_name(c, m, false);
                piece += ")^{T}";
            }
        } else {
            piece = matrix_name(c, m, false);
        }
        mx_text inner;
        if (!render_vector(c, net, next, o, inner)) return false;
        if (piece.empty()) {
            rest = inner;
        } else {
            rest.s = piece;
            rest.s += ' ';
            rest.s += wrapped(inner, inner.shape == mx_shape::sum || inner.shape == mx_shape::hadamard);
            rest.shape = mx_shape::product;
        }
        has_rest = true;
    }
    if (own.empty() && has_rest) {
        out = rest;
        return true;
    }
    if (own.empty()) return false;  // nothing hangs here: not a vector
    mx_text mine = hadamard(c, own, o);
    if (!has_rest) {
        if (own.size() == 1) mine = vector_of(c, own[0], o);
        out = mine;
        return true;
    }
    out.s = wrapped(mine, false);
    out.s += " \\odot ";
    out.s += wrapped(rest, rest.shape != mx_shape::atom);
    out.shape = mx_shape::hadamard;
    return true;
}

/// A matrix with rows r and columns col: along the path of matrices from r
/// to col, with the vectors on the path as diagonal matrices; or, when r and
/// col are not joined, the outer product of two vectors.
constexpr bool render_matrix(const context& c, mx_network& net, int r, int col, const latex_options& o, mx_text& out) {
    // path search (the network is a tree of matrices)
    std::vector<int> path{r};
    std::vector<std::size_t> via;
    std::vector<int> seen{r};
    auto step_from = [&](auto& self, int at) -> bool {
        if (at == col) return true;
        for (std::size_t n = 0; n != net.matrices.size(); ++n) {
            const mx_matrix& m = net.matrices[n];
            int next = m.row == at ? m.col : (m.col == at ? m.row : -1);
            if (next < 0 || in(seen, next)) continue;
            seen.push_back(next);
            path.push_back(next);
            via.push_back(n);
            if (self(self, next)) return true;
            path.pop_back();
            via.pop_back();
        }
        return false;
    };
    if (step_from(step_from, r)) {
        text s;
        bool any = false;
        auto put = [&](const text& piece) {
            if (any) s += "\\, ";
            s += piece;
            any = true;
        };
        for (std::size_t p = 0; p != path.size(); ++p) {
            std::vector<term> d = take_vectors(net, path[p], [](const term&) { return true; });
            if (!d.empty()) put(diag_of(c, d, o));
            if (p + 1 == path.size()) break;
            mx_matrix& m = net.matrices[via[p]];
            m.used = true;
            if (m.factor.kind == op::delta) continue;
            put(matrix_name(c, m, m.col == path[p]));
        }
        if (!any) s += 'I';
        out = mx_text{s, mx_shape::product};
        return true;
    }
    mx_text u, v;
    if (!render_vector(c, net, r, o, u) || !render_vector(c, net, col, o, v)) return false;
    out.s = wrapped(u, u.shape != mx_shape::atom);
    out.s += "\\, ";
    if (v.shape == mx_shape::atom) {
        out.s += v.s;
        out.s += "^{T}";
    } else {
        out.s += paren(v.s);
        out.s += "^{T}";
    }
    out.shape = mx_shape::product;
    return true;
}

/// One term: coefficient, scalars, then the vector or matrix.
constexpr bool render_monomial(const context& c, const term& m, const std::vector<int>& outs, const latex_options& o,
                               text& out) {
    mx_network net;
    std::vector<int> active = outs;
    if (!flatten_network(m, active, net)) return false;
    if (!net.coef.is_one()) return false;  // numbers inside sums: left to the index form
    mx_text body;
    bool ok = false;
    if (outs.size() == 1) ok = render_vector(c, net, outs[0], o, body);
    if (outs.size() == 2) ok = render_matrix(c, net, outs[0], outs[1], o, body);
    if (!ok) return false;
    for (const mx_vector& v : net.vectors)
        if (!v.used) return false;
    for (const mx_matrix& x : net.matrices)
        if (!x.used) return false;
    if (!net.scalars.empty()) {
        term s = make(op::mul, net.scalars);
        if (net.scalars.size() == 1) s = net.scalars[0];
        bool has_sum = false;
        for (const term& f : net.scalars) has_sum = has_sum || f.kind == op::sum || f.kind == op::add;
        text st = print(c, s, o);
        if (has_sum)  // (no ?: on class prvalues: g++ 12 destroys them twice)
            out += paren(st);
        else
            out += st;
        out += "\\, ";
    }
    out += wrapped(body, body.shape == mx_shape::sum || (body.shape == mx_shape::hadamard && !net.scalars.empty()));
    return true;
}

// ---- y A - ȳ A -> (y - ȳ) A ----------------------------------------------------------------------------------
struct mx_diff {
    const term* a = nullptr;
    const term* b = nullptr;
    int count = 0;
};

constexpr bool vector_element(const term& t) { return t.kind == op::sym && t.kids.size() == 1; }

/// Whether a and b are the same up to the names of summation indices
/// (map: a's to b's), except for one vector element a factor of a product.
constexpr bool same_but_one(const term& a, const term& b, index_binding& map, mx_diff& d) {
    if (a.kind != b.kind || a.kids.size() != b.kids.size()) return false;
    switch (a.kind) {
        case op::num: return a.value == b.value;
        case op::idx: {
            int got = map.get(a.id);
            return got >= 0 ? got == b.id : a.id == b.id;
        }
        case op::sym:
            if (a.id != b.id) return false;
            break;
        case op::sum: {
            map.from.push_back(a.id);
            map.to.push_back(b.id);
            bool ok = same_but_one(a.kids[0], b.kids[0], map, d);
            return ok;
        }
        case op::mul: {
            std::vector<int> taken(b.kids.size(), 0);
            const term* left = nullptr;
            for (const term& x : a.kids) {
                bool found = false;
                for (std::size_t n = 0; n != b.kids.size() && !found; ++n) {
                    if (taken[n]) continue;
                    index_binding trial = map;
                    mx_diff none;
                    if (same_but_one(x, b.kids[n], trial, none) && none.count == 0) {
                        taken[n] = 1;
                        map = trial;
                        found = true;
                    }
                }
                if (!found) {
                    if (left) return false;
                    left = &x;
                }
            }
            if (!left) {
                for (std::size_t n = 0; n != b.kids.size(); ++n)
                    if (!taken[n]) return false;
                return true;
            }
            const term* right = nullptr;
            for (std::size_t n = 0; n != b.kids.size(); ++n)
                if (!taken[n]) right = &b.kids[n];
            if (!right || d.count != 0) return false;
            if (!vector_element(*left) || !vector_element(*right)) return same_but_one(*left, *right, map, d);
            if (left->id == right->id) return false;
            int ai = left->kids[0].id, bi = right->kids[0].id;
            int got = map.get(ai);
            if ((got >= 0 ? got : ai) != bi) return false;
            d.a = left;
            d.b = right;
            d.count = 1;
            return true;
        }
        default: break;
    }
    for (std::size_t n = 0; n != a.kids.size(); ++n)
        if (!same_but_one(a.kids[n], b.kids[n], map, d)) return false;
    return true;
}

constexpr term replace_factor(const term& t, const term* target, const term& with) {
    if (&t == target) return with;
    term out{t.kind, t.value, t.id, {}};
    for (const term& k : t.kids) out.kids.push_back(replace_factor(k, target, with));
    return out;
}

/// Merge terms of a sum that differ in one vector only.
constexpr std::vector<term> group_terms(const context& c, std::vector<term> terms) {
    for (bool again = true; again;) {
        again = false;
        for (std::size_t p = 0; p < terms.size() && !again; ++p)
            for (std::size_t q = p + 1; q < terms.size() && !again; ++q) {
                auto [qa, ma] = split_coefficient(terms[p]);
                auto [qb, mb] = split_coefficient(terms[q]);
                index_binding map;
                mx_diff d;
                if (!same_but_one(ma, mb, map, d) || d.count != 1) continue;
                term other = *d.b;
                other.kids[0].id = d.a->kids[0].id;
                // the two vectors in the simplifier's order, the first with a plus sign: A (u - v), not -A (v - u)
                rational ra{1, 1}, rb = qb / qa;
                term first = *d.a;
                if (term_order(c, other, first) < 0) {
                    std::swap(first, other);
                    std::swap(ra, rb);
                }
                if (ra.is_negative()) {
                    ra = -ra;
                    rb = -rb;
                    qa = -qa;
                }
                term merged = make(op::add, {make(op::mul, {num(ra), std::move(first)}), make(op::mul, {num(rb), std::move(other)})});
                term both = replace_factor(ma, d.a, merged);
                term merged_term = make(op::mul, {num(qa), std::move(both)});
                if (qa.is_one()) merged_term = std::move(merged_term.kids[1]);
                terms[p] = std::move(merged_term);
                terms.erase(terms.begin() + static_cast<std::ptrdiff_t>(q));
                again = true;
            }
    }
    return terms;
}

/// The matrix form of t, whose free indices are `outs` (a vector: one; a
/// matrix: rows, columns); index form where a term does not fit.
constexpr text print_matrix(const context& c, const term& t, const std::vector<int>& outs, const latex_options& o) {
    if (outs.empty() || outs.size() > 2) return print(c, t, o);
    // products nested in products, numbers first (as built by the DSL)
    term flat = flatten_nested(t);
    std::vector<term> terms;
    if (flat.kind == op::add)
        for (const term& k : flat.kids) terms.push_back(flatten_nested(k));
    else
        terms.push_back(flat);
    terms = group_terms(c, std::move(terms));
    // lead with a positive term where there is one
    if (is_negative_term(terms[0]))
        for (std::size_t n = 1; n != terms.size(); ++n)
            if (!is_negative_term(terms[n])) {
                term first = std::move(terms[n]);
                terms.erase(terms.begin() + static_cast<std::ptrdiff_t>(n));
                terms.insert(terms.begin(), std::move(first));
                break;
            }
    text out;
    for (std::size_t n = 0; n != terms.size(); ++n) {
        bool negative = is_negative_term(terms[n]);
        term a = terms[n];
        if (negative) a = negated(terms[n]);
        if (n) out += negative ? " - " : " + ";
        else if (negative) out += '-';
        auto [q, m] = split_coefficient(a);
        text piece;
        if (!q.is_one()) {
            piece += rational_latex(q);
            piece += ' ';
        }
        if (!render_monomial(c, m, outs, o, piece)) return print(c, t, o);
        out += piece;
    }
    return out;
}

}  // namespace ir

}  // namespace leibniz
