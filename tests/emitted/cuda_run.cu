// The emitted CUDA source of the batch-norm input gradient, run on a GPU: in
// double it must match central differences of the forward pass
// (tests/support/batchnorm_forward.hpp), in float the double result. Exits
// 77 (a skipped test) when no CUDA device is there.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "bn_dY.cuh"
#include "support/batchnorm_forward.hpp"

namespace {

#define LEIBNIZ_CUDA(call)                                                                      \
    do {                                                                                        \
        cudaError_t e = (call);                                                                 \
        if (e != cudaSuccess) {                                                                 \
            std::fprintf(stderr, "cuda_run: %s: %s\n", #call, cudaGetErrorString(e));           \
            std::exit(1);                                                                       \
        }                                                                                       \
    } while (0)

template <class T>
T* upload(const std::vector<double>& host) {
    std::vector<T> h(host.begin(), host.end());
    T* d = nullptr;
    LEIBNIZ_CUDA(cudaMalloc(&d, std::max<std::size_t>(1, h.size()) * sizeof(T)));
    LEIBNIZ_CUDA(cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice));
    return d;
}

template <class T>
std::vector<double> on_device(const bn_forward::batch& b) {
    const std::size_t B = std::size_t(b.B), M = std::size_t(b.M);
    T *Y = upload<T>(b.Y), *beta = upload<T>(b.beta), *G = upload<T>(b.G), *gamma = upload<T>(b.gamma);
    T *out = nullptr, *scratch = nullptr;
    LEIBNIZ_CUDA(cudaMalloc(&out, B * M * sizeof(T)));
    LEIBNIZ_CUDA(cudaMalloc(&scratch, leibniz_generated::bn_dY_scratch_size(B, M) * sizeof(T)));
    leibniz_generated::bn_dY<T>(B, M, Y, beta, G, static_cast<T>(b.eps), gamma, out, scratch);
    LEIBNIZ_CUDA(cudaGetLastError());
    LEIBNIZ_CUDA(cudaDeviceSynchronize());
    std::vector<T> h(B * M);
    LEIBNIZ_CUDA(cudaMemcpy(h.data(), out, h.size() * sizeof(T), cudaMemcpyDeviceToHost));
    for (T* p : {Y, beta, G, gamma, out, scratch}) LEIBNIZ_CUDA(cudaFree(p));
    return std::vector<double>(h.begin(), h.end());
}

}  // namespace

int main() {
    int devices = 0;
    if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
        std::printf("cuda_run: no CUDA device, skipped\n");
        return 77;
    }
    int failures = 0;
    for (auto [B, M, seed] : {std::array<int, 3>{6, 5, 17}, std::array<int, 3>{64, 300, 5}}) {
        bn_forward::batch b = bn_forward::random_batch(B, M, unsigned(seed), true);
        const std::vector<double> g = on_device<double>(b), f = on_device<float>(b);
        auto full = [&] { return bn_forward::loss(b); };
        double to_fd = 0, float_to_double = 0;
        for (std::size_t q = 0; q != g.size(); ++q) {
            if (B * M <= 30) to_fd = std::max(to_fd, bn_forward::relative_error(g[q], bn_forward::central(b.Y, q, full)));
            float_to_double = std::max(float_to_double, std::abs(f[q] - g[q]) / std::max(1.0, std::abs(g[q])));
        }
        std::printf("cuda_run: B = %d, M = %d: double vs finite differences %.2e, float vs double %.2e\n", B, M, to_fd,
                    float_to_double);
        failures += to_fd > 1e-6 || float_to_double > 1e-4 || !std::isfinite(to_fd) || !std::isfinite(float_to_double);
    }
    if (failures) std::printf("cuda_run: FAILED\n");
    return failures ? 1 : 0;
}
