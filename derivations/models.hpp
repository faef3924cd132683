// Models beyond the reference document, built only with the public API,
// each ending in an opaque loss ℓ of its output with upstream gradient G:
//   layer_norm        Z = LayerNorm(X)
//   attention         O = softmax(Q Kᵀ) V + X with Q, K, V projections of LayerNorm(X)
//   residual_mlp      O = relu(X W1 + b1) W2 + b2 + X (and residual_tanh_mlp, with tanh)
//   transformer       attention, then a residual MLP on LayerNorm of its output
//   rms_swiglu        O = (SiLU(N W1) ⊙ (N W3)) W2 + X on N = RMSNorm(X)
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

}  // namespace leibniz::derivations::models
