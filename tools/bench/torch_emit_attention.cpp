// Self-attention on a LayerNorm (derivations/models.hpp), every gradient in
// one function, from the inputs alone (the forward's intermediates are
// recomputed).
#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "torch_emit.hpp"

namespace torch_bench {

void write_attention(const std::string& dir) {
    using leibniz::emit_cpp, leibniz::result, leibniz::over, leibniz::gradient;
    namespace md = leibniz::derivations::models;
    constexpr auto p = md::attention::program;
    write(dir, "attention.hpp",
          emit_cpp<"attention_backward", "torch_bench">(
              result<"dX">(gradient<0>(p), over(md::s, md::b)), result<"dWq">(gradient<1>(p), over(md::a, md::b)),
              result<"dWk">(gradient<2>(p), over(md::a, md::b)), result<"dWv">(gradient<3>(p), over(md::a, md::b)),
              result<"dgamma1">(gradient<4>(p), over(md::b)), result<"dbeta1">(gradient<5>(p), over(md::b)))
              .view());
}

}  // namespace torch_bench
