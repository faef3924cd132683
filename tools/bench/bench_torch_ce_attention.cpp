// Softmax cross-entropy and the attention block, backward: leibniz against
// PyTorch, on the same inputs, single-threaded.
//
// Softmax cross-entropy (N x K logits, mean over the batch, class labels):
// PyTorch's time is nll_loss_backward then _log_softmax_backward_data (from the
// saved log-softmax); leibniz's kernels (tests/torch/softmax_ce.hpp) start from
// the saved softmax P and the targets as one-hot rows (N x K: more to read than
// PyTorch's N labels).
//
// Attention (derivations/models.hpp: LayerNorm, Q/K/V projections, softmax
// without scale, residual; six gradients): PyTorch's time is its autograd
// backward over the graph the forward recorded (its saved activations);
// leibniz's kernels get only the inputs and recompute the forward's
// intermediates.
#include <cstring>

#include <torch/csrc/autograd/autograd.h>

#include <derivations/models.hpp>
#include <leibniz/leibniz.hpp>

#include "../../tests/torch/softmax_ce.hpp"
#include "attention.hpp"
#include "bench_torch.hpp"
#include "ce_saved.hpp"

namespace {
namespace md = leibniz::derivations::models;
namespace ce = softmax_ce;
using namespace torch_bench;

template <class T>
struct ce_problem {
    using value_type = T;
    std::size_t N, K;
    std::vector<T> H, Ybar, P, dH;
    std::vector<int64_t> labels;
    at::Tensor tH, tlabels, logp, total_weight, one;
    ce_problem(std::size_t n, std::size_t k) : N(n), K(k), H(random<T>(n * k, 2, 0, 21)), Ybar(n * k), P(n * k), dH(n * k), labels(n) {
        std::mt19937 rng(22);
        for (std::size_t r = 0; r != N; ++r) {
            labels[r] = int64_t(rng() % K);
            Ybar[r * K + std::size_t(labels[r])] = T(1);
        }
        tH = tensor(H, {int64_t(N), int64_t(K)});
        tlabels = at::from_blob(labels.data(), {int64_t(N)}, at::TensorOptions().dtype(at::kLong));
        logp = at::log_softmax(tH, 1);
        at::Tensor loss;
        std::tie(loss, total_weight) = at::nll_loss_forward(logp, tlabels, {}, at::Reduction::Mean, -100);
        one = at::ones({}, at::TensorOptions().dtype(scalar_type<T>));
        at::Tensor p = logp.exp();
        std::memcpy(P.data(), p.data_ptr<T>(), N * K * sizeof(T));
    }
    std::vector<std::pair<const char*, const std::vector<T>*>> results() const { return {{"dH", &dH}}; }
};

template <class T>
void ce_leibniz_eval(ce_problem<T>& p) {
    using namespace leibniz;
    evaluate_into(into(output(p.dH, p.N, p.K), ce::dH, over(ce::s, ce::j)), ce::P = view(p.P, p.N, p.K),
                  ce::Ybar = view(p.Ybar, p.N, p.K), ce::g = T(1));
}
template <class T>
void ce_leibniz_emitted(ce_problem<T>& p) {
    torch_bench::softmax_ce_backward<T>(p.K, p.N, p.P.data(), p.Ybar.data(), T(1), p.dH.data());
}
template <class T>
std::vector<at::Tensor> ce_torch_backward(ce_problem<T>& p) {
    at::Tensor g = at::nll_loss_backward(p.one, p.logp, p.tlabels, {}, at::Reduction::Mean, -100, p.total_weight);
    return {at::_log_softmax_backward_data(g, p.logp, 1, scalar_type<T>)};
}

template <class T>
struct attention_problem {
    using value_type = T;
    std::size_t T_, D;
    T eps = T(1e-5);
    std::vector<T> X, G, Wq, Wk, Wv, gamma, beta, dX, dWq, dWk, dWv, dgamma, dbeta;
    at::Tensor R, tG;
    std::vector<at::Tensor> leaves;
    attention_problem(std::size_t t, std::size_t d)
        : T_(t), D(d), X(random<T>(t * d, 1, 0, 31)), G(random<T>(t * d, 1, 0, 32)),
          Wq(random<T>(d * d, 1 / std::sqrt(double(d)), 0, 33)), Wk(random<T>(d * d, 1 / std::sqrt(double(d)), 0, 34)),
          Wv(random<T>(d * d, 1 / std::sqrt(double(d)), 0, 35)), gamma(random<T>(d, 0.3, 1, 36)), beta(random<T>(d, 0.2, 0, 37)),
          dX(t * d), dWq(d * d), dWk(d * d), dWv(d * d), dgamma(d), dbeta(d) {
        const int64_t Ti = int64_t(T_), Di = int64_t(D);
        for (auto [v, shape] : {std::pair<std::vector<T>*, std::vector<int64_t>>{&X, {Ti, Di}},
                                {&Wq, {Di, Di}}, {&Wk, {Di, Di}}, {&Wv, {Di, Di}}, {&gamma, {Di}}, {&beta, {Di}}})
            leaves.push_back(tensor(*v, shape).set_requires_grad(true));
        tG = tensor(G, {Ti, Di});
        const at::Tensor& tX = leaves[0];
        at::Tensor Z = at::layer_norm(tX, {Di}, leaves[4], leaves[5], double(eps));
        at::Tensor Q = Z.mm(leaves[1]), K = Z.mm(leaves[2]), V = Z.mm(leaves[3]);
        R = at::softmax(Q.mm(K.t()), 1).mm(V) + tX;
    }
    std::vector<std::pair<const char*, const std::vector<T>*>> results() const {
        return {{"dX", &dX}, {"dWq", &dWq}, {"dWk", &dWk}, {"dWv", &dWv}, {"dgamma", &dgamma}, {"dbeta", &dbeta}};
    }
};

template <class T>
void attention_leibniz_eval(attention_problem<T>& p) {
    using namespace leibniz;
    constexpr auto& prog = md::attention::program;
    const std::size_t T_ = p.T_, D = p.D;
    evaluate_into(into(output(p.dX, T_, D), gradient<0>(prog), over(md::s, md::b)),
                  into(output(p.dWq, D, D), gradient<1>(prog), over(md::a, md::b)),
                  into(output(p.dWk, D, D), gradient<2>(prog), over(md::a, md::b)),
                  into(output(p.dWv, D, D), gradient<3>(prog), over(md::a, md::b)),
                  into(output(p.dgamma, D), gradient<4>(prog), over(md::b)), into(output(p.dbeta, D), gradient<5>(prog), over(md::b)),
                  md::X = view(p.X, T_, D), md::G = view(p.G, T_, D), md::gamma1 = view(p.gamma, D), md::beta1 = view(p.beta, D),
                  md::eps = p.eps, md::Wq = view(p.Wq, D, D), md::Wk = view(p.Wk, D, D), md::Wv = view(p.Wv, D, D));
}
template <class T>
void attention_leibniz_emitted(attention_problem<T>& p) {
    torch_bench::attention_backward<T>(p.D, p.T_, p.G.data(), p.Wk.data(), p.Wq.data(), p.Wv.data(), p.X.data(), p.beta.data(),
                                       p.eps, p.gamma.data(), p.dX.data(), p.dWq.data(), p.dWk.data(), p.dWv.data(),
                                       p.dgamma.data(), p.dbeta.data());
}
template <class T>
std::vector<at::Tensor> attention_torch_backward(attention_problem<T>& p) {
    return torch::autograd::grad({p.R}, p.leaves, {p.tG}, /*retain_graph=*/true);
}

template <class T>
void add_all() {
    for (auto [r, c] : {std::pair<std::size_t, std::size_t>{16, 32}, {5, 3}}) {
        check<ce_problem<T>>("softmax cross-entropy", r, c, {ce_leibniz_eval<T>, ce_leibniz_emitted<T>}, ce_torch_backward<T>);
        check<attention_problem<T>>("attention", r, c, {attention_leibniz_eval<T>, attention_leibniz_emitted<T>},
                                    attention_torch_backward<T>);
    }
    const auto ce_sizes = {std::pair<int64_t, int64_t>{32, 64}, {256, 1024}, {4096, 1024}};
    add<ce_problem<T>>("ce_leibniz", ce_leibniz_eval<T>, ce_sizes);
    add<ce_problem<T>>("ce_emitted", ce_leibniz_emitted<T>, ce_sizes);
    add<ce_problem<T>>("ce_torch", [](ce_problem<T>& p) { benchmark::DoNotOptimize(ce_torch_backward(p)); }, ce_sizes);
    const auto attention_sizes = {std::pair<int64_t, int64_t>{16, 32}, {128, 64}, {512, 128}};
    add<attention_problem<T>>("attention_leibniz", attention_leibniz_eval<T>, attention_sizes);
    add<attention_problem<T>>("attention_emitted", attention_leibniz_emitted<T>, attention_sizes);
    add<attention_problem<T>>("attention_torch",
                              [](attention_problem<T>& p) { benchmark::DoNotOptimize(attention_torch_backward(p)); },
                              attention_sizes);
}

[[maybe_unused]] const bool registered = register_all({add_all<double>, add_all<float>});

}  // namespace
