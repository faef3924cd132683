// An independent forward pass of batch normalization + ReLU with the loss
// ℓ = Σ_kl G_kl H_kl (so ∂ℓ/∂H = G), for finite-difference checks of the
// engine's gradients. Written out by hand, not derived.
#pragma once
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace bn_forward {

struct batch {
    int B = 0, M = 0;
    std::vector<double> Y, gamma, beta, G;
    double eps = 1e-3;
    bool eps_inside = true;  ///< sqrt(v + ε), else sqrt(v) + ε
};

inline batch random_batch(int B, int M, unsigned seed, bool eps_inside) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n;
    batch b{B, M, std::vector<double>(std::size_t(B * M)), std::vector<double>(std::size_t(M)),
            std::vector<double>(std::size_t(M)), std::vector<double>(std::size_t(B * M)), 1e-3, eps_inside};
    for (double& x : b.Y) x = 1.5 * n(rng) + 0.3;
    for (double& x : b.G) x = n(rng);
    for (double& x : b.gamma) x = 1.0 + 0.5 * n(rng);
    for (double& x : b.beta) x = 0.2 * n(rng);
    return b;
}

inline double mean(const batch& b, int l) {
    double m = 0;
    for (int i = 0; i < b.B; ++i) m += b.Y[std::size_t(i * b.M + l)];
    return m / b.B;
}
inline double variance(const batch& b, int l, double m) {
    double v = 0;
    for (int i = 0; i < b.B; ++i) v += (b.Y[std::size_t(i * b.M + l)] - m) * (b.Y[std::size_t(i * b.M + l)] - m);
    return v / b.B;
}

/// ℓ with the batch statistics given (m, v held as inputs when not null).
inline double loss(const batch& b, const std::vector<double>* m_in = nullptr, const std::vector<double>* v_in = nullptr) {
    double L = 0;
    for (int l = 0; l < b.M; ++l) {
        double m = m_in ? (*m_in)[std::size_t(l)] : mean(b, l);
        double v = v_in ? (*v_in)[std::size_t(l)] : variance(b, l, mean(b, l));
        double norm = b.eps_inside ? std::sqrt(v + b.eps) : std::sqrt(v) + b.eps;
        for (int k = 0; k < b.B; ++k) {
            double yh = b.gamma[std::size_t(l)] * (b.Y[std::size_t(k * b.M + l)] - m) / norm + b.beta[std::size_t(l)];
            L += b.G[std::size_t(k * b.M + l)] * std::max(yh, 0.0);
        }
    }
    return L;
}

/// Central difference of f with respect to x[at].
template <class F>
double central(std::vector<double>& x, std::size_t at, F f, double h = 1e-6) {
    const double keep = x[at];
    x[at] = keep + h;
    const double up = f();
    x[at] = keep - h;
    const double down = f();
    x[at] = keep;
    return (up - down) / (2 * h);
}

inline double relative_error(double got, double want) {
    return std::abs(got - want) / std::max(1.0, std::abs(want));
}

}  // namespace bn_forward
