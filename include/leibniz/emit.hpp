// emit_cpp: standalone C++ source for an expression (typically a derived
// gradient), as a compile-time string. The function it defines is
//   template <class T> void NAME(extents..., inputs..., T* out);
// (extents, then inputs, each in alphabetical order of their names; scalars
// by value, tensors as row-major arrays), computed by the loop plan of
// plan/loops.hpp: every summation hoisted into its own pass, shared work done
// once. emit_cuda gives the same computation as CUDA kernels and a host
// function that launches them.
#pragma once
#include <leibniz/core.hpp>
#include <leibniz/detail/error.hpp>
#include <leibniz/detail/staged_text.hpp>
#include <leibniz/emit/cpp.hpp>
#include <leibniz/evaluate.hpp>

namespace leibniz {

namespace dsl {
inline constexpr std::size_t emit_staging_chars = 65536;
[[noreturn]] inline void leibniz_error_emitted_source_too_long() { ::leibniz::detail::fail("leibniz_error_emitted_source_too_long"); }

template <fixed_string Name, emit::target_language Lang, class E, class... I>
struct source_printer {
    static constexpr detail::text print() {
        ir::bundle b;
        b.root = lower<E>(b.ctx);
        std::vector<int> order;
        (order.push_back(lower<I>(b.ctx).id), ...);
        return emit::emit_cpp(b, order, Name.view(), Lang);
    }
};
template <fixed_string Name, emit::target_language Lang, class E, class... I>
using emitted_source =
    detail::staged_text<source_printer<Name, Lang, E, I...>, emit_staging_chars, &leibniz_error_emitted_source_too_long>;
/// Intermediates whose values the caller supplies, by name.
template <fixed_string... Names>
struct given_names {};

template <class Given, class... Specs>
struct plan_printer;
template <fixed_string... Given, class... Specs>
struct plan_printer<given_names<Given...>, Specs...> {
    static constexpr detail::text print() {
        ir::context c;
        std::vector<ir::term> roots;
        std::vector<std::vector<int>> orders;
        (eval::arrays::spec_ops<Specs>::add(c, roots, orders), ...);
        std::vector<int> given;
        for (std::size_t s = 0; s != c.syms.size(); ++s)
            if (c.syms[s].def >= 0 && ((c.syms[s].name_view() == Given.view()) || ...)) given.push_back(static_cast<int>(s));
        return emit::plan_listing(emit::plan_program(c, roots, orders, given));
    }
};
template <class Given, class... Specs>
using plan_text = detail::staged_text<plan_printer<Given, Specs...>, emit_staging_chars, &leibniz_error_emitted_source_too_long>;
}  // namespace dsl

/// A result for plan_listing: e over its output indices.
template <class E, class Over>
struct result_of_plan {};
template <dsl::expression E, class... I>
constexpr result_of_plan<E, over_indices<I...>> result(E, over_indices<I...>) {
    return {};
}

/// The loop nests evaluate_into (with no intermediate bound) and emitted code
/// run for the given results, one line each: the extents of the loops, outer
/// to inner, what the nest computes, and the arrays it fills (outN: result N):
///   plan_listing(result(dgamma, over(j)), result(dY, over(s, t)))
template <class... E, class... O>
constexpr const auto& plan_listing(result_of_plan<E, O>...) {
    return dsl::plan_text<dsl::given_names<>, typename eval::arrays::spec_from<E, O>::type...>::value;
}

/// given<"m", "v">: the intermediates m and v bound by name (their values
/// supplied, as evaluate_into(..., m = view(...), v = view(...)) does).
template <fixed_string... Names>
inline constexpr dsl::given_names<Names...> given{};

/// The plan with the named intermediates given:
///   plan_listing(given<"m", "v">, result(dY, over(s, t)))
template <fixed_string... G, class... E, class... O>
constexpr const auto& plan_listing(dsl::given_names<G...>, result_of_plan<E, O>...) {
    return dsl::plan_text<dsl::given_names<G...>, typename eval::arrays::spec_from<E, O>::type...>::value;
}

/// C++ source of a function NAME computing e at every value of the given
/// free indices (in that order: the output's row-major layout).
template <fixed_string Name, dsl::expression E, class... I>
constexpr const auto& emit_cpp(E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_cpp: the output indices must be index variables");
    return dsl::emitted_source<Name, emit::target_language::cpp, E, I...>::value;
}

/// CUDA source of the same computation: one __global__ kernel per loop nest
/// and a host function NAME(extents..., inputs..., out, scratch, stream)
/// that launches them (all pointers in device memory).
template <fixed_string Name, dsl::expression E, class... I>
constexpr const auto& emit_cuda(E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_cuda: the output indices must be index variables");
    return dsl::emitted_source<Name, emit::target_language::cuda, E, I...>::value;
}

}  // namespace leibniz
