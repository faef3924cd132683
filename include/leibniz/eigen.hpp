// Eigen interoperability (Eigen 3.4), kept out of the core so that leibniz
// itself does not depend on Eigen:
//  - view(m): a row-major Eigen matrix (or any vector) as a tensor view;
//  - output(m): a writable one as the output of evaluate_into;
//  - eigen_contractions: a backend argument for evaluate_into that hands the
//    plan's contractions (Σ_j W_ij x_j, Σ_j W_ji g_j, Σ_n A_nx B_ny, a_x b_y)
//    to Eigen's GEMM / GEMV instead of plain loops.
#pragma once
#if __has_include(<Eigen/Core>)
#include <Eigen/Core>
#elif __has_include(<eigen3/Eigen/Core>)
#include <eigen3/Eigen/Core>
#else
#error "leibniz/eigen.hpp needs Eigen 3.4: find_package(Eigen3 3.4 CONFIG) and link Eigen3::Eigen"
#endif

#include <cstddef>
#include <span>
#include <stdexcept>
#include <type_traits>

#include <leibniz/evaluate.hpp>

namespace leibniz {

namespace eval::eigen_detail {

/// Eigen objects whose coefficients lie in memory one after the other, row
/// by row: row-major matrices and vectors.
template <class Derived>
constexpr void require_row_major() {
    static_assert(bool(Eigen::internal::traits<Derived>::Flags & Eigen::DirectAccessBit),
                  "leibniz::view: the Eigen expression has no storage of its own; evaluate it into a matrix first");
    static_assert(Derived::IsVectorAtCompileTime || Derived::IsRowMajor,
                  "leibniz::view: a column-major Eigen matrix is not a row-major array; use "
                  "Eigen::Matrix<T, Rows, Cols, Eigen::RowMajor>, or view(m.transpose()) for its transpose");
}

template <class Derived>
void require_contiguous(const Eigen::DenseBase<Derived>& m) {
    const Derived& d = m.derived();
    if (d.size() == 0) return;
    if (d.innerStride() != 1 || (!Derived::IsVectorAtCompileTime && d.outerSize() > 1 && d.outerStride() != d.innerSize()))
        throw std::invalid_argument("leibniz::view: the Eigen object's coefficients are not contiguous (a block or a strided map)");
}

}  // namespace eval::eigen_detail

/// A row-major matrix as a rows x cols view; a vector as a view of its size.
template <class Derived>
auto view(const Eigen::DenseBase<Derived>& m) {
    eval::eigen_detail::require_row_major<Derived>();
    eval::eigen_detail::require_contiguous(m);
    using T = std::remove_cv_t<typename Derived::Scalar>;
    const std::span<const T> s(m.derived().data(), static_cast<std::size_t>(m.size()));
    if constexpr (Derived::IsVectorAtCompileTime) return view(s, m.size());
    else return view(s, m.rows(), m.cols());
}
/// The same coefficients with other extents (their product must be the size).
template <class Derived, std::integral... X>
    requires(sizeof...(X) >= 1)
auto view(const Eigen::DenseBase<Derived>& m, X... extents) {
    eval::eigen_detail::require_row_major<Derived>();
    eval::eigen_detail::require_contiguous(m);
    using T = std::remove_cv_t<typename Derived::Scalar>;
    return eval::detail::make_view<T>(m.derived().data(), static_cast<std::size_t>(m.size()), extents...);
}

/// A writable row-major matrix or vector as an output of evaluate_into.
template <class Derived>
auto output(Eigen::DenseBase<Derived>& m) {
    static_assert(bool(Eigen::internal::traits<Derived>::Flags & Eigen::LvalueBit), "leibniz::output: the Eigen object is read-only");
    eval::eigen_detail::require_row_major<Derived>();
    eval::eigen_detail::require_contiguous(m);
    using T = typename Derived::Scalar;
    const std::span<T> s(m.derived().data(), static_cast<std::size_t>(m.size()));
    if constexpr (Derived::IsVectorAtCompileTime) return output(s, m.size());
    else return output(s, m.rows(), m.cols());
}

/// Contractions through Eigen: C = alpha op(A) op(B), y = alpha op(A) x,
/// a · b, C = alpha a b^T (all arrays row-major, op a transpose or not).
struct eigen_backend {
    static constexpr bool contractions = true;

    template <class T>
    using matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    template <class T>
    using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
    static Eigen::Index ix(std::size_t n) { return static_cast<Eigen::Index>(n); }

    template <bool TA, bool TB, class T>
    static void gemm(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a, const T* b, T* c) {
        Eigen::Map<matrix<T>> C(c, ix(m), ix(n));
        Eigen::Map<const matrix<T>> A(a, ix(TA ? k : m), ix(TA ? m : k));
        Eigen::Map<const matrix<T>> B(b, ix(TB ? n : k), ix(TB ? k : n));
        if constexpr (!TA && !TB) C.noalias() = alpha * A * B;
        else if constexpr (TA && !TB) C.noalias() = alpha * A.transpose() * B;
        else if constexpr (!TA && TB) C.noalias() = alpha * A * B.transpose();
        else C.noalias() = alpha * A.transpose() * B.transpose();
    }
    template <bool TA, class T>
    static void gemv(std::size_t m, std::size_t k, T alpha, const T* a, const T* x, T* y) {
        Eigen::Map<vector<T>> Y(y, ix(m));
        Eigen::Map<const vector<T>> X(x, ix(k));
        Eigen::Map<const matrix<T>> A(a, ix(TA ? k : m), ix(TA ? m : k));
        if constexpr (TA) Y.noalias() = alpha * A.transpose() * X;
        else Y.noalias() = alpha * A * X;
    }
    template <class T>
    static T dot(std::size_t k, const T* a, const T* b) {
        return Eigen::Map<const vector<T>>(a, ix(k)).dot(Eigen::Map<const vector<T>>(b, ix(k)));
    }
    template <class T>
    static void outer(std::size_t m, std::size_t n, T alpha, const T* a, const T* b, T* c) {
        Eigen::Map<matrix<T>> C(c, ix(m), ix(n));
        C.noalias() = alpha * Eigen::Map<const vector<T>>(a, ix(m)) * Eigen::Map<const vector<T>>(b, ix(n)).transpose();
    }
};

/// Pass to evaluate_into to compute matrix products with Eigen.
inline constexpr eigen_backend eigen_contractions{};

}  // namespace leibniz
