// Plain C++ forward passes of derivations/models.hpp, written independently
// of the engine, with central differences, for checking every gradient.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <random>
#include <vector>

namespace models_forward {

using vec = std::vector<double>;

/// Shapes and every input and parameter of the transformer-style block
/// (the smaller models use a subset).
struct block {
    int T = 0, D = 0, F = 0;
    double eps = 1e-3;
    vec X, G, gamma1, beta1, Wq, Wk, Wv, gamma2, beta2, W1, b1, W2, b2;
};

inline block random_block(int T, int D, int F, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    auto fill = [&](std::size_t n, double scale, double shift = 0) {
        vec v(n);
        for (double& x : v) x = shift + scale * u(gen);
        return v;
    };
    block b;
    b.T = T;
    b.D = D;
    b.F = F;
    const std::size_t t = std::size_t(T), d = std::size_t(D), f = std::size_t(F);
    b.X = fill(t * d, 1.0);
    b.G = fill(t * d, 1.0);
    b.gamma1 = fill(d, 0.5, 1.0);
    b.beta1 = fill(d, 0.5);
    b.Wq = fill(d * d, 0.7);
    b.Wk = fill(d * d, 0.7);
    b.Wv = fill(d * d, 0.7);
    b.gamma2 = fill(d, 0.5, 1.0);
    b.beta2 = fill(d, 0.5);
    b.W1 = fill(d * f, 0.7);
    b.b1 = fill(f, 0.5);
    b.W2 = fill(f * d, 0.7);
    b.b2 = fill(d, 0.5);
    return b;
}

/// Row-wise LayerNorm of x (rows × D).
inline vec layer_norm(const vec& x, int rows, int D, const vec& gamma, const vec& beta, double eps) {
    vec z(x.size());
    for (int s = 0; s < rows; ++s) {
        double mean = 0, var = 0;
        for (int a = 0; a < D; ++a) mean += x[std::size_t(s * D + a)];
        mean /= D;
        for (int a = 0; a < D; ++a) var += (x[std::size_t(s * D + a)] - mean) * (x[std::size_t(s * D + a)] - mean);
        var /= D;
        for (int a = 0; a < D; ++a)
            z[std::size_t(s * D + a)] = gamma[std::size_t(a)] * (x[std::size_t(s * D + a)] - mean) / std::sqrt(var + eps) + beta[std::size_t(a)];
    }
    return z;
}

/// x (rows × n) times w (n × m).
inline vec matmul(const vec& x, const vec& w, int rows, int n, int m) {
    vec y(std::size_t(rows * m), 0.0);
    for (int s = 0; s < rows; ++s)
        for (int k = 0; k < n; ++k)
            for (int j = 0; j < m; ++j) y[std::size_t(s * m + j)] += x[std::size_t(s * n + k)] * w[std::size_t(k * m + j)];
    return y;
}

/// softmax(Q Kᵀ) V + X on LayerNorm(X).
inline vec attention(const block& b) {
    const int T = b.T, D = b.D;
    vec z = layer_norm(b.X, T, D, b.gamma1, b.beta1, b.eps);
    vec q = matmul(z, b.Wq, T, D, D), k = matmul(z, b.Wk, T, D, D), v = matmul(z, b.Wv, T, D, D);
    vec out = b.X;
    for (int s = 0; s < T; ++s) {
        vec score(static_cast<std::size_t>(T), 0.0);
        double top = -1e300;
        for (int t = 0; t < T; ++t) {
            double acc = 0;
            for (int e = 0; e < D; ++e) acc += q[std::size_t(s * D + e)] * k[std::size_t(t * D + e)];
            score[std::size_t(t)] = acc;
            top = std::max(top, acc);
        }
        double total = 0;
        for (double& x : score) total += (x = std::exp(x - top));
        for (int a = 0; a < D; ++a)
            for (int t = 0; t < T; ++t) out[std::size_t(s * D + a)] += score[std::size_t(t)] / total * v[std::size_t(t * D + a)];
    }
    return out;
}

/// relu(x W1 + b1) W2 + b2 + skip (tanh in place of relu with use_tanh).
inline vec mlp(const block& b, const vec& x, const vec& skip, bool use_tanh = false) {
    const int T = b.T, D = b.D, F = b.F;
    vec h = matmul(x, b.W1, T, D, F);
    for (int s = 0; s < T; ++s)
        for (int f = 0; f < F; ++f) {
            double u = h[std::size_t(s * F + f)] + b.b1[std::size_t(f)];
            h[std::size_t(s * F + f)] = use_tanh ? std::tanh(u) : std::max(0.0, u);
        }
    vec o = matmul(h, b.W2, T, F, D);
    for (int s = 0; s < T; ++s)
        for (int a = 0; a < D; ++a) o[std::size_t(s * D + a)] += b.b2[std::size_t(a)] + skip[std::size_t(s * D + a)];
    return o;
}

inline vec transformer(const block& b) {
    vec r = attention(b);
    return mlp(b, layer_norm(r, b.T, b.D, b.gamma2, b.beta2, b.eps), r);
}

/// (SiLU(N W1) ⊙ (N W3)) W2 + X on N = RMSNorm(X) with gain g: the weights
/// of the SwiGLU block are W1, W3 (D × F) and W2 (F × D).
inline vec rms_swiglu(const block& b, const vec& g, const vec& W3) {
    const int T = b.T, D = b.D, F = b.F;
    vec n(b.X.size());
    for (int s = 0; s < T; ++s) {
        double squares = 0;
        for (int a = 0; a < D; ++a) squares += b.X[std::size_t(s * D + a)] * b.X[std::size_t(s * D + a)];
        const double rho = std::sqrt(squares / D + b.eps);
        for (int a = 0; a < D; ++a) n[std::size_t(s * D + a)] = g[std::size_t(a)] * b.X[std::size_t(s * D + a)] / rho;
    }
    vec u = matmul(n, b.W1, T, D, F), v = matmul(n, W3, T, D, F), h(u.size());
    for (std::size_t i = 0; i != h.size(); ++i) h[i] = u[i] / (1 + std::exp(-u[i])) * v[i];
    vec o = matmul(h, b.W2, T, F, D);
    for (std::size_t i = 0; i != o.size(); ++i) o[i] += b.X[i];
    return o;
}

/// ℓ with ∂ℓ/∂O = G: the linear loss Σ G ⊙ O.
inline double linear_loss(const vec& o, const vec& G) {
    double l = 0;
    for (std::size_t i = 0; i != o.size(); ++i) l += G[i] * o[i];
    return l;
}

/// Central difference of f with respect to v[at].
inline double central(vec& v, std::size_t at, const std::function<double()>& f, double h = 1e-6) {
    double keep = v[at];
    v[at] = keep + h;
    double up = f();
    v[at] = keep - h;
    double down = f();
    v[at] = keep;
    return (up - down) / (2 * h);
}

/// The largest relative difference between an evaluated gradient and central
/// differences of f over every entry of v.
inline double worst_relative_error(const vec& grad, vec& v, const std::function<double()>& f) {
    double worst = 0;
    for (std::size_t i = 0; i != v.size(); ++i) {
        double fd = central(v, i, f);
        worst = std::max(worst, std::abs(grad[i] - fd) / std::max(1.0, std::abs(fd)));
    }
    return worst;
}

/// Random entries in [-scale, scale].
inline vec random_vec(std::size_t n, std::mt19937& gen, double scale = 1.0) {
    std::uniform_real_distribution<double> u(-scale, scale);
    vec v(n);
    for (double& x : v) x = u(gen);
    return v;
}

inline double logistic(double a) { return 1 / (1 + std::exp(-a)); }

/// A GRU cell (weights row-major [H x N] and [H x H]): the new state h'.
struct gru_cell {
    int N = 0, H = 0;
    vec x, h, Wz, Uz, Wr, Ur, Wn, Un, G;
};
inline vec gru(const gru_cell& g) {
    const std::size_t N = std::size_t(g.N), H = std::size_t(g.H);
    auto affine = [&](const vec& W, const vec& U, std::size_t j, const vec& hin) {
        double a = 0;
        for (std::size_t i = 0; i != N; ++i) a += W[j * N + i] * g.x[i];
        for (std::size_t k = 0; k != H; ++k) a += U[j * H + k] * hin[k];
        return a;
    };
    vec r(H), rh(H), out(H);
    for (std::size_t j = 0; j != H; ++j) r[j] = logistic(affine(g.Wr, g.Ur, j, g.h));
    for (std::size_t k = 0; k != H; ++k) rh[k] = r[k] * g.h[k];
    for (std::size_t j = 0; j != H; ++j) {
        double z = logistic(affine(g.Wz, g.Uz, j, g.h));
        double n = std::tanh(affine(g.Wn, g.Un, j, rh));
        out[j] = (1 - z) * g.h[j] + z * n;
    }
    return out;
}

/// Multi-head causal self-attention with a residual: weights [NH x D x E]
/// (Wq, Wk, Wv) and [NH x E x D] (Wo), mask M [T x T]; O = X + Σ_heads A Wo.
struct causal_block {
    int T = 0, D = 0, NH = 0, E = 0;
    vec X, M, Y, Wq, Wk, Wv, Wo;
};
inline vec causal_attention(const causal_block& c) {
    const std::size_t T = std::size_t(c.T), D = std::size_t(c.D), NH = std::size_t(c.NH), E = std::size_t(c.E);
    vec O = c.X;
    for (std::size_t h = 0; h != NH; ++h) {
        auto project = [&](const vec& W) {
            vec r(T * E);
            for (std::size_t s = 0; s != T; ++s)
                for (std::size_t e = 0; e != E; ++e)
                    for (std::size_t a = 0; a != D; ++a) r[s * E + e] += c.X[s * D + a] * W[(h * D + a) * E + e];
            return r;
        };
        const vec q = project(c.Wq), k = project(c.Wk), v = project(c.Wv);
        for (std::size_t s = 0; s != T; ++s) {
            vec w(T);
            double top = -INFINITY, z = 0;
            for (std::size_t t = 0; t != T; ++t) {
                for (std::size_t e = 0; e != E; ++e) w[t] += q[s * E + e] * k[t * E + e];
                w[t] = w[t] / std::sqrt(double(E)) + c.M[s * T + t];
                top = std::max(top, w[t]);
            }
            for (double& x : w) z += (x = std::exp(x - top));
            for (std::size_t e = 0; e != E; ++e) {
                double a = 0;
                for (std::size_t t = 0; t != T; ++t) a += w[t] / z * v[t * E + e];
                for (std::size_t b = 0; b != D; ++b) O[s * D + b] += a * c.Wo[(h * E + e) * D + b];
            }
        }
    }
    return O;
}

/// ½ Σ (O - Y)².
inline double squared_error(const vec& o, const vec& y) {
    double l = 0;
    for (std::size_t i = 0; i != o.size(); ++i) l += 0.5 * (o[i] - y[i]) * (o[i] - y[i]);
    return l;
}

/// Cross-entropy -Σ_k y_k log softmax(o)_k of the logits o = W2 GELU(W1 x + b1).
inline double gelu_classifier_loss(const vec& x, const vec& y, const vec& W1, const vec& b1, const vec& W2) {
    const std::size_t N = x.size(), H = b1.size(), C = y.size();
    vec act(H), o(C);
    for (std::size_t j = 0; j != H; ++j) {
        double a = b1[j];
        for (std::size_t i = 0; i != N; ++i) a += W1[j * N + i] * x[i];
        act[j] = 0.5 * a * (1 + std::erf(a / std::sqrt(2.0)));
    }
    double top = -INFINITY;
    for (std::size_t k = 0; k != C; ++k) {
        for (std::size_t j = 0; j != H; ++j) o[k] += W2[k * H + j] * act[j];
        top = std::max(top, o[k]);
    }
    double z = 0;
    for (double v : o) z += std::exp(v - top);
    double l = 0;
    for (std::size_t k = 0; k != C; ++k) l -= y[k] * (o[k] - top - std::log(z));
    return l;
}

}  // namespace models_forward
