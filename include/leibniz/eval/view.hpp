// Row-major read-only views of arrays: what a tensor symbol is bound to. A
// view knows how many elements its memory holds (it is made from a span, a
// vector or an array, never from a bare pointer), and the evaluators check
// that count against its extents before reading anything.
#pragma once
#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <leibniz/ir/term.hpp>

namespace leibniz {

/// A rank-R row-major view of `data`; element (i0, ..., iR-1) (0-based) is
/// data[((i0 e1 + i1) e2 + i2) ...]. `count`: the elements at `data` (the
/// size of the span, vector or array it was made from).
template <class T, std::size_t Rank>
struct tensor_view {
    static_assert(Rank >= 1 && Rank <= static_cast<std::size_t>(ir::max_rank), "leibniz::tensor_view: rank between 1 and 4");
    using value_type = T;
    static constexpr std::size_t rank = Rank;

    const T* data = nullptr;
    std::array<std::size_t, Rank> extents{};
    std::size_t count = 0;

    constexpr std::size_t extent(std::size_t d) const { return extents[d]; }
    constexpr std::size_t size() const {
        std::size_t n = 1;
        for (std::size_t e : extents) n *= e;
        return n;
    }
    /// Element at 0-based indices.
    template <std::integral... I>
        requires(sizeof...(I) == Rank)
    constexpr const T& operator()(I... i) const {
        std::size_t off = 0, d = 0;
        ((off = off * extents[d++] + static_cast<std::size_t>(i)), ...);
        return data[off];
    }
};

namespace eval::detail {
inline std::string shape_text(const std::size_t* extents, std::size_t rank) {
    std::string s;
    for (std::size_t d = 0; d != rank; ++d) {
        if (d != 0) s += " x ";
        s += std::to_string(extents[d]);
    }
    return s;
}

[[noreturn]] inline void throw_bad_view_size(std::size_t have, std::size_t need, const std::size_t* extents, std::size_t rank) {
    throw std::invalid_argument("leibniz::view: " + std::to_string(have) + " elements cannot be viewed as " +
                                shape_text(extents, rank) + " (" + std::to_string(need) + " elements)");
}
[[noreturn]] inline void throw_negative_view_extent(long long e) {
    throw std::invalid_argument("leibniz::view: negative extent " + std::to_string(e));
}

template <std::integral X>
constexpr std::size_t to_extent(X x) {
    if constexpr (std::is_signed_v<X>)
        if (x < 0) throw_negative_view_extent(static_cast<long long>(x));
    return static_cast<std::size_t>(x);
}

template <class T, class... X>
constexpr tensor_view<T, sizeof...(X)> make_view(const T* data, std::size_t have, X... extents) {
    tensor_view<T, sizeof...(X)> v{data, {to_extent(extents)...}, have};
    if (v.size() != have) throw_bad_view_size(have, v.size(), v.extents.data(), sizeof...(X));
    return v;
}

/// What an evaluator checks of every view and output it is given, before it
/// reads or writes anything: the memory holds exactly the elements its
/// extents need (a view assembled by hand, with a wrong or no count, fails).
[[noreturn]] inline void throw_bad_count(std::string_view evaluator, std::string_view what, std::string_view name, std::size_t count,
                                         const std::size_t* extents, std::size_t rank, std::size_t need) {
    throw std::invalid_argument("leibniz::" + std::string(evaluator) + ": " + std::string(what) + " " + std::string(name) + " holds " +
                                std::to_string(count) + " elements but its extents " + shape_text(extents, rank) + " need " +
                                std::to_string(need));
}
template <class View>
constexpr void check_count(std::string_view evaluator, std::string_view what, std::string_view name, const View& v) {
    if (v.count != v.size()) throw_bad_count(evaluator, what, name, v.count, v.extents.data(), v.extents.size(), v.size());
}

template <class T>
inline constexpr bool pointer_without_size = false;
}  // namespace eval::detail

/// A bare pointer has no size, so it cannot be viewed: view(std::span(p, n),
/// 3, 4) says how many elements p points to.
/// (The empty view it returns only keeps the failed assertion the one error.)
template <class T, std::integral... X>
constexpr tensor_view<std::remove_cv_t<T>, (sizeof...(X) > 0 ? sizeof...(X) : 1)> view(const T*, X...) {
    static_assert(eval::detail::pointer_without_size<T>,
                  "leibniz::view: a pointer carries no size; view a std::span(p, n), a std::vector or a std::array");
    return {};
}
/// A span, vector or array viewed with the given extents (not owned; it must
/// outlive the evaluation); their product must be its size (else
/// std::invalid_argument). A pointer p to n elements: view(std::span(p, n), 3, 4).
template <class T, std::size_t N, std::integral... X>
    requires(sizeof...(X) >= 1)
constexpr tensor_view<std::remove_cv_t<T>, sizeof...(X)> view(std::span<T, N> s, X... extents) {
    return eval::detail::make_view<std::remove_cv_t<T>>(s.data(), s.size(), extents...);
}
template <class T, class A, std::integral... X>
    requires(sizeof...(X) >= 1)
constexpr tensor_view<T, sizeof...(X)> view(const std::vector<T, A>& v, X... extents) {
    return eval::detail::make_view(v.data(), v.size(), extents...);
}
template <class T, class A, std::integral... X>
constexpr void view(const std::vector<T, A>&& v, X... extents) = delete;  // would dangle
template <class T, std::size_t N, std::integral... X>
    requires(sizeof...(X) >= 1)
constexpr tensor_view<T, sizeof...(X)> view(const std::array<T, N>& a, X... extents) {
    return eval::detail::make_view(a.data(), N, extents...);
}
template <class T, std::size_t N, std::integral... X>
constexpr void view(const std::array<T, N>&& a, X... extents) = delete;  // would dangle

}  // namespace leibniz
