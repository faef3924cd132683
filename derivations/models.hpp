// Models beyond the reference document, built only with the public API,
// each ending in an opaque loss ℓ of its output with upstream gradient G:
//   layer_norm        Z = LayerNorm(X)
//   attention         O = softmax(Q Kᵀ) V + X with Q, K, V projections of LayerNorm(X)
//   residual_mlp      O = relu(X W1 + b1) W2 + b2 + X (and residual_tanh_mlp, with tanh)
//   transformer       attention, then a residual MLP on LayerNorm of its output
//   rms_swiglu        O = (SiLU(N W1) ⊙ (N W3)) W2 + X on N = RMSNorm(X)
// and three with their own shapes and symbols, in namespaces of their own:
//   gru               h' = (1 - z) ⊙ h + z ⊙ tanh(Wn x + Un (r ⊙ h)), z, r sigmoid gates
//   causal_attention  multi-head softmax(Q Kᵀ/√E + M) V Wo + X, rank-3 weights,
//                     a squared-error loss written as an expression
//   classifier        softmax cross-entropy of a GELU layer's logits, through a
//                     named log-sum-exp (a scalar intermediate)
// `program` holds every gradient (input and parameters) of the model, derived
// in one sweep of reverse mode over its named intermediates.
#pragma once
#include <leibniz/leibniz.hpp>

namespace leibniz::derivations::models {

using namespace leibniz::literals;

inline constexpr auto T = extent<"T">();  // tokens (rows)
inline constexpr auto D = extent<"D">();  // features
inline constexpr auto F = extent<"F">();  // hidden width of the MLP
inline constexpr auto s = index<"s">(T);
inline constexpr auto t = index<"t">(T);
inline constexpr auto u = index<"u">(T);
inline constexpr auto a = index<"a">(D);
inline constexpr auto b = index<"b">(D);
inline constexpr auto e = index<"e">(D);
inline constexpr auto f = index<"f">(F);
inline constexpr auto g = index<"g">(F);

inline constexpr auto eps = positive(symbol<"epsilon", "\\epsilon", 5>());
inline constexpr auto X = tensor<"X">(T, D);
inline constexpr auto G = tensor<"G", "\\frac{\\partial \\ell}{\\partial O_{#}}", -10>(T, D);

// ---- LayerNorm of X over the features of each row -------------------------------------------------
inline constexpr auto gamma1 = tensor<"gamma1", "\\gamma^{(1)}">(D);
inline constexpr auto beta1 = tensor<"beta1", "\\beta^{(1)}">(D);
inline constexpr auto mu1 = intermediate<"mu1", "\\mu^{(1)}">([] { return c<1> / D * sum(e, X(s, e)); }, s);
inline constexpr auto var1 = intermediate<"var1", "\\nu^{(1)}">([] { return c<1> / D * sum(e, pow<2>(X(s, e) - mu1(s))); }, s);
inline constexpr auto Z1 = intermediate<"Z1", "Z^{(1)}">([] { return gamma1(a) * (X(s, a) - mu1(s)) / sqrt(var1(s) + eps) + beta1(a); }, s, a);

struct layer_norm {
    static constexpr auto ell = loss<"ell_ln", "\\ell">(Z1, G, s, a);
    static constexpr auto program = backprop(ell, wrt(X(s, b), gamma1(b), beta1(b)));
};

// ---- self-attention on LayerNorm(X), with a residual connection -------------------------------------
inline constexpr auto Wq = tensor<"Wq", "W^{Q}">(D, D);
inline constexpr auto Wk = tensor<"Wk", "W^{K}">(D, D);
inline constexpr auto Wv = tensor<"Wv", "W^{V}">(D, D);
inline constexpr auto Q = intermediate<"Q">([] { return sum(e, Z1(s, e) * Wq(e, a)); }, s, a);
inline constexpr auto K = intermediate<"K">([] { return sum(e, Z1(s, e) * Wk(e, a)); }, s, a);
inline constexpr auto V = intermediate<"V">([] { return sum(e, Z1(s, e) * Wv(e, a)); }, s, a);
inline constexpr auto S = intermediate<"S">([] { return sum(e, Q(s, e) * K(t, e)); }, s, t);
inline constexpr auto P = intermediate<"P">([] { return exp(S(s, t)) / sum(u, exp(S(s, u))); }, s, t);
inline constexpr auto A = intermediate<"A">([] { return sum(u, P(s, u) * V(u, a)); }, s, a);
inline constexpr auto R = intermediate<"R">([] { return A(s, a) + X(s, a); }, s, a);

struct attention {
    static constexpr auto ell = loss<"ell_att", "\\ell">(R, G, s, a);
    static constexpr auto program =
        backprop(ell, wrt(X(s, b), Wq(a, b), Wk(a, b), Wv(a, b), gamma1(b), beta1(b)));
};

// ---- a residual ReLU MLP block on X ---------------------------------------------------------------------
inline constexpr auto W1 = tensor<"W1", "W^{(1)}">(D, F);
inline constexpr auto b1 = tensor<"b1", "b^{(1)}">(F);
inline constexpr auto W2 = tensor<"W2", "W^{(2)}">(F, D);
inline constexpr auto b2 = tensor<"b2", "b^{(2)}">(D);

/// relu(In W1 + b1) W2 + b2 + skip, or with In::activation in place of relu.
template <class In>
struct mlp_on {
    static constexpr auto activate = [](auto x) {
        if constexpr (requires { In::activation(x); }) return In::activation(x);
        else return relu(x);
    };
    static constexpr auto U = intermediate<In::u_name, "U">([] { return sum(e, In::value(s, e) * W1(e, f)) + b1(f); }, s, f);
    static constexpr auto Hh = intermediate<In::h_name, "H">([] { return activate(U(s, f)); }, s, f);
    static constexpr auto out = intermediate<In::o_name, "O">([] { return sum(g, Hh(s, g) * W2(g, a)) + b2(a) + In::skip(s, a); }, s, a);
};

struct mlp_input {
    static constexpr fixed_string u_name = "U_x";
    static constexpr fixed_string h_name = "H_x";
    static constexpr fixed_string o_name = "O_x";
    static constexpr auto value = X;
    static constexpr auto skip = X;
};
struct residual_mlp {
    using block = mlp_on<mlp_input>;
    static constexpr auto ell = loss<"ell_mlp", "\\ell">(block::out, G, s, a);
    static constexpr auto program = backprop(ell, wrt(X(s, b), W1(a, f), b1(f), W2(f, b), b2(b)));
};

/// The same block with tanh, whose derivative is written with its own value (1 − H²).
struct tanh_input {
    static constexpr fixed_string u_name = "U_t";
    static constexpr fixed_string h_name = "H_t";
    static constexpr fixed_string o_name = "O_t";
    static constexpr auto value = X;
    static constexpr auto skip = X;
    static constexpr auto activation = [](auto x) { return tanh(x); };
};
struct residual_tanh_mlp {
    using block = mlp_on<tanh_input>;
    static constexpr auto ell = loss<"ell_tanh", "\\ell">(block::out, G, s, a);
    static constexpr auto program = backprop(ell, wrt(X(s, b), W1(a, f), b1(f), W2(f, b), b2(b)));
};

// ---- a transformer-style block: attention, then LayerNorm, MLP and residual ------------------------------
inline constexpr auto gamma2 = tensor<"gamma2", "\\gamma^{(2)}">(D);
inline constexpr auto beta2 = tensor<"beta2", "\\beta^{(2)}">(D);
inline constexpr auto mu2 = intermediate<"mu2", "\\mu^{(2)}">([] { return c<1> / D * sum(e, R(s, e)); }, s);
inline constexpr auto var2 = intermediate<"var2", "\\nu^{(2)}">([] { return c<1> / D * sum(e, pow<2>(R(s, e) - mu2(s))); }, s);
inline constexpr auto Z2 = intermediate<"Z2", "Z^{(2)}">([] { return gamma2(a) * (R(s, a) - mu2(s)) / sqrt(var2(s) + eps) + beta2(a); }, s, a);

struct mlp_after_attention {
    static constexpr fixed_string u_name = "U";
    static constexpr fixed_string h_name = "H";
    static constexpr fixed_string o_name = "O";
    static constexpr auto value = Z2;
    static constexpr auto skip = R;
};
struct transformer {
    using block = mlp_on<mlp_after_attention>;
    static constexpr auto ell = loss<"ell_tf", "\\ell">(block::out, G, s, a);
    static constexpr auto program = backprop(ell, wrt(X(s, b), Wq(a, b), Wk(a, b), Wv(a, b), gamma1(b), beta1(b),
                                                      gamma2(b), beta2(b), W1(a, f), b1(f), W2(f, b), b2(b)));
};

// ---- RMSNorm and a SwiGLU feed-forward with a residual (the block of recent decoder models) --------------------
inline constexpr auto g_rms = tensor<"g_rms", "g">(D);
inline constexpr auto W3 = tensor<"W3", "W^{(3)}">(D, F);
inline constexpr auto rms = intermediate<"rms", "\\rho">([] { return sqrt(c<1> / D * sum(e, pow<2>(X(s, e))) + eps); }, s);
inline constexpr auto Nrm = intermediate<"Nrm", "N">([] { return g_rms(a) * X(s, a) / rms(s); }, s, a);
inline constexpr auto Ug = intermediate<"Ug", "U">([] { return sum(e, Nrm(s, e) * W1(e, f)); }, s, f);
inline constexpr auto Vg = intermediate<"Vg", "V">([] { return sum(e, Nrm(s, e) * W3(e, f)); }, s, f);
inline constexpr auto Hg = intermediate<"Hg", "H">([] { return Ug(s, f) * sigmoid(Ug(s, f)) * Vg(s, f); }, s, f);  // SiLU(U) ⊙ V
inline constexpr auto Og = intermediate<"Og", "O">([] { return sum(g, Hg(s, g) * W2(g, a)) + X(s, a); }, s, a);

struct rms_swiglu {
    static constexpr auto ell = loss<"ell_swiglu", "\\ell">(Og, G, s, a);
    static constexpr auto program = backprop(ell, wrt(X(s, b), g_rms(b), W1(a, f), W3(a, f), W2(f, b)));
};


// ---- a GRU cell: sigmoid gates, a tanh candidate, a gated blend with the old state -----------------------------
// Graph-shaped: h feeds both gates, the candidate (through r ⊙ h) and the blend.
namespace gru {
inline constexpr auto N = extent<"N">();  // input width
inline constexpr auto H = extent<"H">();  // state width
inline constexpr auto i = index<"i">(N);
inline constexpr auto j = index<"j">(H);
inline constexpr auto k = index<"k">(H);
inline constexpr auto q = index<"q">(H);
inline constexpr auto x = tensor<"x">(N);
inline constexpr auto h = tensor<"h">(H);
inline constexpr auto Wz = tensor<"Wz", "W^{z}">(H, N);
inline constexpr auto Uz = tensor<"Uz", "U^{z}">(H, H);
inline constexpr auto Wr = tensor<"Wr", "W^{r}">(H, N);
inline constexpr auto Ur = tensor<"Ur", "U^{r}">(H, H);
inline constexpr auto Wn = tensor<"Wn", "W^{n}">(H, N);
inline constexpr auto Un = tensor<"Un", "U^{n}">(H, H);
inline constexpr auto G = tensor<"G_gru", "\\frac{\\partial \\ell}{\\partial h'_{#}}", -10>(H);
inline constexpr auto z = intermediate<"z">([] { return sigmoid(sum(i, Wz(j, i) * x(i)) + sum(k, Uz(j, k) * h(k))); }, j);
inline constexpr auto r = intermediate<"r">([] { return sigmoid(sum(i, Wr(j, i) * x(i)) + sum(k, Ur(j, k) * h(k))); }, j);
inline constexpr auto n = intermediate<"n">([] { return tanh(sum(i, Wn(j, i) * x(i)) + sum(k, Un(j, k) * r(k) * h(k))); }, j);
inline constexpr auto h_next = intermediate<"h_next", "h'">([] { return (1_c - z(j)) * h(j) + z(j) * n(j); }, j);
inline constexpr auto ell = loss<"ell_gru", "\\ell">(h_next, G, q);
inline constexpr auto program = backprop(ell, wrt(x(i), h(k), Wz(j, i), Uz(j, k), Wr(j, i), Ur(j, k), Wn(j, i), Un(j, k)));
}  // namespace gru

// ---- multi-head causal self-attention: rank-3 weights, a 1/sqrt(E) scale, an additive mask, a residual, and a
// squared-error loss written as an expression (not a loss symbol) ---------------------------------------------
namespace causal_attention {
inline constexpr auto T = extent<"T">();
inline constexpr auto D = extent<"D">();
inline constexpr auto NH = extent<"NH", "n_h">();  // heads
inline constexpr auto E = extent<"E">();           // width of a head
inline constexpr auto s = index<"s">(T);
inline constexpr auto t = index<"t">(T);
inline constexpr auto u = index<"u">(T);
inline constexpr auto a = index<"a">(D);
inline constexpr auto b = index<"b">(D);
inline constexpr auto n = index<"n">(NH);
inline constexpr auto e = index<"e">(E);
inline constexpr auto e2 = index<"f">(E);
inline constexpr auto X = tensor<"X">(T, D);
inline constexpr auto M = tensor<"M">(T, T);  // 0 on and below the diagonal, a large negative number above
inline constexpr auto Y = tensor<"Y">(T, D);  // the target
inline constexpr auto Wq = tensor<"Wq", "W^{Q}">(NH, D, E);
inline constexpr auto Wk = tensor<"Wk", "W^{K}">(NH, D, E);
inline constexpr auto Wv = tensor<"Wv", "W^{V}">(NH, D, E);
inline constexpr auto Wo = tensor<"Wo", "W^{O}">(NH, E, D);
inline constexpr auto Q = intermediate<"Q">([] { return sum(a, X(s, a) * Wq(n, a, e)); }, n, s, e);
inline constexpr auto K = intermediate<"K">([] { return sum(a, X(s, a) * Wk(n, a, e)); }, n, s, e);
inline constexpr auto V = intermediate<"V">([] { return sum(a, X(s, a) * Wv(n, a, e)); }, n, s, e);
inline constexpr auto S = intermediate<"S">([] { return sum(e2, Q(n, s, e2) * K(n, t, e2)) / sqrt(E) + M(s, t); }, n, s, t);
inline constexpr auto P = intermediate<"P">([] { return exp(S(n, s, t)) / sum(u, exp(S(n, s, u))); }, n, s, t);
inline constexpr auto A = intermediate<"A">([] { return sum(u, P(n, s, u) * V(n, u, e)); }, n, s, e);
inline constexpr auto O = intermediate<"O">([] { return sum(n, sum(e, A(n, s, e) * Wo(n, e, a))) + X(s, a); }, s, a);
inline constexpr auto ell = c<1, 2> * sum(s, sum(a, pow<2>(O(s, a) - Y(s, a))));
inline constexpr auto program = backprop(ell, wrt(X(s, b), Wq(n, b, e), Wk(n, b, e), Wv(n, b, e), Wo(n, e, b)));
}  // namespace causal_attention

// ---- a classifier: a GELU layer, logits, softmax cross-entropy through a named log-sum-exp (a scalar
// intermediate) ---------------------------------------------------------------------------------------------------
namespace classifier {
inline constexpr auto N = extent<"N">();
inline constexpr auto H = extent<"H">();
inline constexpr auto C = extent<"C">();
inline constexpr auto i = index<"i">(N);
inline constexpr auto j = index<"j">(H);
inline constexpr auto k = index<"k">(C);
inline constexpr auto k2 = index<"c">(C);
inline constexpr auto x = tensor<"x">(N);
inline constexpr auto y = tensor<"y">(C);  // target distribution
inline constexpr auto W1 = tensor<"W1", "W^{(1)}">(H, N);
inline constexpr auto b1 = tensor<"b1", "b^{(1)}">(H);
inline constexpr auto W2 = tensor<"W2", "W^{(2)}">(C, H);
inline constexpr auto pre = intermediate<"pre", "a">([] { return sum(i, W1(j, i) * x(i)) + b1(j); }, j);
inline constexpr auto act = intermediate<"act", "h">([] { return pre(j) * c<1, 2> * (1_c + erf(pre(j) / sqrt(2_c))); }, j);
inline constexpr auto logit = intermediate<"logit", "o">([] { return sum(j, W2(k, j) * act(j)); }, k);
inline constexpr auto lse = intermediate<"lse", "L">([] { return log(sum(k2, exp(logit(k2)))); });
inline constexpr auto ell = -sum(k, y(k) * (logit(k) - lse()));
inline constexpr auto program = backprop(ell, wrt(x(i), W1(j, i), b1(j), W2(k, j)));
}  // namespace classifier

}  // namespace leibniz::derivations::models
