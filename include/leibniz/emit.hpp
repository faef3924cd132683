// emit_cpp: standalone C++ source for an expression (typically a derived
// gradient), or for several results in one function (a model's gradients and
// statistics, sharing their work), as a compile-time string. It defines
//   namespace NS { template <class T> void NAME(extents..., inputs..., T* out...); }
// (extents, then inputs, each in alphabetical order of their names; scalars
// by value, tensors as row-major arrays; then one output per result), computed
// by the loop plan of plan/loops.hpp: every summation hoisted into its own
// pass, shared work done once. A comment at the top lists every parameter
// with its shape. emit_cuda gives the same computation as CUDA kernels and a
// host function that launches them. emit_source does the same at run time,
// with names chosen at run time (and C entry points for a foreign-function
// interface).
#pragma once
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <leibniz/core.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/detail/staged_text.hpp>
#include <leibniz/emit/cpp.hpp>
#include <leibniz/evaluate.hpp>

namespace leibniz {

namespace dsl {
inline constexpr std::size_t emit_staging_chars = 65536;
[[noreturn]] inline void leibniz_error_emitted_source_too_long() { ::leibniz::detail::fail("leibniz_error_emitted_source_too_long"); }

template <class E, class... I>
struct source_printer {
    static constexpr detail::text print(const emit::emit_naming& naming, emit::target_language lang) {
        ir::bundle b;
        b.root = lower<E>(b.ctx);
        std::vector<int> order;
        (order.push_back(lower<I>(b.ctx).id), ...);
        return emit::emit_cpp(b, order, naming, lang);
    }
};
template <fixed_string Name, fixed_string Namespace, emit::target_language Lang, class E, class... I>
struct named_source_printer {
    static constexpr detail::text print() { return source_printer<E, I...>::print({Name.view(), Namespace.view()}, Lang); }
};
template <fixed_string Name, fixed_string Namespace, emit::target_language Lang, class E, class... I>
using emitted_source = detail::staged_text<named_source_printer<Name, Namespace, Lang, E, I...>, emit_staging_chars,
                                           &leibniz_error_emitted_source_too_long>;
/// Intermediates whose values the caller supplies, by name.
template <fixed_string... Names>
struct given_names {};

/// Results Specs (eval::arrays::result_spec) with the intermediates named in
/// Given supplied: their loop plan, shared by plan_listing and emit_cpp.
template <class Given, class... Specs>
struct program_of;
template <fixed_string... Given, class... Specs>
struct program_of<given_names<Given...>, Specs...> {
    static constexpr emit::loop_plan plan() {
        ir::context c;
        std::vector<ir::term> roots;
        std::vector<std::vector<int>> orders;
        (eval::arrays::spec_ops<Specs>::add(c, roots, orders), ...);
        std::vector<int> given;
        for (std::size_t s = 0; s != c.syms.size(); ++s)
            if (c.syms[s].def >= 0 && ((c.syms[s].name_view() == Given.view()) || ...)) given.push_back(static_cast<int>(s));
        return emit::plan_program(c, roots, orders, given);
    }
};
template <class Given, class... Specs>
struct plan_printer {
    static constexpr detail::text print() { return emit::plan_listing(program_of<Given, Specs...>::plan()); }
};
/// The emitted code of a program of several results, their output
/// parameters named Outputs.
template <class Given, class Outputs, class... Specs>
struct program_printer;
template <class Given, fixed_string... Outputs, class... Specs>
struct program_printer<Given, given_names<Outputs...>, Specs...> {
    static constexpr detail::text print(emit::emit_naming naming, emit::target_language lang) {
        naming.outputs = {Outputs.view()...};
        return emit::emit_plan(program_of<Given, Specs...>::plan(), naming, lang);
    }
};
/// Whether the output names of a program can be used (checked before the
/// code is emitted, so that a bad name is one static_assert).
template <class Outputs, class... Specs>
struct outputs_free;
template <fixed_string... Outputs, class... Specs>
struct outputs_free<given_names<Outputs...>, Specs...> {
    static constexpr bool check(std::string_view function) {
        ir::context c;
        std::vector<ir::term> roots;
        std::vector<std::vector<int>> orders;
        (eval::arrays::spec_ops<Specs>::add(c, roots, orders), ...);
        return !emit::output_names_clash(c, function, {Outputs.view()...});
    }
};
template <fixed_string Name, fixed_string Namespace, emit::target_language Lang, class Given, class Outputs, class... Specs>
struct named_program_printer {
    static constexpr detail::text print() {
        return program_printer<Given, Outputs, Specs...>::print({Name.view(), Namespace.view()}, Lang);
    }
};
template <fixed_string Name, fixed_string Namespace, emit::target_language Lang, class Given, class Outputs, class... Specs>
using emitted_program = detail::staged_text<named_program_printer<Name, Namespace, Lang, Given, Outputs, Specs...>,
                                            emit_staging_chars, &leibniz_error_emitted_source_too_long>;

/// What a function with a bad name returns after its static_assert, so that
/// the message is the only error.
inline constexpr fixed_string<0> no_source{};

/// The program's code, its names checked first: one static_assert each.
template <fixed_string Name, fixed_string Namespace, emit::target_language Lang, class Given, class Outputs, class... Specs>
constexpr const auto& checked_program() {
    constexpr bool function_ok = emit::is_free_name(Name.view());
    constexpr bool namespace_ok = emit::is_namespace_name(Namespace.view());
    constexpr bool outputs_ok = outputs_free<Outputs, Specs...>::check(Name.view());
    static_assert(function_ok, "leibniz::emit_cpp: the function's name must be a C++ identifier, no keyword, no name the emitted code uses");
    static_assert(namespace_ok, "leibniz::emit_cpp: the namespace must be C++ identifiers joined by ::");
    static_assert(outputs_ok, "leibniz::emit_cpp: each output's name must be a C++ identifier of its own: no keyword, "
                              "not the function's, another output's or a symbol's");
    if constexpr (function_ok && namespace_ok && outputs_ok)
        return emitted_program<Name, Namespace, Lang, Given, Outputs, Specs...>::value;
    else
        return no_source;
}

template <class Given, class... Specs>
using plan_text = detail::staged_text<plan_printer<Given, Specs...>, emit_staging_chars, &leibniz_error_emitted_source_too_long>;
}  // namespace dsl

/// A result for plan_listing, emit_cpp and emit_source: e over its output
/// indices (their order is the output's row-major layout), Name the output
/// parameter's name in emitted code ("": out, or outN for result N).
template <class E, class Over, fixed_string Name = "">
struct result_of_plan {};
template <fixed_string Name = "", dsl::expression E, class... I>
constexpr result_of_plan<E, over_indices<I...>, Name> result(E, over_indices<I...>) {
    return {};
}

/// The loop nests evaluate_into (with no intermediate bound) and emitted code
/// run for the given results, one line each: the extents of the loops, outer
/// to inner, what the nest computes, and the arrays it fills (outN: result N):
///   plan_listing(result(dgamma, over(j)), result(dY, over(s, t)))
template <class... E, class... O, fixed_string... N>
constexpr const auto& plan_listing(result_of_plan<E, O, N>...) {
    return dsl::plan_text<dsl::given_names<>, typename eval::arrays::spec_from<E, O>::type...>::value;
}

/// given<"m", "v">: the intermediates m and v bound by name (their values
/// supplied, as evaluate_into(..., m = view(...), v = view(...)) does).
template <fixed_string... Names>
inline constexpr dsl::given_names<Names...> given{};

/// The plan with the named intermediates given:
///   plan_listing(given<"m", "v">, result(dY, over(s, t)))
template <fixed_string... G, class... E, class... O, fixed_string... N>
constexpr const auto& plan_listing(dsl::given_names<G...>, result_of_plan<E, O, N>...) {
    return dsl::plan_text<dsl::given_names<G...>, typename eval::arrays::spec_from<E, O>::type...>::value;
}

/// C++ source of a function Namespace::Name computing e at every value of the
/// given free indices (in that order: the output's row-major layout).
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", dsl::expression E, class... I>
constexpr const auto& emit_cpp(E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_cpp: the output indices must be index variables");
    static_assert(emit::is_free_name(Name.view()),
                  "leibniz::emit_cpp: the function's name must be a C++ identifier, no keyword, no name the emitted code uses");
    static_assert(emit::is_namespace_name(Namespace.view()), "leibniz::emit_cpp: the namespace must be C++ identifiers joined by ::");
    if constexpr (emit::is_free_name(Name.view()) && emit::is_namespace_name(Namespace.view()))
        return dsl::emitted_source<Name, Namespace, emit::target_language::cpp, E, I...>::value;
    else
        return dsl::no_source;
}

/// One function computing several results in one call, sharing their work
/// (a model's statistics and gradients), each into its own output parameter:
///   emit_cpp<"bn_backward", "nn">(result<"dgamma">(dgamma, over(j)), result<"dY">(dY, over(s, t)))
/// With given<"m", "v"> first, the intermediates m and v are parameters
/// (inputs) instead of being computed.
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", class... E, class... O, fixed_string... N>
constexpr const auto& emit_cpp(result_of_plan<E, O, N>...) {
    return dsl::checked_program<Name, Namespace, emit::target_language::cpp, dsl::given_names<>, dsl::given_names<N...>,
                                typename eval::arrays::spec_from<E, O>::type...>();
}
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", fixed_string... G, class... E, class... O,
          fixed_string... N>
constexpr const auto& emit_cpp(dsl::given_names<G...>, result_of_plan<E, O, N>...) {
    return dsl::checked_program<Name, Namespace, emit::target_language::cpp, dsl::given_names<G...>, dsl::given_names<N...>,
                                typename eval::arrays::spec_from<E, O>::type...>();
}

/// CUDA source of the same computation: one __global__ kernel per loop nest
/// and a host function NAME(extents..., inputs..., out, scratch, stream)
/// that launches them (all pointers in device memory).
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", dsl::expression E, class... I>
constexpr const auto& emit_cuda(E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_cuda: the output indices must be index variables");
    static_assert(emit::is_free_name(Name.view()),
                  "leibniz::emit_cuda: the function's name must be a C++ identifier, no keyword, no name the emitted code uses");
    static_assert(emit::is_namespace_name(Namespace.view()), "leibniz::emit_cuda: the namespace must be C++ identifiers joined by ::");
    if constexpr (emit::is_free_name(Name.view()) && emit::is_namespace_name(Namespace.view()))
        return dsl::emitted_source<Name, Namespace, emit::target_language::cuda, E, I...>::value;
    else
        return dsl::no_source;
}
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", class... E, class... O, fixed_string... N>
constexpr const auto& emit_cuda(result_of_plan<E, O, N>...) {
    return dsl::checked_program<Name, Namespace, emit::target_language::cuda, dsl::given_names<>, dsl::given_names<N...>,
                                typename eval::arrays::spec_from<E, O>::type...>();
}
template <fixed_string Name, fixed_string Namespace = "leibniz_generated", fixed_string... G, class... E, class... O,
          fixed_string... N>
constexpr const auto& emit_cuda(dsl::given_names<G...>, result_of_plan<E, O, N>...) {
    return dsl::checked_program<Name, Namespace, emit::target_language::cuda, dsl::given_names<G...>, dsl::given_names<N...>,
                                typename eval::arrays::spec_from<E, O>::type...>();
}

/// What emit_source writes: the function's name and namespace, the language,
/// and (C++ only) extern "C" entry points NS_NAME_f64 / NS_NAME_f32.
struct emit_options {
    std::string_view function;
    std::string_view ns = "leibniz_generated";
    emit::target_language lang = emit::target_language::cpp;
    bool c_entry = false;
};

/// The emitted code at run time, with names known only then (a command-line
/// tool, a build step): the same text as emit_cpp/emit_cuda. A name that is
/// not a free C++ identifier throws std::logic_error naming the problem.
template <dsl::expression E, class... I>
std::string emit_source(const emit_options& o, E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_source: the output indices must be index variables");
    emit::emit_naming naming{o.function, o.ns, {}, o.c_entry && o.lang == emit::target_language::cpp};
    detail::text t = dsl::source_printer<E, I...>::print(naming, o.lang);
    return std::string(t.view());
}
template <fixed_string... G, class... E, class... O, fixed_string... N>
std::string emit_source(const emit_options& o, dsl::given_names<G...>, result_of_plan<E, O, N>...) {
    emit::emit_naming naming{o.function, o.ns, {}, o.c_entry && o.lang == emit::target_language::cpp};
    detail::text t = dsl::program_printer<dsl::given_names<G...>, dsl::given_names<N...>,
                                          typename eval::arrays::spec_from<E, O>::type...>::print(naming, o.lang);
    return std::string(t.view());
}
template <class... E, class... O, fixed_string... N>
std::string emit_source(const emit_options& o, result_of_plan<E, O, N>... r) {
    return emit_source(o, dsl::given_names<>{}, r...);
}

/// Writes emitted code (any text) to `path` completely or not at all: into
/// path + ".tmp", then renamed over `path`. Throws std::runtime_error naming
/// the path when a write, the close or the rename fails (a build step that
/// emits code then fails instead of leaving a truncated source behind).
inline void write_file(const std::string& path, std::string_view text) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            std::remove(temporary.c_str());
            throw std::runtime_error("leibniz::write_file: cannot write " + temporary);
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw std::runtime_error("leibniz::write_file: cannot rename " + temporary + " to " + path);
    }
}

}  // namespace leibniz
