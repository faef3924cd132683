// The symbols, data, counting backend and checks shared by
// array_contractions.cpp (double) and array_contractions_float.cpp: each
// expression computed by the loops, by Eigen, by a backend that counts what it
// is handed, and point by point, compared.
#pragma once
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include <leibniz/eigen.hpp>
#include <leibniz/leibniz.hpp>

namespace contraction_test {
using namespace leibniz;
using namespace leibniz::literals;


constexpr auto I = extent<"I">();
constexpr auto J = extent<"J">();
constexpr auto N = extent<"N">();
constexpr auto i = index<"i">(I);
constexpr auto j = index<"j">(J);
constexpr auto n = index<"n">(N);
constexpr auto W = tensor<"W">(I, J);
constexpr auto V = tensor<"V">(J, I);
constexpr auto A = tensor<"A">(N, I);
constexpr auto Bt = tensor<"Bt">(N, J);
constexpr auto C = tensor<"C">(I, N);
constexpr auto x = tensor<"x">(J);
constexpr auto a = tensor<"a">(I);
constexpr auto b = tensor<"b">(J);

/// A backend that counts what it is handed and computes it with plain loops.
struct counting_backend {
    static constexpr bool contractions = true;
    static inline int gemms = 0, gemvs = 0, dots = 0, outers = 0;
    template <bool TA, bool TB, class T>
    static void gemm(std::size_t m, std::size_t nn, std::size_t k, T alpha, const T* pa, const T* pb, T* pc) {
        ++gemms;
        for (std::size_t r = 0; r != m; ++r)
            for (std::size_t c = 0; c != nn; ++c) {
                T s = 0;
                for (std::size_t q = 0; q != k; ++q) s += (TA ? pa[q * m + r] : pa[r * k + q]) * (TB ? pb[c * k + q] : pb[q * nn + c]);
                pc[r * nn + c] = alpha * s;
            }
    }
    template <bool TA, class T>
    static void gemv(std::size_t m, std::size_t k, T alpha, const T* pa, const T* px, T* py) {
        ++gemvs;
        for (std::size_t r = 0; r != m; ++r) {
            T s = 0;
            for (std::size_t q = 0; q != k; ++q) s += (TA ? pa[q * m + r] : pa[r * k + q]) * px[q];
            py[r] = alpha * s;
        }
    }
    template <class T>
    static T dot(std::size_t k, const T* pa, const T* pb) {
        ++dots;
        T s = 0;
        for (std::size_t q = 0; q != k; ++q) s += pa[q] * pb[q];
        return s;
    }
    template <class T>
    static void outer(std::size_t m, std::size_t nn, T alpha, const T* pa, const T* pb, T* pc) {
        ++outers;
        for (std::size_t r = 0; r != m; ++r)
            for (std::size_t c = 0; c != nn; ++c) pc[r * nn + c] = alpha * pa[r] * pb[c];
    }
};

template <class T>
std::vector<T> random(std::size_t size, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> nd;
    std::vector<T> v(size);
    for (T& e : v) e = static_cast<T>(nd(rng));
    return v;
}

template <class T>
struct data {
    std::size_t ni = 5, nj = 7, nn = 4;
    std::vector<T> w = random<T>(ni * nj, 1), v = random<T>(nj * ni, 2), pa = random<T>(nn * ni, 3), pb = random<T>(nn * nj, 4),
                   pc = random<T>(ni * nn, 5), px = random<T>(nj, 6), va = random<T>(ni, 7), vb = random<T>(nj, 8);
};

/// The expression's values by the loops, by Eigen, by the counting backend
/// and point by point, compared.
template <class T, class E, class... Over>
void check_all_ways(E e, const data<T>& d, std::vector<std::size_t> shape, Over... idx) {
    std::size_t size = 1;
    for (std::size_t s : shape) size *= s;
    std::vector<T> loops(size), eigen(size), counted(size);
    auto binds = [&](auto&&... extra) {
        return std::tuple{W = view(d.w, d.ni, d.nj), V = view(d.v, d.nj, d.ni), A = view(d.pa, d.nn, d.ni), Bt = view(d.pb, d.nn, d.nj),
                          C = view(d.pc, d.ni, d.nn),  x = view(d.px, d.nj),         a = view(d.va, d.ni),     b = view(d.vb, d.nj),
                          extra...};
    };
    std::apply([&](auto... bs) { evaluate_into(e, loops, bs..., over(idx...)); }, binds());
    std::apply([&](auto... bs) { evaluate_into(e, eigen, bs..., over(idx...), eigen_contractions); }, binds());
    std::apply([&](auto... bs) { evaluate_into(e, counted, bs..., over(idx...), counting_backend{}); }, binds());
    const double tol = sizeof(T) == 4 ? 1e-5 : 1e-13;
    for (std::size_t q = 0; q != size; ++q) {
        CHECK(double(eigen[q]) == Approx(double(loops[q])).epsilon(tol).margin(tol));
        CHECK(double(counted[q]) == Approx(double(loops[q])).epsilon(tol).margin(tol));
    }
    // point by point, in double
    std::vector<int> at_(shape.size(), 0);
    for (std::size_t q = 0; q != size; ++q) {
        std::size_t rest = q;
        for (std::size_t r = shape.size(); r-- > 0;) {
            at_[r] = static_cast<int>(rest % shape[r]) + 1;
            rest /= shape[r];
        }
        double want = [&]<std::size_t... R>(std::index_sequence<R...>) {
            return std::apply([&](auto... bs) { return evaluate<double>(e, bs..., at((idx = at_[R])...)); }, binds());
        }(std::index_sequence_for<Over...>{});
        CHECK(double(loops[q]) == Approx(want).epsilon(sizeof(T) == 4 ? 1e-4 : 1e-13).margin(sizeof(T) == 4 ? 1e-4 : 1e-13));
    }
}

}  // namespace contraction_test
