// A GELU layer and softmax cross-entropy through a named log-sum-exp (a
// scalar intermediate, written lse() in the loss): every gradient from the
// program of adjoints against central differences of an independent forward
// pass, at ordinary logits and at logits of ±1000 (the evaluator shifts the
// softmax by its maximum).
#include <catch2/catch.hpp>

#include <string_view>
#include <tuple>

#include <derivations/models.hpp>

#include "../support/models_forward.hpp"

namespace {
using namespace leibniz;
namespace cl = leibniz::derivations::models::classifier;
namespace mf = models_forward;

TEST_CASE("GELU classifier: the printed program") {
    // computed at compile time, read here (under ASan, g++ cannot search
    // a static string in a constant expression)
    const std::string_view steps = latex(cl::program).view();
    CHECK(steps.find("L &= \\log(\\sum_{c=1}^{C} \\exp(o_{c})) \\\\") != std::string_view::npos);
    CHECK(steps.find("\\frac{\\partial f}{\\partial L} &= \\sum_{k=1}^{C} y_{k} \\\\") != std::string_view::npos);
}

TEST_CASE("GELU classifier with cross-entropy: gradients of x and every weight match central differences") {
    for (auto [nn, nh, nc, scale, seed] :
         {std::tuple{1, 1, 2, 1.0, 1u}, std::tuple{3, 5, 4, 1.0, 2u}, std::tuple{4, 3, 3, 1.0, 3u}, std::tuple{3, 4, 3, 400.0, 4u}}) {
        std::mt19937 gen(seed);
        const std::size_t N = std::size_t(nn), H = std::size_t(nh), C = std::size_t(nc);
        mf::vec x = mf::random_vec(N, gen), W1 = mf::random_vec(H * N, gen), b1 = mf::random_vec(H, gen),
                W2 = mf::random_vec(C * H, gen, scale), y = mf::random_vec(C, gen);
        for (double& v : y) v = std::abs(v);  // a distribution up to its total
        mf::vec dx(N), dW1(H * N), db1(H), dW2(C * H);
        constexpr auto p = cl::program;
        evaluate_into(into(output(dx, N), gradient<0>(p), over(cl::i)), into(output(dW1, H, N), gradient<1>(p), over(cl::j, cl::i)),
                      into(output(db1, H), gradient<2>(p), over(cl::j)), into(output(dW2, C, H), gradient<3>(p), over(cl::k, cl::j)),
                      cl::x = view(x, N), cl::y = view(y, C), cl::W1 = view(W1, H, N), cl::b1 = view(b1, H), cl::W2 = view(W2, C, H));
        auto f = [&] { return mf::gelu_classifier_loss(x, y, W1, b1, W2); };
        INFO("N = " << N << ", H = " << H << ", C = " << C << ", logit scale " << scale);
        for (double v : dW2) CHECK(std::isfinite(v));
        CHECK(mf::worst_relative_error(dx, x, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dW1, W1, f) <= 1e-6);
        CHECK(mf::worst_relative_error(db1, b1, f) <= 1e-6);
        CHECK(mf::worst_relative_error(dW2, W2, f) <= 1e-6);
    }
}

}  // namespace
