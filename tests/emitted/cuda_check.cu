// The emitted CUDA sources of the batch-norm input gradient and of a layer
// with every function of the op table must compile
// (float and double); no device is needed for that.
#include "bn_dY.cuh"

template void leibniz_generated::bn_dY<float>(std::size_t, std::size_t, const float*, const float*, const float*, float,
                                              const float*, float*, float*, cudaStream_t);
template void leibniz_generated::bn_dY<double>(std::size_t, std::size_t, const double*, const double*, const double*, double,
                                               const double*, double*, double*, cudaStream_t);

std::size_t scratch_for(std::size_t B, std::size_t M) { return leibniz_generated::bn_dY_scratch_size(B, M); }

// The layer with every function of the op table: its emitted CUDA spellings
// (tanh, erf, fabs, fmax, ... and the helpers) must compile too.
#include "fn_dW.cuh"
#include "fn_loss.cuh"

template void leibniz_generated::fn_dW<float>(std::size_t, std::size_t, const float*, const float*, const float*, const float*, float*,
                                              float*, cudaStream_t);
template void leibniz_generated::fn_dW<double>(std::size_t, std::size_t, const double*, const double*, const double*, const double*,
                                               double*, double*, cudaStream_t);
template void leibniz_generated::fn_loss<float>(std::size_t, std::size_t, const float*, const float*, const float*, const float*, float*,
                                                float*, cudaStream_t);

// A model's program of adjoints (LayerNorm's ∂ℓ/∂X): every named adjoint is a
// scratch array of its own kernel; the extent T comes out as T_.
#include "ln_dX.cuh"

template void leibniz_generated::ln_dX<float>(std::size_t, std::size_t, const float*, const float*, float, const float*, float*,
                                              float*, cudaStream_t);
template void leibniz_generated::ln_dX<double>(std::size_t, std::size_t, const double*, const double*, double, const double*,
                                               double*, double*, cudaStream_t);
std::size_t ln_scratch_for(std::size_t D, std::size_t T) { return leibniz_generated::ln_dX_scratch_size(D, T); }
