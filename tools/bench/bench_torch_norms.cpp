// Batch norm + ReLU and LayerNorm backward: leibniz (evaluate_into and the
// emitted kernel, both from the statistics the forward pass saved) against
// PyTorch's native backward kernels, on the same inputs, single-threaded.
//
// Batch norm (B x M, statistics per column): PyTorch's time is
// threshold_backward (the ReLU's mask, from the saved output H) plus
// native_batch_norm_backward (from the saved mean and 1/sqrt(v + ε));
// leibniz's kernels compute the mask themselves from Y, m and v. bn_torch_bn
// is native_batch_norm_backward alone, for reference; bn_copy memcpys the
// traffic of the gradients (as in bench_batchnorm.cpp: Y and ∂ℓ/∂H read, ∂ℓ/∂Y
// written, six vectors of M), the bandwidth baseline.
//
// LayerNorm (T x D, statistics per row): native_layer_norm_backward from the
// saved mean and rstd; leibniz from the saved mean and variance.
#include <cstring>

#include <derivations/batchnorm.hpp>
#include <derivations/models.hpp>
#include <leibniz/leibniz.hpp>

#include "bench_torch.hpp"
#include "bn_saved.hpp"
#include "ln_saved.hpp"

namespace {
namespace bn = leibniz::derivations::batchnorm;
namespace md = leibniz::derivations::models;
using namespace torch_bench;

template <class T>
struct bn_problem {
    using value_type = T;
    std::size_t B, M;
    T eps = T(1e-5);
    std::vector<T> Y, G, gamma, beta, mean, var, dY, dgamma, dbeta;
    std::vector<char> copy_from, copy_to;  // the memcpy baseline: half of traffic() each
    at::Tensor tY, tG, tgamma, tbeta, H, save_mean, save_invstd;
    bn_problem(std::size_t b, std::size_t m)
        : B(b), M(m), Y(random<T>(b * m, 1.5, 0.3, 7)), G(random<T>(b * m, 1, 0, 8)), gamma(random<T>(m, 0.3, 1, 9)),
          beta(random<T>(m, 0.2, 0, 10)), mean(m), var(m), dY(b * m), dgamma(m), dbeta(m),
          copy_from(std::size_t(traffic() / 2), 1), copy_to(copy_from.size(), 0) {
        tY = tensor(Y, {int64_t(B), int64_t(M)});
        tG = tensor(G, {int64_t(B), int64_t(M)});
        tgamma = tensor(gamma, {int64_t(M)});
        tbeta = tensor(beta, {int64_t(M)});
        at::Tensor out;
        std::tie(out, save_mean, save_invstd) = at::native_batch_norm(tY, tgamma, tbeta, {}, {}, true, 0.0, double(eps));
        H = at::relu(out);
        // leibniz gets the same mean, and the biased variance
        at::Tensor v = (tY.to(at::kDouble) - tY.to(at::kDouble).mean(0)).pow(2).mean(0).to(scalar_type<T>);
        std::memcpy(mean.data(), save_mean.data_ptr<T>(), M * sizeof(T));
        std::memcpy(var.data(), v.data_ptr<T>(), M * sizeof(T));
    }
    double traffic() const { return (3.0 * double(B * M) + 6.0 * double(M)) * sizeof(T); }
    std::vector<std::pair<const char*, const std::vector<T>*>> results() const {
        return {{"dY", &dY}, {"dgamma", &dgamma}, {"dbeta", &dbeta}};
    }
};

template <class T>
void bn_leibniz_eval(bn_problem<T>& p) {
    using namespace leibniz;
    using E = bn::engine<bn::inside>;
    evaluate_into(into(output(p.dgamma, p.M), E::dgamma, over(bn::j)), into(output(p.dbeta, p.M), E::dbeta, over(bn::j)),
                  into(output(p.dY, p.B, p.M), E::dY, over(bn::s, bn::t)), bn::Y = view(p.Y, p.B, p.M),
                  bn::gamma = view(p.gamma, p.M), bn::beta = view(p.beta, p.M), bn::dH = view(p.G, p.B, p.M),
                  bn::m = view(p.mean, p.M), bn::v = view(p.var, p.M), bn::eps = p.eps);
}
template <class T>
void bn_leibniz_emitted(bn_problem<T>& p) {
    torch_bench::bn_relu_backward<T>(p.B, p.M, p.Y.data(), p.beta.data(), p.G.data(), p.eps, p.gamma.data(), p.mean.data(),
                                     p.var.data(), p.dY.data(), p.dgamma.data(), p.dbeta.data());
}
template <class T>
std::vector<at::Tensor> bn_torch_only_bn(bn_problem<T>& p, const at::Tensor& grad) {
    auto [dY, dgamma, dbeta] = at::native_batch_norm_backward(grad, p.tY, p.tgamma, {}, {}, p.save_mean, p.save_invstd, true,
                                                              double(p.eps), {true, true, true});
    return {dY, dgamma, dbeta};
}
template <class T>
std::vector<at::Tensor> bn_torch_relu_bn(bn_problem<T>& p) {
    return bn_torch_only_bn(p, at::threshold_backward(p.tG, p.H, 0));
}

template <class T>
struct ln_problem {
    using value_type = T;
    std::size_t T_, D;
    T eps = T(1e-5);
    std::vector<T> X, G, gamma, beta, mean, var, dX, dgamma, dbeta;
    at::Tensor tX, tG, tgamma, tbeta, save_mean, save_rstd;
    ln_problem(std::size_t t, std::size_t d)
        : T_(t), D(d), X(random<T>(t * d, 1.5, 0.3, 11)), G(random<T>(t * d, 1, 0, 12)), gamma(random<T>(d, 0.3, 1, 13)),
          beta(random<T>(d, 0.2, 0, 14)), mean(t), var(t), dX(t * d), dgamma(d), dbeta(d) {
        tX = tensor(X, {int64_t(T_), int64_t(D)});
        tG = tensor(G, {int64_t(T_), int64_t(D)});
        tgamma = tensor(gamma, {int64_t(D)});
        tbeta = tensor(beta, {int64_t(D)});
        at::Tensor out;
        std::tie(out, save_mean, save_rstd) = at::native_layer_norm(tX, {int64_t(D)}, tgamma, tbeta, double(eps));
        at::Tensor x = tX.to(at::kDouble);
        at::Tensor v = (x - x.mean(1, true)).pow(2).mean(1).to(scalar_type<T>);
        std::memcpy(mean.data(), save_mean.contiguous().data_ptr<T>(), T_ * sizeof(T));
        std::memcpy(var.data(), v.data_ptr<T>(), T_ * sizeof(T));
    }
    std::vector<std::pair<const char*, const std::vector<T>*>> results() const {
        return {{"dX", &dX}, {"dgamma", &dgamma}, {"dbeta", &dbeta}};
    }
};

template <class T>
void ln_leibniz_eval(ln_problem<T>& p) {
    using namespace leibniz;
    constexpr auto& prog = md::layer_norm::program;
    evaluate_into(into(output(p.dX, p.T_, p.D), gradient<0>(prog), over(md::s, md::b)),
                  into(output(p.dgamma, p.D), gradient<1>(prog), over(md::b)),
                  into(output(p.dbeta, p.D), gradient<2>(prog), over(md::b)), md::X = view(p.X, p.T_, p.D),
                  md::G = view(p.G, p.T_, p.D), md::gamma1 = view(p.gamma, p.D), md::beta1 = view(p.beta, p.D),
                  md::mu1 = view(p.mean, p.T_), md::var1 = view(p.var, p.T_), md::eps = p.eps);
}
template <class T>
void ln_leibniz_emitted(ln_problem<T>& p) {
    torch_bench::layer_norm_backward<T>(p.D, p.T_, p.G.data(), p.X.data(), p.eps, p.gamma.data(), p.mean.data(), p.var.data(),
                                        p.dX.data(), p.dgamma.data(), p.dbeta.data());
}
template <class T>
std::vector<at::Tensor> ln_torch_backward(ln_problem<T>& p) {
    auto [dX, dgamma, dbeta] = at::native_layer_norm_backward(p.tG, p.tX, {int64_t(p.D)}, p.save_mean, p.save_rstd, p.tgamma,
                                                              p.tbeta, {true, true, true});
    return {dX, dgamma, dbeta};
}

template <class T>
void add_all() {
    const auto sizes = {std::pair<int64_t, int64_t>{32, 64}, {256, 1024}, {4096, 1024}};
    for (auto [r, c] : {std::pair<std::size_t, std::size_t>{32, 64}, {256, 1024}, {5, 3}}) {
        check<bn_problem<T>>("batch norm", r, c, {bn_leibniz_eval<T>, bn_leibniz_emitted<T>}, bn_torch_relu_bn<T>);
        check<ln_problem<T>>("LayerNorm", r, c, {ln_leibniz_eval<T>, ln_leibniz_emitted<T>}, ln_torch_backward<T>);
    }
    add<bn_problem<T>>("bn_leibniz", bn_leibniz_eval<T>, sizes);
    add<bn_problem<T>>("bn_emitted", bn_leibniz_emitted<T>, sizes);
    add<bn_problem<T>>("bn_torch", [](bn_problem<T>& p) { benchmark::DoNotOptimize(bn_torch_relu_bn(p)); }, sizes);
    add<bn_problem<T>>("bn_torch_bn", [](bn_problem<T>& p) { benchmark::DoNotOptimize(bn_torch_only_bn(p, p.tG)); }, sizes);
    // memcpy of half the traffic, so that it too moves traffic() bytes
    add<bn_problem<T>>("bn_copy", [](bn_problem<T>& p) {
        std::memcpy(p.copy_to.data(), p.copy_from.data(), p.copy_to.size());
        benchmark::DoNotOptimize(p.copy_to.data());
    }, sizes);
    add<ln_problem<T>>("ln_leibniz", ln_leibniz_eval<T>, sizes);
    add<ln_problem<T>>("ln_emitted", ln_leibniz_emitted<T>, sizes);
    add<ln_problem<T>>("ln_torch", [](ln_problem<T>& p) { benchmark::DoNotOptimize(ln_torch_backward(p)); }, sizes);
}

// small, in cache, out of cache (96 MiB of Y, dl/dH and dl/dY in double); checked first
[[maybe_unused]] const bool registered = register_all({add_all<double>, add_all<float>});

}  // namespace
