// C++ source for a loop plan: one function template over the scalar type,
// plain loops over row-major arrays, no leibniz headers needed. With
// `cuda`, every loop nest becomes a __global__ kernel (one thread per
// element of the array it computes) and the function launches them.
#pragma once
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/plan/loops.hpp>

namespace leibniz::emit {

using detail::text;
using ir::context;
using ir::op;
using ir::rational;
using ir::term;

// The loop plan is made in plan/ (a transformation, not an emitter); its data
// model and driver keep their emit:: spellings here.
using plan::array;
using plan::array_kind;
using plan::loop_plan;
using plan::plan_loops;
using plan::plan_program;
// plan helpers the printer uses
using plan::contains;
using plan::element;
using plan::renamed_like;

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

/// Names the emitted code itself uses (the scalar type T, loop and launch
/// variables, outputs, helpers, the CUDA built-ins) and the C++ keywords: a
/// symbol spelled like one of them is emitted with a trailing underscore, so
/// that an extent named T or a tensor named out cannot capture them.
constexpr bool reserved_identifier(std::string_view id) {
    constexpr std::string_view generated[] = {
        "T", "n", "id", "rest", "acc", "scratch", "stream", "std", "size_t",
        "ipow", "step", "relu", "sigmoid", "softplus", "sign", "maximum", "minimum", "threadIdx", "blockIdx", "blockDim", "gridDim",
        "cudaStream_t", "INFINITY", "NAN", "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool",
        "break", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
        "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield",
        "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export",
        "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace",
        "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
        "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
        "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
        "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
        "wchar_t", "while", "xor", "xor_eq"};
    for (std::string_view g : generated)
        if (id == g) return true;
    // out, out0, out1, ...: the results
    if (id.size() < 3 || id.substr(0, 3) != "out") return false;
    for (char ch : id.substr(3))
        if (ch < '0' || ch > '9') return false;
    return true;
}

/// The identifier a symbol has in emitted code.
constexpr text emitted_identifier(std::string_view name) {
    text out = identifier(name);
    if (out.empty() || (out.view()[0] >= '0' && out.view()[0] <= '9') || reserved_identifier(out.view())) out += '_';
    return out;
}

enum class target_language : unsigned char { cpp, cuda };

/// What the emitted code is called. The function template `function` lives in
/// namespace `ns` (nested names allowed: "nn::layers"), its helpers in
/// `ns::function_helpers`, so that any number of emitted files share one
/// program as long as their (namespace, function) differ. `outputs` names the
/// output parameters in result order (missing or empty: out, or out0, out1,
/// ... for several results). With `c_entry`, C++ code ends in two extern "C"
/// functions, NS_FUNCTION_f64 and NS_FUNCTION_f32 (namespace separators become
/// _), for a foreign-function interface (ctypes, dlsym).
struct emit_naming {
    std::string_view function;
    std::string_view ns = "leibniz_generated";
    std::vector<std::string_view> outputs{};
    bool c_entry = false;
};

[[noreturn]] inline void leibniz_error_emitted_function_name_invalid() { ::leibniz::detail::fail("leibniz_error_emitted_function_name_invalid: a C++ identifier that is no keyword and no name the emitted code uses"); }
[[noreturn]] inline void leibniz_error_emitted_namespace_invalid() { ::leibniz::detail::fail("leibniz_error_emitted_namespace_invalid: C++ identifiers joined by ::"); }
[[noreturn]] inline void leibniz_error_emitted_output_name_taken() { ::leibniz::detail::fail("leibniz_error_emitted_output_name_taken: an output must be a free C++ identifier, no symbol's, no other output's and not the function's"); }
[[noreturn]] inline void leibniz_error_emitted_output_names_too_many() { ::leibniz::detail::fail("leibniz_error_emitted_output_names_too_many: more output names than results"); }

/// A plain C++ identifier: a letter or _, then letters, digits and _.
constexpr bool is_identifier(std::string_view id) {
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) return false;
    for (char ch : id)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
    return true;
}

/// A name for the emitted function (or an output): an identifier that is no
/// keyword and no name the emitted code uses itself.
constexpr bool is_free_name(std::string_view id) { return is_identifier(id) && !reserved_identifier(id); }

/// A namespace for emitted code: free names joined by ::.
constexpr bool is_namespace_name(std::string_view ns) {
    while (true) {
        std::size_t at = detail::find_in(ns, "::");
        if (!is_free_name(ns.substr(0, at))) return false;
        if (at == std::string_view::npos) return true;
        ns = ns.substr(at + 2);
    }
}

/// Output names that cannot be used: not free, the function's, another
/// output's or a symbol's (which would hide a parameter or an array).
constexpr bool output_names_clash(const context& ctx, std::string_view function, const std::vector<std::string_view>& outputs) {
    for (std::size_t o = 0; o != outputs.size(); ++o) {
        std::string_view n = outputs[o];
        if (n.empty()) continue;
        if (!is_free_name(n) || n == function) return true;
        for (std::size_t q = 0; q != o; ++q)
            if (outputs[q] == n) return true;
        for (const ir::sym_entry& e : ctx.syms)
            if (emitted_identifier(e.name_view()).view() == n) return true;
    }
    return false;
}

struct cpp_printer {
    const loop_plan& p;
    target_language lang = target_language::cpp;
    emit_naming naming{};

    constexpr bool cuda() const { return lang == target_language::cuda; }

    constexpr const array* array_of(int sym) const {
        int at = p.find(sym);
        if (at < 0) return nullptr;
        return &p.arrays[static_cast<std::size_t>(at)];
    }

    /// The output parameter of result o: its given name, or out (outN).
    constexpr text output_name(std::size_t o) const {
        if (o < naming.outputs.size() && !naming.outputs[o].empty()) return text(naming.outputs[o]);
        if (p.outputs.size() == 1) return text("out");
        text out("out");
        out += detail::to_text(static_cast<long long>(o)).view();
        return out;
    }

    constexpr text name(int sym) const {
        if (const array* a = array_of(sym); a && a->is_output()) return output_name(static_cast<std::size_t>(a->output));
        return emitted_identifier(p.ctx.at(sym).name_view());
    }

    /// The names the user chose are identifiers the emitted code can use:
    /// else one error that says which.
    constexpr void check_naming() const {
        if (!is_free_name(naming.function)) leibniz_error_emitted_function_name_invalid();
        if (!is_namespace_name(naming.ns)) leibniz_error_emitted_namespace_invalid();
        for (const ir::sym_entry& e : p.ctx.syms)  // a parameter would hide the helpers' namespace
            if (emitted_identifier(e.name_view()).view() == helpers_namespace().view()) leibniz_error_emitted_function_name_invalid();
        if (naming.outputs.size() > p.outputs.size()) leibniz_error_emitted_output_names_too_many();
        if (output_names_clash(p.ctx, naming.function, naming.outputs)) leibniz_error_emitted_output_name_taken();
    }

    /// ns_function: the namespace's parts joined by _ (for the C entry points).
    constexpr text flat_name() const {
        text out;
        for (std::size_t i = 0; i != naming.ns.size(); ++i) {
            if (naming.ns[i] != ':') out += naming.ns[i];
            else if (i + 1 != naming.ns.size() && naming.ns[i + 1] == ':') {
                out += '_';
                ++i;
            }
        }
        out += '_';
        out += naming.function;
        return out;
    }

    /// Row-major offset of an element: ((i0) * E1 + i1) * E2 + i2.
    constexpr text offset(const term& t) const {
        const ir::sym_entry& e = p.ctx.at(t.id);
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
        return flat;
    }

    constexpr text element(const term& t) const {
        text out = name(t.id);
        const array* a = array_of(t.id);
        bool stored = a && (a->is_output() || cuda());  // arrays behind a pointer, even of rank 0
        if (t.kids.empty()) {
            if (stored) out += "[0]";
            return out;
        }
        out += '[';
        out += offset(t);
        out += ']';
        return out;
    }

    constexpr text number(rational q) const {
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
                if (ir::is_pi(p.ctx.at(t.id))) return text("T(3.14159265358979323846)");
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
                // step(c) x ... is printed as a select times the rest,
                // (c > 0 ? T(1) : c == c ? T(0) : NaN) * (x ...): a branch-free
                // blend, and IEEE's product (a NaN c or x gives NaN)
                text cond, ordered;
                for (const term& k : t.kids) {
                    if (k.kind != op::step) continue;
                    if (!cond.empty()) {
                        cond += " && ";
                        ordered += " && ";
                    }
                    text c = expr(k.kids[0]);
                    cond += c;
                    cond += " > T(0)";
                    ordered += c;
                    ordered += " == ";
                    ordered += c;
                }
                text out("(");
                if (!cond.empty()) {
                    out += "(";
                    out += cond;
                    out += " ? T(1) : (";
                    out += ordered;
                    out += cuda() ? " ? T(0) : T(NAN))) * (" : " ? T(0) : std::numeric_limits<T>::quiet_NaN())) * (";
                }
                bool first = true;
                for (const term& k : t.kids) {
                    if (k.is_one() || k.kind == op::step) continue;
                    if (!first) out += " * ";
                    first = false;
                    out += expr(k);
                }
                if (first) out += "T(1)";
                if (!cond.empty()) out += ')';
                out += ')';
                return out;
            }
            case op::pow: return power(t.kids[0], t.kids[1]);
            case op::delta: {
                text out("(");
                out += name(t.kids[0].id);
                out += " == ";
                out += name(t.kids[1].id);
                out += " ? T(1) : T(0))";
                return out;
            }
            case op::sum: break;  // every sum is an array of the plan
            default: {  // an elementwise function, spelled as its row says
                const ir::op_row& r = ir::row(t.kind);
                text out(cuda() ? r.cuda : r.cpp);
                out += '(';
                for (std::size_t i = 0; i != t.kids.size(); ++i) {
                    if (i) out += ", ";
                    out += expr(t.kids[i]);
                }
                out += ')';
                return out;
            }
        }
        return text("/*unreachable*/");
    }

    /// sqrt, pow: std:: in C++, the overloads of the CUDA math library on the device.
    constexpr text call(std::string_view f, const term& a) const {
        text out(cuda() ? "" : "std::");
        out += f;
        out += '(';
        out += expr(a);
        out += ')';
        return out;
    }

    constexpr text power(const term& b, const term& e) const {
        if (!e.is_num()) {
            text out(cuda() ? "pow(" : "std::pow(");
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
            core = call("sqrt", b);
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
            core += call("sqrt", b);
            core += ')';
        } else {
            core = text(cuda() ? "pow(" : "std::pow(");
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

    constexpr text size_of(const std::vector<int>& indices) const {
        text out;
        for (std::size_t i = 0; i != indices.size(); ++i) {
            if (i) out += " * ";
            out += extent_name(indices[i]);
        }
        if (indices.empty()) out += "1";
        return out;
    }

    constexpr text initial(const array& a) const {
        if (a.kind == array_kind::maximum) return text(cuda() ? "-T(INFINITY)" : "-std::numeric_limits<T>::infinity()");
        return text("T(0)");
    }
    constexpr text combine(const array& a, const text& into, const term& body) const {
        text out(into);
        if (a.kind == array_kind::maximum) {
            out += " = ";
            out += "maximum(";  // the op table's max: NaN stays NaN
            out += into;
            out += ", ";
            out += expr(body);
            out += ");\n";
        } else {
            out += " += ";
            out += expr(body);
            out += ";\n";
        }
        return out;
    }

    /// The arrays of one nest: p.arrays[first, last).
    struct nest {
        std::size_t first, last;
    };
    constexpr std::vector<nest> nests() const {
        std::vector<nest> out;
        for (std::size_t i = 0; i != p.arrays.size(); ++i) {
            if (p.arrays[i].fused) out.back().last = i + 1;
            else out.push_back({i, i + 1});
        }
        return out;
    }

    /// Whether the bound indices are the innermost loops (sums kept in registers).
    static constexpr bool sums_inside(const array& a) {
        for (std::size_t i = 0; i != a.indices.size(); ++i)
            if (contains(a.bound, a.order[i])) return false;
        return true;
    }

    /// One nest, as plain loops (C++) or as a kernel body (CUDA: the loops
    /// over the array's own indices are the threads).
    constexpr text compute(nest n, text indent) const {
        const array& a = p.arrays[n.first];
        std::vector<term> bodies;
        std::vector<term> targets;
        for (std::size_t i = n.first; i != n.last; ++i) {
            bodies.push_back(renamed_like(p.arrays[i], a));
            targets.push_back(emit::element(p.arrays[i].sym, a.indices));
        }
        text out;
        if (a.kind == array_kind::elementwise) {
            std::vector<int> order = a.order;
            if (cuda()) order.clear();
            out += loops_open(order, indent);
            for (std::size_t i = 0; i != bodies.size(); ++i) {
                out += indent;
                out += element(targets[i]);
                out += " = ";
                out += expr(bodies[i]);
                out += ";\n";
            }
            out += loops_close(order.size(), indent);
            return out;
        }
        if (sums_inside(a) || cuda()) {
            std::vector<int> outer, inner;
            for (int i : a.order) {
                if (contains(a.bound, i)) inner.push_back(i);
                else outer.push_back(i);
            }
            if (cuda()) outer.clear();
            out += loops_open(outer, indent);
            for (std::size_t i = 0; i != bodies.size(); ++i) {
                out += indent;
                out += "T acc";
                out += detail::to_text(static_cast<long long>(i)).view();
                out += " = ";
                out += initial(p.arrays[n.first + i]);
                out += ";\n";
            }
            out += loops_open(inner, indent);
            for (std::size_t i = 0; i != bodies.size(); ++i) {
                text acc("acc");
                acc += detail::to_text(static_cast<long long>(i)).view();
                out += indent;
                out += combine(p.arrays[n.first + i], acc, bodies[i]);
            }
            out += loops_close(inner.size(), indent);
            for (std::size_t i = 0; i != bodies.size(); ++i) {
                out += indent;
                out += element(targets[i]);
                out += " = acc";
                out += detail::to_text(static_cast<long long>(i)).view();
                out += ";\n";
            }
            out += loops_close(outer.size(), indent);
            return out;
        }
        // bound indices outside: accumulate in the arrays themselves
        out += loops_open(a.indices, indent);
        for (std::size_t i = 0; i != bodies.size(); ++i) {
            out += indent;
            out += element(targets[i]);
            out += " = ";
            out += initial(p.arrays[n.first + i]);
            out += ";\n";
        }
        out += loops_close(a.indices.size(), indent);
        out += loops_open(a.order, indent);
        for (std::size_t i = 0; i != bodies.size(); ++i) {
            out += indent;
            out += combine(p.arrays[n.first + i], element(targets[i]), bodies[i]);
        }
        out += loops_close(a.order.size(), indent);
        return out;
    }

    /// The function's parameters, extents, inputs and outputs in that order:
    /// with their types (the declaration) or without (the arguments of a call).
    constexpr text parameters(bool typed = true) const {
        text out;
        bool first = true;
        auto sep = [&] {
            if (!first) out += ", ";
            first = false;
        };
        for (int x : p.extents) {
            sep();
            if (typed) out += "std::size_t ";
            out += name(x);
        }
        for (int in : p.inputs) {
            sep();
            if (typed) out += p.ctx.at(in).rank == 0 ? "T " : "const T* ";
            out += name(in);
        }
        for (std::size_t o = 0; o != p.outputs.size(); ++o) {
            sep();
            if (typed) out += "T* ";
            out += output_name(o);
        }
        return out;
    }

    /// The parameters with T spelled as `scalar` (the C entry points').
    constexpr text c_parameters(std::string_view scalar) const {
        text out;
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
            if (p.ctx.at(in).rank != 0) out += "const ";
            out += scalar;
            out += p.ctx.at(in).rank == 0 ? " " : "* ";
            out += name(in);
        }
        for (std::size_t o = 0; o != p.outputs.size(); ++o) {
            sep();
            out += scalar;
            out += "* ";
            out += output_name(o);
        }
        return out;
    }

    /// "[A x B]": a shape as the extents' parameter names, row-major.
    constexpr text shape_of_dims(const std::vector<int>& extents) const {
        text out("[");
        for (std::size_t i = 0; i != extents.size(); ++i) {
            if (i) out += " x ";
            out += name(extents[i]);
        }
        out += ']';
        return out;
    }

    /// One comment line per parameter: its name, what it is and its shape.
    constexpr text parameter_comment() const {
        text out("// Parameters, in order (T is the scalar type, float or double):\n");
        for (int x : p.extents) {
            out += "//   ";
            out += name(x);
            out += ": std::size_t, the extent ";
            out += p.ctx.at(x).name_view();
            out += '\n';
        }
        for (int in : p.inputs) {
            const ir::sym_entry& e = p.ctx.at(in);
            out += "//   ";
            out += name(in);
            if (e.rank == 0) {
                out += ": T, the scalar ";
                out += e.name_view();
            } else {
                out += ": const T*, the tensor ";
                out += e.name_view();
                out += ' ';
                std::vector<int> dims;
                for (int r = 0; r != e.rank; ++r) dims.push_back(e.dims[static_cast<std::size_t>(r)]);
                out += shape_of_dims(dims);
            }
            out += '\n';
        }
        for (std::size_t o = 0; o != p.outputs.size(); ++o) {
            out += "//   ";
            out += output_name(o);
            out += ": T*, result";
            if (p.outputs.size() != 1) {
                out += ' ';
                out += detail::to_text(static_cast<long long>(o)).view();
            }
            std::vector<int> dims;
            for (int i : p.outputs[o]) dims.push_back(p.ctx.extent_of(i));
            if (dims.empty()) {
                out += ", one value";
            } else {
                out += " over (";
                for (std::size_t i = 0; i != p.outputs[o].size(); ++i) {
                    if (i) out += ", ";
                    out += p.ctx.at(p.outputs[o][i]).name_view();
                }
                out += ") ";
                out += shape_of_dims(dims);
            }
            out += ", every element written\n";
        }
        return out;
    }

    /// NS_FUNCTION_helpers: x^N and the functions of the op table that the
    /// standard library lacks (relu, step, sigmoid, ...), `qualifier` marking
    /// them for the device. Their namespace is the function's own, so that
    /// emitted files share a program without sharing anything.
    constexpr text helpers_namespace() const {
        text out(naming.function);
        out += "_helpers";
        return out;
    }
    constexpr text helpers(std::string_view qualifier) const {
        text out("namespace ");
        out += helpers_namespace();
        out += " {\n\ntemplate <int N, class T>\n";
        out += qualifier;
        out += "inline T ipow(T x) {\n  T r = T(1);\n  for (int i = 0; i < N; ++i) r *= x;\n  return r;\n}\n";
        for (const ir::op_row& r : ir::op_table.at) {
            if (r.helper.empty()) continue;
            out += "template <class T>\n";
            out += qualifier;
            for (char ch : r.helper) {  // @ stands for the math functions' namespace
                if (ch == '@') out += cuda() ? "" : "std::";
                else out += ch;
            }
        }
        out += "\n}  // namespace ";
        out += helpers_namespace();
        out += "\n\n";
        return out;
    }

    /// The first lines: what the file is, the call, every parameter.
    constexpr text header(std::string_view what) const {
        text out("// Generated by leibniz from its derivation");
        out += what;
        out += "; needs no leibniz headers.\n//   ";
        out += naming.ns;
        out += "::";
        out += naming.function;
        out += "<T>(";
        out += parameters(false);
        out += cuda() ? ", scratch, stream)\n" : ")\n";
        return out;
    }

    constexpr text open_namespace() const {
        text out("namespace ");
        out += naming.ns;
        out += " {\n\n";
        return out;
    }
    constexpr text close_namespace() const {
        text out("}  // namespace ");
        out += naming.ns;
        out += '\n';
        return out;
    }

    /// extern "C" NS_FUNCTION_f64 / _f32: the template at double and float.
    constexpr text c_entry_points() const {
        text out("\n// C entry points (this file is then a source file: compile it once).\n");
        constexpr std::string_view scalars[2][2] = {{"double", "_f64"}, {"float", "_f32"}};
        for (const auto& sc : scalars) {
            out += "extern \"C\" void ";
            out += flat_name();
            out += sc[1];
            out += '(';
            out += c_parameters(sc[0]);
            out += ") {\n  ";
            out += naming.ns;
            out += "::";
            out += naming.function;
            out += '<';
            out += sc[0];
            out += ">(";
            out += parameters(false);
            out += ");\n}\n";
        }
        return out;
    }

    constexpr text function() const {
        check_naming();
        if (cuda()) return cuda_source();
        text out = header("");
        out += "// Arrays are row-major; indices run from 0 here (from 1 in the formulas).\n";
        out += parameter_comment();
        if (!naming.c_entry) out += "#pragma once\n";  // a header; with C entry points, a source file
        out += "#include <algorithm>\n#include <cmath>\n#include <cstddef>\n#include <limits>\n#include <vector>\n\n";
        out += open_namespace();
        out += helpers("");
        out += "template <class T>\nvoid ";
        out += naming.function;
        out += '(';
        out += parameters();
        out += ") {\n  using namespace ";
        out += helpers_namespace();
        out += ";\n";
        // storage for the intermediates, sums and hoisted subterms
        for (const array& a : p.arrays) {
            if (a.is_output()) continue;
            if (a.indices.empty()) {
                out += "  T ";
                out += name(a.sym);
                out += " = T(0);\n";
            } else {
                out += "  std::vector<T> ";
                out += name(a.sym);
                out += '(';
                out += size_of(a.indices);
                out += ");\n";
            }
        }
        for (nest n : nests()) {  // one block per nest: its accumulators are its own
            out += "  {\n";
            out += compute(n, text("    "));
            out += "  }\n";
        }
        out += "}\n\n";
        out += close_namespace();
        if (naming.c_entry) out += c_entry_points();
        return out;
    }

    // ---- CUDA ---------------------------------------------------------------------------------------------------
    /// The kernel's own indices from the thread number (last index fastest).
    constexpr text thread_indices(const array& a, text indent) const {
        text out;
        out += indent;
        out += "const std::size_t id = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;\n";
        out += indent;
        out += "if (id >= ";
        out += size_of(a.indices);
        out += ") return;\n";
        if (a.indices.empty()) return out;
        out += indent;
        out += "std::size_t rest = id;\n";
        for (std::size_t i = a.indices.size(); i-- > 0;) {
            out += indent;
            out += "const std::size_t ";
            out += name(a.indices[i]);
            out += " = rest % ";
            out += extent_name(a.indices[i]);
            out += ";\n";
            out += indent;
            out += "rest /= ";
            out += extent_name(a.indices[i]);
            out += ";\n";
        }
        out += indent;
        out += "(void)rest;\n";
        return out;
    }

    constexpr text kernel_name(std::size_t k) const {
        text out(naming.function);
        out += "_kernel";
        out += detail::to_text(static_cast<long long>(k)).view();
        return out;
    }

    constexpr text cuda_source() const {
        text out = header(" (CUDA)");
        out += "// Arrays are row-major device pointers; indices run from 0 here (from 1 in the formulas).\n";
        out += "// Every loop nest of the plan is one kernel, one thread per element it computes.\n";
        out += parameter_comment();
        out += "//   scratch: T*, device memory of ";
        out += naming.function;
        out += "_scratch_size(extents...) elements; stream: cudaStream_t\n";
        out += "#pragma once\n#include <cmath>\n#include <cstddef>\n\n#include <cuda_runtime.h>\n\n";
        out += open_namespace();
        out += helpers("__device__ ");
        std::vector<nest> ns = nests();
        text params = parameters();
        // The scratch memory holds every array but the outputs, one after
        // another: its size and the pointers into it come from one walk.
        text scratch_sum, scratch_carve;
        for (const array& a : p.arrays) {
            if (a.is_output()) continue;
            text size = size_of(a.indices);
            scratch_sum += "  n += ";
            scratch_sum += size;
            scratch_sum += ";\n";
            scratch_carve += "  T* ";
            scratch_carve += name(a.sym);
            scratch_carve += " = scratch;\n  scratch += ";
            scratch_carve += size;
            scratch_carve += ";\n";
        }
        for (std::size_t k = 0; k != ns.size(); ++k) {
            out += "template <class T>\n__global__ void ";
            out += kernel_name(k);
            out += '(';
            out += params;
            for (const array& a : p.arrays) {
                if (a.is_output()) continue;
                out += ", T* ";
                out += name(a.sym);
            }
            out += ") {\n  using namespace ";
            out += helpers_namespace();
            out += ";\n";
            out += thread_indices(p.arrays[ns[k].first], text("  "));
            out += compute(ns[k], text("  "));
            out += "}\n\n";
        }
        out += "/// The number of elements the scratch memory of ";
        out += naming.function;
        out += " must hold.\ninline std::size_t ";
        out += naming.function;
        out += "_scratch_size(";
        text xs;
        for (std::size_t i = 0; i != p.extents.size(); ++i) {
            if (i) xs += ", ";
            xs += "std::size_t ";
            xs += name(p.extents[i]);
        }
        out += xs;
        out += ") {\n  std::size_t n = 0;\n";
        out += scratch_sum;
        for (int x : p.extents) {
            out += "  (void)";
            out += name(x);
            out += ";\n";
        }
        out += "  return n;\n}\n\n";
        out += "/// Launches the kernels in order on `stream`; every pointer is device memory,\n/// `scratch` of ";
        out += naming.function;
        out += "_scratch_size(extents...) elements.\ntemplate <class T>\nvoid ";
        out += naming.function;
        out += '(';
        out += params;
        out += ", T* scratch, cudaStream_t stream = 0) {\n";
        out += scratch_carve;
        out += "  (void)scratch;\n";
        text args = parameters(false);
        for (const array& a : p.arrays) {
            if (a.is_output()) continue;
            args += ", ";
            args += name(a.sym);
        }
        for (std::size_t k = 0; k != ns.size(); ++k) {
            const array& a = p.arrays[ns[k].first];
            out += "  {\n    const std::size_t n = ";
            out += size_of(a.indices);
            out += ";\n    if (n != 0) ";
            out += kernel_name(k);
            out += "<T><<<unsigned((n + 255) / 256), 256, 0, stream>>>(";
            out += args;
            out += ");\n  }\n";
        }
        out += "}\n\n";
        out += close_namespace();
        return out;
    }
};

/// The loop nests of a plan, one line each: the extents of its loops (outer
/// to inner), what it computes, and the arrays it fills (outN: result N).
///   B x M  sum  sum32 sum36
constexpr text plan_listing(const loop_plan& p) {
    cpp_printer pr{p};
    text out;
    for (cpp_printer::nest n : pr.nests()) {
        const array& a = p.arrays[n.first];
        text loops;
        for (std::size_t l = 0; l != a.order.size(); ++l) {
            if (l) loops += " x ";
            loops += identifier(p.ctx.at(p.ctx.extent_of(a.order[l])).name_view());
        }
        if (a.order.empty()) loops += "1";
        out += loops;
        out += "  ";
        if (a.kind == array_kind::elementwise) out += "elementwise";
        else if (a.kind == array_kind::sum) out += "sum";
        else out += "max";
        if (a.contraction) out += " (contraction)";
        for (std::size_t i = n.first; i != n.last; ++i) {
            out += ' ';
            if (p.arrays[i].is_output()) {
                out += "out";
                out += detail::to_text(p.arrays[i].output).view();
            } else {
                out += identifier(p.ctx.at(p.arrays[i].sym).name_view());
            }
        }
        out += '\n';
    }
    return out;
}

constexpr text emit_cpp(const ir::bundle& b, const std::vector<int>& output_indices, const emit_naming& naming,
                        target_language lang = target_language::cpp) {
    loop_plan p = plan_loops(b, output_indices);
    return cpp_printer{p, lang, naming}.function();
}

/// Code for a plan of several results (plan_program's), named by `naming`.
constexpr text emit_plan(const loop_plan& p, const emit_naming& naming, target_language lang = target_language::cpp) {
    return cpp_printer{p, lang, naming}.function();
}

}  // namespace leibniz::emit
