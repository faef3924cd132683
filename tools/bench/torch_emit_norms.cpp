// Batch norm + ReLU from the saved batch mean and variance, LayerNorm from
// the saved row mean and variance, softmax cross-entropy from the saved
// softmax P: the emitted kernels the benchmark times against PyTorch's.
#include <derivations/batchnorm.hpp>
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "../../tests/torch/softmax_ce.hpp"
#include "torch_emit.hpp"

namespace torch_bench {

void write_norms(const std::string& dir) {
    using leibniz::emit_cpp, leibniz::given, leibniz::result, leibniz::over, leibniz::gradient;
    namespace bn = leibniz::derivations::batchnorm;
    using E = bn::engine<bn::inside>;
    write(dir, "bn_saved.hpp",
          emit_cpp<"bn_relu_backward", "torch_bench">(given<"m", "v">, result<"dY">(E::dY, over(bn::s, bn::t)),
                                                      result<"dgamma">(E::dgamma, over(bn::j)),
                                                      result<"dbeta">(E::dbeta, over(bn::j)))
              .view());
    namespace md = leibniz::derivations::models;
    constexpr auto ln = md::layer_norm::program;
    write(dir, "ln_saved.hpp",
          emit_cpp<"layer_norm_backward", "torch_bench">(given<"mu1", "var1">, result<"dX">(gradient<0>(ln), over(md::s, md::b)),
                                                         result<"dgamma1">(gradient<1>(ln), over(md::b)),
                                                         result<"dbeta1">(gradient<2>(ln), over(md::b)))
              .view());
    write(dir, "ce_saved.hpp",
          emit_cpp<"softmax_ce_backward", "torch_bench">(given<"P">, result<"dH">(softmax_ce::dH, over(softmax_ce::s, softmax_ce::j)))
              .view());
}

}  // namespace torch_bench
