// Attention block backward (derivations/models.hpp: LayerNorm, Q/K/V
// projections, softmax(Q Kᵀ) V, residual): all six gradients (X, W^Q, W^K,
// W^V, γ, β) by leibniz's array evaluator from the program of adjoints,
// against a backward pass written by hand with plain loops. Both compute the
// forward pass from the inputs and then the backward pass, single-threaded,
// in double.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include <derivations/models.hpp>
#include <leibniz/eigen.hpp>

namespace {
namespace md = leibniz::derivations::models;
using vec = std::vector<double>;

struct problem {
    std::size_t T, D;
    double eps = 1e-5;
    vec X, G, gamma, beta, Wq, Wk, Wv;
    vec dX, dWq, dWk, dWv, dgamma, dbeta;
    problem(std::size_t t, std::size_t d) : T(t), D(d) {
        std::mt19937 rng(5);
        std::normal_distribution<double> nd;
        auto fill = [&](vec& v, std::size_t n, double scale, double shift = 0) {
            v.resize(n);
            for (double& e : v) e = shift + scale * nd(rng);
        };
        fill(X, T * D, 1.0);
        fill(G, T * D, 1.0);
        fill(gamma, D, 0.1, 1.0);
        fill(beta, D, 0.1);
        fill(Wq, D * D, 1.0 / std::sqrt(double(D)));
        fill(Wk, D * D, 1.0 / std::sqrt(double(D)));
        fill(Wv, D * D, 1.0 / std::sqrt(double(D)));
        dX.resize(T * D);
        dWq.resize(D * D);
        dWk.resize(D * D);
        dWv.resize(D * D);
        dgamma.resize(D);
        dbeta.resize(D);
    }
};

/// With Backend = leibniz::eigen_contractions the plan's matrix products go
/// to Eigen's GEMM; by default they are loop nests of the plan.
template <class... Backend>
void leibniz_backward(problem& p, Backend... backend) {
    using leibniz::into, leibniz::output, leibniz::over, leibniz::view, leibniz::gradient;
    constexpr auto prog = md::attention::program;
    const std::size_t T = p.T, D = p.D;
    leibniz::evaluate_into(into(output(p.dX, T, D), gradient<0>(prog), over(md::s, md::b)),
                           into(output(p.dWq, D, D), gradient<1>(prog), over(md::a, md::b)),
                           into(output(p.dWk, D, D), gradient<2>(prog), over(md::a, md::b)),
                           into(output(p.dWv, D, D), gradient<3>(prog), over(md::a, md::b)),
                           into(output(p.dgamma, D), gradient<4>(prog), over(md::b)),
                           into(output(p.dbeta, D), gradient<5>(prog), over(md::b)), md::X = view(p.X, T, D),
                           md::G = view(p.G, T, D), md::gamma1 = view(p.gamma, D), md::beta1 = view(p.beta, D),
                           md::eps = p.eps, md::Wq = view(p.Wq, D, D), md::Wk = view(p.Wk, D, D), md::Wv = view(p.Wv, D, D),
                           backend...);
}

/// c (n × m) = a (n × k) b (k × m), or with a or b read transposed.
void matmul(const double* a, const double* b, double* c, std::size_t n, std::size_t k, std::size_t m, bool ta, bool tb) {
    std::fill(c, c + n * m, 0.0);
    for (std::size_t i = 0; i != n; ++i)
        for (std::size_t l = 0; l != k; ++l) {
            double x = ta ? a[l * n + i] : a[i * k + l];
            double* row = c + i * m;
            if (tb)
                for (std::size_t j = 0; j != m; ++j) row[j] += x * b[j * k + l];
            else
                for (std::size_t j = 0; j != m; ++j) row[j] += x * b[l * m + j];
        }
}

/// The backward pass as one writes it by hand, forward quantities kept.
struct hand {
    vec xhat, Z, Q, K, V, P, dP, dS, dQ, dK, dV, dZ, tmp, rstd;
    void run(problem& p) {
        const std::size_t T = p.T, D = p.D;
        xhat.resize(T * D), Z.resize(T * D), Q.resize(T * D), K.resize(T * D), V.resize(T * D);
        P.resize(T * T), dP.resize(T * T), dS.resize(T * T);
        dQ.resize(T * D), dK.resize(T * D), dV.resize(T * D), dZ.resize(T * D), tmp.resize(T * D), rstd.resize(T);
        for (std::size_t s = 0; s != T; ++s) {
            double mean = 0, var = 0;
            for (std::size_t a = 0; a != D; ++a) mean += p.X[s * D + a];
            mean /= double(D);
            for (std::size_t a = 0; a != D; ++a) var += (p.X[s * D + a] - mean) * (p.X[s * D + a] - mean);
            rstd[s] = 1.0 / std::sqrt(var / double(D) + p.eps);
            for (std::size_t a = 0; a != D; ++a) {
                xhat[s * D + a] = (p.X[s * D + a] - mean) * rstd[s];
                Z[s * D + a] = p.gamma[a] * xhat[s * D + a] + p.beta[a];
            }
        }
        matmul(Z.data(), p.Wq.data(), Q.data(), T, D, D, false, false);
        matmul(Z.data(), p.Wk.data(), K.data(), T, D, D, false, false);
        matmul(Z.data(), p.Wv.data(), V.data(), T, D, D, false, false);
        matmul(Q.data(), K.data(), P.data(), T, D, T, false, true);
        for (std::size_t s = 0; s != T; ++s) {
            double* row = P.data() + s * T;
            double top = *std::max_element(row, row + T), total = 0;
            for (std::size_t t = 0; t != T; ++t) total += (row[t] = std::exp(row[t] - top));
            for (std::size_t t = 0; t != T; ++t) row[t] /= total;
        }
        // backward: dA = G (the residual passes G to X as well)
        matmul(p.G.data(), V.data(), dP.data(), T, D, T, false, true);        // dP = G Vᵀ
        matmul(P.data(), p.G.data(), dV.data(), T, T, D, true, false);        // dV = Pᵀ G
        for (std::size_t s = 0; s != T; ++s) {
            double dot = 0;
            for (std::size_t t = 0; t != T; ++t) dot += dP[s * T + t] * P[s * T + t];
            for (std::size_t t = 0; t != T; ++t) dS[s * T + t] = P[s * T + t] * (dP[s * T + t] - dot);
        }
        matmul(dS.data(), K.data(), dQ.data(), T, T, D, false, false);       // dQ = dS K
        matmul(dS.data(), Q.data(), dK.data(), T, T, D, true, false);        // dK = dSᵀ Q
        matmul(Z.data(), dQ.data(), p.dWq.data(), D, T, D, true, false);     // dWq = Zᵀ dQ
        matmul(Z.data(), dK.data(), p.dWk.data(), D, T, D, true, false);
        matmul(Z.data(), dV.data(), p.dWv.data(), D, T, D, true, false);
        matmul(dQ.data(), p.Wq.data(), dZ.data(), T, D, D, false, true);     // dZ = dQ Wqᵀ + dK Wkᵀ + dV Wvᵀ
        matmul(dK.data(), p.Wk.data(), tmp.data(), T, D, D, false, true);
        for (std::size_t i = 0; i != T * D; ++i) dZ[i] += tmp[i];
        matmul(dV.data(), p.Wv.data(), tmp.data(), T, D, D, false, true);
        for (std::size_t i = 0; i != T * D; ++i) dZ[i] += tmp[i];
        std::fill(p.dgamma.begin(), p.dgamma.end(), 0.0);
        std::fill(p.dbeta.begin(), p.dbeta.end(), 0.0);
        for (std::size_t s = 0; s != T; ++s) {
            double m1 = 0, m2 = 0;
            for (std::size_t a = 0; a != D; ++a) {
                double g = dZ[s * D + a];
                p.dgamma[a] += g * xhat[s * D + a];
                p.dbeta[a] += g;
                m1 += g * p.gamma[a];
                m2 += g * p.gamma[a] * xhat[s * D + a];
            }
            m1 /= double(D);
            m2 /= double(D);
            for (std::size_t a = 0; a != D; ++a)
                p.dX[s * D + a] = p.G[s * D + a] + rstd[s] * (dZ[s * D + a] * p.gamma[a] - m1 - xhat[s * D + a] * m2);
        }
    }
};

/// Both ways agree before anything is timed.
void check(problem& p) {
    static bool done = false;
    if (done) return;
    done = true;
    leibniz_backward(p);
    vec a = p.dX, wq = p.dWq, g = p.dgamma;
    hand h;
    h.run(p);
    double worst = 0;
    for (std::size_t i = 0; i != a.size(); ++i) worst = std::max(worst, std::abs(a[i] - p.dX[i]));
    for (std::size_t i = 0; i != wq.size(); ++i) worst = std::max(worst, std::abs(wq[i] - p.dWq[i]));
    for (std::size_t i = 0; i != g.size(); ++i) worst = std::max(worst, std::abs(g[i] - p.dgamma[i]));
    if (worst > 1e-8) {
        std::fprintf(stderr, "bench_attention: leibniz and the hand-written pass differ by %g\n", worst);
        std::exit(1);
    }
}

void attention_leibniz(benchmark::State& st) {
    problem p(std::size_t(st.range(0)), std::size_t(st.range(1)));
    check(p);
    for (auto _ : st) {
        leibniz_backward(p);
        benchmark::DoNotOptimize(p.dX.data());
    }
}
void attention_leibniz_eigen(benchmark::State& st) {
    problem p(std::size_t(st.range(0)), std::size_t(st.range(1)));
    check(p);
    for (auto _ : st) {
        leibniz_backward(p, leibniz::eigen_contractions);
        benchmark::DoNotOptimize(p.dX.data());
    }
}
void attention_hand(benchmark::State& st) {
    problem p(std::size_t(st.range(0)), std::size_t(st.range(1)));
    check(p);
    hand h;
    for (auto _ : st) {
        h.run(p);
        benchmark::DoNotOptimize(p.dX.data());
    }
}
}  // namespace

BENCHMARK(attention_leibniz)->Args({16, 32})->Args({128, 64})->Unit(benchmark::kMicrosecond);
BENCHMARK(attention_leibniz_eigen)->Args({16, 32})->Args({128, 64})->Unit(benchmark::kMicrosecond);
BENCHMARK(attention_hand)->Args({16, 32})->Args({128, 64})->Unit(benchmark::kMicrosecond);
