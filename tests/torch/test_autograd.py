"""PyTorch autograd functions whose backward is a kernel emitted by leibniz.

usage: test_autograd.py LIBRARY SOURCE...

LIBRARY is the shared library built from the SOURCEs, the C++ written by
`leibniz-derive emit ... --c-abi` (and by emit_softmax_ce.cpp, a batched
softmax cross-entropy); each kernel's entry point and parameters are read from
the comment at the top of its source. Each torch.autograd.Function below
computes its forward pass with torch, saves its inputs, and in backward hands
them and the upstream gradient to the emitted kernel. For every model the test
checks, single-threaded:
  * torch.autograd.gradcheck in double (finite differences of the forward);
  * the kernel's gradients in float against PyTorch's own autograd of the same
    forward in float: max |leibniz - torch| <= FLOAT_TOL * max |torch|, per
    gradient;
  * the same in double, with DOUBLE_TOL;
  * every gradient finite and not all zero;
  * gradcheck rejects the kernel's gradients scaled by 1 + 1e-3 (the check
    can tell a wrong kernel from a right one).
"""
import ctypes
import sys

import torch
from torch.autograd.gradcheck import GradcheckError

FLOAT_TOL = 1e-4   # relative to the largest |gradient| of PyTorch's autograd (float eps ~ 1.2e-7)
DOUBLE_TOL = 1e-10
EPSILON = 1e-5

if len(sys.argv) < 3:
    sys.exit(__doc__)
lib = ctypes.CDLL(sys.argv[1])
torch.set_num_threads(1)
torch.manual_seed(20240611)

_size = ctypes.c_size_t
_ptr = ctypes.c_void_p


def read_signature(path):
    """The C entry point and the parameters (name, kind) of one emitted
    source, from the comment at its top: kind 'n' an extent (std::size_t),
    'p' an array (const T* or T*), 's' a scalar (T)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    call_line = lines[1].strip("/ ")
    qualified = call_line[:call_line.index("<T>(")]
    params = []
    start = lines.index("// Parameters, in order (T is the scalar type, float or double):")
    for line in lines[start + 1:]:
        if not line.startswith("//   "):
            break
        name, rest = line[5:].split(": ", 1)
        kind = rest.split(",", 1)[0]
        params.append((name, {"std::size_t": "n", "const T*": "p", "T*": "p", "T": "s"}[kind]))
    return qualified.replace("::", "_"), params


class Kernel:
    """The f64 and f32 entry points of one emitted function, called with
    keyword arguments named as in the emitted source."""

    def __init__(self, path):
        self.symbol, self.params = read_signature(path)
        self.entries = {}
        for dtype, suffix, scalar in ((torch.float64, "f64", ctypes.c_double), (torch.float32, "f32", ctypes.c_float)):
            f = getattr(lib, f"{self.symbol}_{suffix}")
            f.restype = None
            f.argtypes = [{"n": _size, "p": _ptr, "s": scalar}[k] for _, k in self.params]
            self.entries[dtype] = f

    def __call__(self, dtype, **args):
        """Checks that every parameter is given once, and that every array is
        contiguous and of dtype: the kernel reads raw row-major arrays."""
        names = [n for n, _ in self.params]
        assert sorted(args) == sorted(names), f"{self.symbol}: arguments {sorted(args)} for parameters {names}"
        raw = []
        for name, kind in self.params:
            a = args[name]
            if kind == "p":
                assert a.dtype == dtype and a.is_contiguous(), f"{self.symbol}: {name} not contiguous {dtype}"
                raw.append(a.data_ptr())
            else:
                raw.append(a)
        self.entries[dtype](*raw)


kernels = {}
for source in sys.argv[2:]:
    k = Kernel(source)
    kernels[k.symbol] = k
BN = kernels["torch_kernels_batchnorm_relu_backward"]
LN = kernels["torch_kernels_layer_norm_backward"]
CE = kernels["torch_kernels_softmax_ce_backward"]
ATT = kernels["torch_kernels_attention_backward"]

# A factor applied to every gradient a kernel returns: 1 in the real checks,
# 1 + 1e-3 when the test checks that gradcheck notices a wrong gradient.
scale = 1.0


def c(t):
    return t.detach().contiguous()


# ---- the models' forward passes, in torch (also differentiated by autograd for the comparison) ----
def bn_relu_forward(Y, gamma, beta):
    m = Y.mean(0)
    v = ((Y - m) ** 2).mean(0)  # the biased batch variance
    return torch.relu(gamma * (Y - m) / torch.sqrt(v + EPSILON) + beta)


def layer_norm_forward(X, gamma, beta):
    mu = X.mean(1, keepdim=True)
    var = ((X - mu) ** 2).mean(1, keepdim=True)
    return gamma * (X - mu) / torch.sqrt(var + EPSILON) + beta


def softmax_ce_forward(H, Ybar):
    return -(Ybar * torch.log_softmax(H, 1)).sum() / H.shape[0]


def attention_forward(X, Wq, Wk, Wv, gamma, beta):
    Z = layer_norm_forward(X, gamma, beta)
    Q, K, V = Z @ Wq, Z @ Wk, Z @ Wv
    P = torch.softmax(Q @ K.T, 1)  # no 1/sqrt(d) scale, as in derivations/models.hpp
    return P @ V + X


# ---- the autograd functions: forward in torch, backward by leibniz ------------------------------------
class BatchNormReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, Y, gamma, beta):
        ctx.save_for_backward(Y, gamma, beta)
        return bn_relu_forward(Y, gamma, beta)

    @staticmethod
    def backward(ctx, dl_dH):
        Y, gamma, beta = (c(t) for t in ctx.saved_tensors)
        B, M = Y.shape
        dY, dgamma, dbeta = torch.empty_like(Y), torch.empty_like(gamma), torch.empty_like(beta)
        BN(Y.dtype, B=B, M=M, Y=Y, beta=beta, dl_dH=c(dl_dH), epsilon=EPSILON, gamma=gamma, dY=dY, dgamma=dgamma, dbeta=dbeta)
        return dY * scale, dgamma * scale, dbeta * scale


class LayerNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, gamma, beta):
        ctx.save_for_backward(X, gamma)
        return layer_norm_forward(X, gamma, beta)

    @staticmethod
    def backward(ctx, G):
        X, gamma = (c(t) for t in ctx.saved_tensors)
        T, D = X.shape
        dX, dgamma, dbeta = torch.empty_like(X), torch.empty_like(gamma), torch.empty_like(gamma)
        LN(X.dtype, D=D, T_=T, G=c(G), X=X, epsilon=EPSILON, gamma1=gamma, dX=dX, dgamma1=dgamma, dbeta1=dbeta)
        return dX * scale, dgamma * scale, dbeta * scale


class SoftmaxCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, H, Ybar):
        ctx.save_for_backward(H, Ybar)
        return softmax_ce_forward(H, Ybar)

    @staticmethod
    def backward(ctx, g):
        H, Ybar = (c(t) for t in ctx.saved_tensors)
        N, K = H.shape
        dH = torch.empty_like(H)
        CE(H.dtype, K=K, N=N, H=H, Ybar=Ybar, g=float(g), dH=dH)
        return dH * scale, None


class Attention(torch.autograd.Function):
    @staticmethod
    def forward(ctx, X, Wq, Wk, Wv, gamma, beta):
        ctx.save_for_backward(X, Wq, Wk, Wv, gamma, beta)
        return attention_forward(X, Wq, Wk, Wv, gamma, beta)

    @staticmethod
    def backward(ctx, G):
        X, Wq, Wk, Wv, gamma, beta = (c(t) for t in ctx.saved_tensors)
        T, D = X.shape
        grads = [torch.empty_like(t) for t in (X, Wq, Wk, Wv, gamma, beta)]
        ATT(X.dtype, D=D, T_=T, G=c(G), X=X, Wq=Wq, Wk=Wk, Wv=Wv, gamma1=gamma, beta1=beta, epsilon=EPSILON,
            **dict(zip(("dX", "dWq", "dWk", "dWv", "dgamma1", "dbeta1"), grads)))
        return tuple(g * scale for g in grads)


# ---- inputs ---------------------------------------------------------------------------------------------
def targets(N, K):
    """Soft targets, each row a distribution (one-hot would do as well)."""
    return torch.softmax(torch.randn(N, K, dtype=torch.float64), 1)


CASES = [
    # name, function, forward, inputs in double (those differentiated first), how many are differentiated
    ("batch norm + ReLU", BatchNormReLU, bn_relu_forward,
     [torch.randn(8, 5, dtype=torch.float64) * 2 + 1, torch.rand(5, dtype=torch.float64) + 0.5,
      torch.randn(5, dtype=torch.float64) * 0.5], 3),
    ("LayerNorm", LayerNorm, layer_norm_forward,
     [torch.randn(6, 5, dtype=torch.float64) * 2 + 1, torch.rand(5, dtype=torch.float64) + 0.5,
      torch.randn(5, dtype=torch.float64)], 3),
    ("softmax cross-entropy", SoftmaxCrossEntropy, softmax_ce_forward,
     [torch.randn(7, 5, dtype=torch.float64) * 3, targets(7, 5)], 1),
    ("attention", Attention, attention_forward,
     [torch.randn(5, 4, dtype=torch.float64)] + [torch.randn(4, 4, dtype=torch.float64) * 0.5 for _ in range(3)]
     + [torch.rand(4, dtype=torch.float64) + 0.5, torch.randn(4, dtype=torch.float64) * 0.5], 6),
]


def leaves(inputs, n_grad, dtype):
    return [t.to(dtype).clone().requires_grad_(i < n_grad) for i, t in enumerate(inputs)]


def gradients(f, inputs, n_grad, upstream):
    out = f(*inputs)
    return torch.autograd.grad(out, inputs[:n_grad], upstream)


def compare(name, dtype, tol, fn, forward, inputs, n_grad):
    x = leaves(inputs, n_grad, dtype)
    upstream = torch.randn(forward(*x).shape, dtype=torch.float64).to(dtype)
    ours = gradients(fn.apply, x, n_grad, upstream)
    theirs = gradients(forward, x, n_grad, upstream)
    worst = 0.0
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert torch.isfinite(a).all(), f"{name} ({dtype}): gradient {k} not finite"
        assert a.abs().max() > 0, f"{name} ({dtype}): gradient {k} all zero"
        err = ((a - b).abs().max() / b.abs().max()).item()
        assert err <= tol, f"{name} ({dtype}): gradient {k} differs from PyTorch's: {err:.3g} > {tol:g}"
        worst = max(worst, err)
    return worst


def main():
    global scale
    failures = []
    for name, fn, forward, inputs, n_grad in CASES:
        try:
            x = leaves(inputs, n_grad, torch.float64)
            assert torch.autograd.gradcheck(fn.apply, x, eps=1e-6, atol=1e-7, rtol=1e-5), "gradcheck"
            err64 = compare(name, torch.float64, DOUBLE_TOL, fn, forward, inputs, n_grad)
            err32 = compare(name, torch.float32, FLOAT_TOL, fn, forward, inputs, n_grad)
            scale = 1 + 1e-3
            try:
                rejected = not torch.autograd.gradcheck(fn.apply, x, eps=1e-6, atol=1e-7, rtol=1e-5,
                                                        raise_exception=False)
            finally:
                scale = 1.0
            assert rejected, "gradcheck accepted gradients scaled by 1 + 1e-3"
            print(f"ok   {name}: gradcheck (double) passed; vs PyTorch autograd: "
                  f"double {err64:.2e}, float {err32:.2e} (max |diff| / max |grad|)")
        except (AssertionError, GradcheckError) as e:
            failures.append(name)
            print(f"FAIL {name}: " + "\n     ".join(str(e).split("\n")[:12]))
    if failures:
        sys.exit(f"{len(failures)} of {len(CASES)} failed: {', '.join(failures)}")


if __name__ == "__main__":
    main()
