// C++ source for a loop plan: one function template over the scalar type,
// plain loops over row-major arrays, no leibniz headers needed.
#pragma once
#include <leibniz/emit/loops.hpp>

namespace leibniz::emit {

using detail::text;

/// A C++ identifier for a symbol name (primes become _p).
constexpr text identifier(std::string_view name) {
    text out;
    for (char ch : name) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')
            out += ch;
        else if (ch == '\'')
            out += "_p";
        else
            out += '_';
    }
    return out;
}

struct cpp_printer {
    const loop_plan& p;

    constexpr text name(int sym) const { return identifier(p.ctx.at(sym).name_view()); }

    constexpr text element(const term& t) const {
        text out = name(t.id);
        if (t.kids.empty()) return out;
        const ir::sym_entry& e = p.ctx.at(t.id);
        out += '[';
        text flat;
        for (std::size_t i = 0; i != t.kids.size(); ++i) {
            if (i == 0) {
                flat = name(t.kids[i].id);
            } else {
                text next("(");
                next += flat;
                next += ") * ";
                next += name(e.dims[i]);
                next += " + ";
                next += name(t.kids[i].id);
                flat = std::move(next);
            }
        }
        out += flat;
        out += ']';
        return out;
    }

    constexpr text number(ir::rational q) const {
        text out("T(");
        out += detail::to_text(q.num);
        out += ')';
        if (q.den != 1) {
            out += " / T(";
            out += detail::to_text(q.den);
            out += ')';
        }
        return out;
    }

    constexpr text expr(const term& t) const {
        switch (t.kind) {
            case op::num: {
                text out("(");
                out += number(t.value);
                out += ')';
                return out;
            }
            case op::idx: {
                text out("T(");
                out += name(t.id);
                out += " + 1)";
                return out;
            }
            case op::sym: {
                if (p.ctx.at(t.id).kind == ir::sym_kind::extent) {
                    text out("T(");
                    out += name(t.id);
                    out += ')';
                    return out;
                }
                return element(t);
            }
            case op::add: {
                text out("(");
                for (std::size_t i = 0; i != t.kids.size(); ++i) {
                    const term& k = t.kids[i];
                    bool negative = k.kind == op::mul && k.kids[0].is_num() && k.kids[0].value.is_negative();
                    if (negative) {
                        term pos = k;
                        pos.kids[0].value = -pos.kids[0].value;
                        out += i ? " - " : "-";
                        out += expr(pos);
                    } else {
                        if (i) out += " + ";
                        out += expr(k);
                    }
                }
                out += ')';
                return out;
            }
            case op::mul: {
                text out("(");
                bool first = true;
                for (const term& k : t.kids) {
                    if (k.is_one()) continue;
                    if (!first) out += " * ";
                    first = false;
                    out += expr(k);
                }
                if (first) out += "T(1)";
                out += ')';
                return out;
            }
            case op::pow: return power(t.kids[0], t.kids[1]);
            case op::exp: return call("std::exp", t.kids[0]);
            case op::log: return call("std::log", t.kids[0]);
            case op::relu: {
                text out("std::max(");
                out += expr(t.kids[0]);
                out += ", T(0))";
                return out;
            }
            case op::step: {
                text out("(");
                out += expr(t.kids[0]);
                out += " > T(0) ? T(1) : T(0))";
                return out;
            }
            case op::delta: {
                text out("(");
                out += name(t.kids[0].id);
                out += " == ";
                out += name(t.kids[1].id);
                out += " ? T(1) : T(0))";
                return out;
            }
            case op::sum: break;  // hoisted by the plan
        }
        return text("/*unreachable*/");
    }

    constexpr text call(std::string_view f, const term& a) const {
        text out(f);
        out += '(';
        out += expr(a);
        out += ')';
        return out;
    }

    constexpr text power(const term& b, const term& e) const {
        if (!e.is_num()) {
            text out("std::pow(");
            out += expr(b);
            out += ", ";
            out += expr(e);
            out += ')';
            return out;
        }
        ir::rational q = e.value;
        bool negative = q.is_negative();
        if (negative) q = -q;
        text core;
        if (q.is_one()) {
            core = expr(b);
        } else if (q.is_integer() && q.num <= 8) {
            core = text("ipow<");
            core += detail::to_text(q.num);
            core += ">(";
            core += expr(b);
            core += ')';
        } else if (q == ir::rational{1, 2}) {
            core = call("std::sqrt", b);
        } else if (q.den == 2 && q.num <= 9) {  // b^(n/2) = b^((n-1)/2) sqrt(b)
            core = text("(");
            if (q.num == 3) {
                core += expr(b);
            } else {
                core += "ipow<";
                core += detail::to_text((q.num - 1) / 2);
                core += ">(";
                core += expr(b);
                core += ')';
            }
            core += " * ";
            core += call("std::sqrt", b);
            core += ')';
        } else {
            core = text("std::pow(");
            core += expr(b);
            core += ", ";
            core += number(q);
            core += ')';
        }
        if (!negative) return core;
        text out("(T(1) / ");
        out += core;
        out += ')';
        return out;
    }

    constexpr text extent_name(int index) const { return name(p.ctx.extent_of(index)); }

    constexpr text loops_open(const std::vector<int>& indices, text& indent) const {
        text out;
        for (int i : indices) {
            out += indent;
            out += "for (std::size_t ";
            out += name(i);
            out += " = 0; ";
            out += name(i);
            out += " < ";
            out += extent_name(i);
            out += "; ++";
            out += name(i);
            out += ") {\n";
            indent += "  ";
        }
        return out;
    }
    constexpr text loops_close(std::size_t n, text& indent) const {
        text out;
        for (std::size_t i = 0; i != n; ++i) {
            indent.chars.pop_back();
            indent.chars.pop_back();
            out += indent;
            out += "}\n";
        }
        return out;
    }

    constexpr text size_of(const array& a) const {
        text out;
        for (std::size_t i = 0; i != a.indices.size(); ++i) {
            if (i) out += " * ";
            out += extent_name(a.indices[i]);
        }
        return out;
    }

    constexpr text target(const array& a) const {
        term ref = ir::sym(a.sym);
        for (int i : a.indices) ref.kids.push_back(ir::idx(i));
        return element(ref);
    }

    constexpr bool fusable(const std::vector<array>& as, std::size_t first, std::size_t j) const {
        const array& a = as[first];
        const array& b = as[j];
        if (b.is_output || b.body.kind != op::sum || b.indices != a.indices) return false;
        if (p.ctx.extent_of(b.body.id) != p.ctx.extent_of(a.body.id)) return false;
        for (std::size_t i = first; i != j; ++i)
            if (ir::contains_symbol(b.body, as[i].sym)) return false;
        return true;
    }

    constexpr text compute_group(std::size_t first, std::size_t last) const {
        if (last == first + 1) return compute(p.arrays[first]);
        const array& a = p.arrays[first];
        text out, indent("  ");
        out += loops_open(a.indices, indent);
        for (std::size_t i = first; i != last; ++i) {
            out += indent;
            out += target(p.arrays[i]);
            out += " = T(0);\n";
        }
        out += loops_close(a.indices.size(), indent);
        std::vector<int> order{a.body.id};
        for (int i : a.indices) order.push_back(i);
        out += loops_open(order, indent);
        for (std::size_t i = first; i != last; ++i) {
            const array& b = p.arrays[i];
            out += indent;
            out += target(b);
            out += " += ";
            out += expr(ir::rename_index(b.body.kids[0], b.body.id, a.body.id));
            out += ";\n";
        }
        out += loops_close(order.size(), indent);
        return out;
    }

    /// One array: a reduction loop (bound index outermost, so row-major
    /// data is read in order) or a plain loop nest.
    constexpr text compute(const array& a) const {
        text out, indent("  ");
        if (a.body.kind == op::sum) {
            out += loops_open(a.indices, indent);
            out += indent;
            out += target(a);
            out += " = T(0);\n";
            out += loops_close(a.indices.size(), indent);
            std::vector<int> order{a.body.id};
            for (int i : a.indices) order.push_back(i);
            out += loops_open(order, indent);
            out += indent;
            out += target(a);
            out += " += ";
            out += expr(a.body.kids[0]);
            out += ";\n";
            out += loops_close(order.size(), indent);
            return out;
        }
        out += loops_open(a.indices, indent);
        out += indent;
        out += target(a);
        out += " = ";
        out += expr(a.body);
        out += ";\n";
        out += loops_close(a.indices.size(), indent);
        return out;
    }

    constexpr text function(std::string_view fname) const {
        text out("// Generated by leibniz from its derivation; needs no leibniz headers.\n");
        out += "// Arrays are row-major; indices run from 0 here (from 1 in the formulas).\n";
        out += "#include <algorithm>\n#include <cmath>\n#include <cstddef>\n#include <vector>\n\n";
        out += "namespace leibniz_generated {\n\n";
        out += "template <int N, class T>\ninline T ipow(T x) {\n  T r = T(1);\n  for (int i = 0; i < N; ++i) r *= x;\n  return r;\n}\n\n";
        out += "template <class T>\nvoid ";
        out += fname;
        out += '(';
        bool first = true;
        auto sep = [&] {
            if (!first) out += ", ";
            first = false;
        };
        for (int x : p.extents) {
            sep();
            out += "std::size_t ";
            out += name(x);
        }
        for (int in : p.inputs) {
            sep();
            const ir::sym_entry& e = p.ctx.at(in);
            out += e.rank == 0 ? "T " : "const T* ";
            out += name(in);
        }
        sep();
        out += "T* out) {\n";
        // storage for the intermediates and hoisted sums
        for (const array& a : p.arrays) {
            if (a.is_output) continue;
            if (a.indices.empty()) {
                out += "  T ";
                out += name(a.sym);
                out += " = T(0);\n";
            } else {
                out += "  std::vector<T> ";
                out += name(a.sym);
                out += '(';
                out += size_of(a);
                out += ");\n";
            }
        }
        for (std::size_t i = 0; i != p.arrays.size();) {
            const array& a = p.arrays[i];
            if (a.is_output) {
                out += compute_output(a);
                ++i;
                continue;
            }
            // consecutive reductions over the same loops, none reading
            // another, share one pass
            std::size_t j = i + 1;
            if (a.body.kind == op::sum)
                while (j != p.arrays.size() && fusable(p.arrays, i, j)) ++j;
            out += compute_group(i, j);
            i = j;
        }
        out += "}\n\n}  // namespace leibniz_generated\n";
        return out;
    }

    constexpr text compute_output(const array& a) const {
        text out, indent("  ");
        out += loops_open(a.indices, indent);
        out += indent;
        out += "out[";
        text flat;
        for (std::size_t i = 0; i != a.indices.size(); ++i) {
            if (i == 0) {
                flat = name(a.indices[i]);
            } else {
                text next("(");
                next += flat;
                next += ") * ";
                next += extent_name(a.indices[i]);
                next += " + ";
                next += name(a.indices[i]);
                flat = std::move(next);
            }
        }
        if (a.indices.empty()) flat = text("0");
        out += flat;
        out += "] = ";
        out += expr(a.body);
        out += ";\n";
        out += loops_close(a.indices.size(), indent);
        return out;
    }
};

constexpr text emit_cpp(const ir::bundle& b, const std::vector<int>& output_indices, std::string_view fname) {
    loop_plan p = plan_loops(b, output_indices);
    return cpp_printer{p}.function(fname);
}

}  // namespace leibniz::emit
