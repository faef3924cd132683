// emit_cpp: standalone C++ source for an expression (typically a derived
// gradient), as a compile-time string. The function it defines is
//   template <class T> void NAME(extents..., inputs..., T* out);
// with every summation hoisted into its own pass and every intermediate
// computed once.
#pragma once
#include <leibniz/core.hpp>
#include <leibniz/emit/cpp.hpp>

namespace leibniz {

namespace dsl {
inline constexpr std::size_t emit_staging_chars = 65536;
void leibniz_error_emitted_source_too_long();

template <fixed_string Name, class E, class... I>
struct emitted_source {
    struct staged_t {
        char data[emit_staging_chars];
        std::size_t size;
    };
    static constexpr staged_t staged = [] {
        ir::bundle b;
        b.root = lower<E>(b.ctx);
        std::vector<int> order;
        (order.push_back(lower<I>(b.ctx).id), ...);
        detail::text s = emit::emit_cpp(b, order, Name.view());
        if (s.size() > emit_staging_chars) leibniz_error_emitted_source_too_long();
        staged_t out{};
        for (std::size_t i = 0; i != s.size(); ++i) out.data[i] = s.chars[i];
        out.size = s.size();
        return out;
    }();
    static constexpr fixed_string<staged.size> value = [] {
        fixed_string<staged.size> out{};
        for (std::size_t i = 0; i != staged.size; ++i) out.data[i] = staged.data[i];
        return out;
    }();
};
}  // namespace dsl

/// C++ source of a function NAME computing e at every value of the given
/// free indices (in that order: the output's row-major layout).
template <fixed_string Name, dsl::expression E, class... I>
constexpr const auto& emit_cpp(E, I...) {
    static_assert((dsl::is_index_expr_v<I> && ...), "leibniz::emit_cpp: the output indices must be index variables");
    return dsl::emitted_source<Name, E, I...>::value;
}

}  // namespace leibniz
