// Shared by the batch-norm numeric tests: the engine's gradients (2.3) under
// one placement of ε, evaluated on random batches up to 8 x 8, against
// central finite differences of an independent forward pass.
#pragma once
#include <catch2/catch.hpp>

#include <derivations/batchnorm.hpp>
#include <leibniz/evaluate.hpp>

#include "batchnorm_forward.hpp"

namespace bn_check {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using bn_forward::central;
using bn_forward::relative_error;


template <class Reading>
void check_reading(bool inside) {
    using E = bn::engine<Reading>;
    for (auto [nb, nm, seed] : {std::tuple{2, 3, 1u}, std::tuple{5, 4, 2u}, std::tuple{8, 8, 3u}}) {
        const int B = nb, M = nm;  // clang 14 cannot capture structured bindings in lambdas
        bn_forward::batch b = bn_forward::random_batch(B, M, seed, inside);
        auto bind = [&](auto e, auto... at_) {
            return evaluate(e, bn::Y = view(b.Y, std::size_t(B), std::size_t(M)), bn::gamma = view(b.gamma, std::size_t(M)),
                            bn::beta = view(b.beta, std::size_t(M)), bn::dH = view(b.G, std::size_t(B), std::size_t(M)),
                            bn::eps = b.eps, at(at_...));
        };
        double worst = 0;
        std::vector<double> m(static_cast<std::size_t>(M)), v(static_cast<std::size_t>(M));
        for (int l = 0; l < M; ++l) {
            m[std::size_t(l)] = bn_forward::mean(b, l);
            v[std::size_t(l)] = bn_forward::variance(b, l, m[std::size_t(l)]);
        }
        for (int j = 1; j <= M; ++j) {
            const std::size_t c = std::size_t(j - 1);
            auto full = [&] { return bn_forward::loss(b); };
            worst = std::max(worst, relative_error(bind(E::dgamma, bn::j = j), central(b.gamma, c, full)));
            worst = std::max(worst, relative_error(bind(E::dbeta, bn::j = j), central(b.beta, c, full)));
            // ∂ℓ/∂m with v held fixed; ∂ℓ/∂v with m held fixed
            auto with_stats = [&] { return bn_forward::loss(b, &m, &v); };
            worst = std::max(worst, relative_error(bind(E::dm_partial, bn::j = j), central(m, c, with_stats)));
            worst = std::max(worst, relative_error(bind(E::dv, bn::j = j), central(v, c, with_stats)));
            // ∂ℓ/∂m through v as well (v recomputed from Y and the given m)
            auto through_v = [&] {
                std::vector<double> vm(static_cast<std::size_t>(M));
                for (int l = 0; l < M; ++l) vm[std::size_t(l)] = bn_forward::variance(b, l, m[std::size_t(l)]);
                return bn_forward::loss(b, &m, &vm);
            };
            worst = std::max(worst, relative_error(bind(E::dm_total, bn::j = j), central(m, c, through_v)));
        }
        for (int s = 1; s <= B; ++s)
            for (int t = 1; t <= M; ++t) {
                const std::size_t at_ = std::size_t((s - 1) * M + (t - 1));
                auto full = [&] { return bn_forward::loss(b); };
                worst = std::max(worst, relative_error(bind(E::dY, bn::s = s, bn::t = t), central(b.Y, at_, full)));
            }
        INFO("B = " << B << ", M = " << M << (inside ? ", sqrt(v + eps)" : ", sqrt(v) + eps"));
        CHECK(worst <= 1e-6);
    }
}

}  // namespace bn_check
