// An L-layer ReLU network with a softmax cross-entropy on top (reference
// document, sections 3.1 and 3.2): the forward pass, the engine's
// derivations (per layer, in terms of the upstream gradient ∂ℓ/∂h_i, and
// fully expanded through the softmax), the document's formulas transcribed
// as written, and the records the report prints.
//
//   z_n = W_n h_{n-1} + b_n,  h_n = relu(z_n)  (n = 1..L),  h_0 the input,
//   y = softmax(h_L),  ℓ = -Σ_k ȳ_k log y_k.
//
// network<L, false> gives every layer a width of its own (D_0 .. D_L, the
// softmax dimension being D_L), so that shapes can be told apart;
// network<L, true> gives all layers the one width D, where every formula of
// the document is well formed and can be compared term by term.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <leibniz/leibniz.hpp>
#include <leibniz/matrix.hpp>

#include "softmax.hpp"

namespace leibniz::derivations::mlp {

using namespace leibniz::literals;

// ---- names built from numbers: "W" 2 "@3" -> "W2@3" ---------------------------------------------------
namespace naming {
constexpr std::size_t digits(int n) {
    std::size_t d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}
template <fixed_string A, int N, fixed_string B>
constexpr auto numbered() {
    fixed_string<A.size() + digits(N) + B.size()> out{};
    std::size_t at = 0;
    for (char ch : A.view()) out.data[at++] = ch;
    for (std::size_t p = digits(N), v = static_cast<std::size_t>(N); p-- > 0; v /= 10) out.data[at + p] = char('0' + v % 10);
    at += digits(N);
    for (char ch : B.view()) out.data[at++] = ch;
    return out;
}
template <fixed_string A, fixed_string B>
constexpr auto joined() {
    fixed_string<A.size() + B.size()> out{};
    std::size_t at = 0;
    for (char ch : A.view()) out.data[at++] = ch;
    for (char ch : B.view()) out.data[at++] = ch;
    return out;
}
}  // namespace naming

inline constexpr latex_options style{.step = step_style::sigma_prime};

template <int L, bool Square = false>
struct network {
    static_assert(L >= 1 && L <= 16, "mlp::network: between 1 and 16 layers");
    static constexpr int layers = L;
    /// Suffixes that keep the symbols of different networks apart.
    static constexpr fixed_string shape_tag = [] {
        if constexpr (Square) return fixed_string("s");
        else return fixed_string("");
    }();
    static constexpr fixed_string tag = naming::numbered<"@", L, shape_tag>();

    // ---- widths and indices ----------------------------------------------------------------------
    template <int n>
    static constexpr auto D = [] {
        if constexpr (Square) return extent<"D">();
        else return extent<naming::numbered<"D", n, "">(), naming::numbered<"D_{", n, "}">()>();
    }();
    /// k: the index of a layer's vector; x, y: a weight's row and column
    /// indices (the document's W_i[x, y]); a: summation indices.
    template <int n>
    static constexpr auto k = index<naming::numbered<"k", n, shape_tag>(), "k">(D<n>);
    template <int n>
    static constexpr auto x = index<naming::numbered<"x", n, shape_tag>(), "x">(D<n>);
    template <int n>
    static constexpr auto y = index<naming::numbered<"y", n, shape_tag>(), "y">(D<n>);
    template <int n>
    static constexpr auto a = index<naming::numbered<"a", n, shape_tag>(), naming::numbered<"a_{", n, "}">()>(D<n>);

    // ---- parameters and layers -------------------------------------------------------------------------
    template <int n>
    static constexpr auto W = tensor<naming::numbered<"W", n, tag>(), naming::numbered<"W_{", n, "}[#]">()>(D<n>, D<n - 1>);
    template <int n>
    static constexpr auto b = tensor<naming::numbered<"b", n, tag>(), naming::numbered<"b_{", n, "}[#]">()>(D<n>);

    template <int n>
    static constexpr auto make_h();
    template <int n>
    static constexpr auto h = make_h<n>();
    /// z_n[x] = Σ_a W_n[x, a] h_{n-1}[a] + b_n[x]
    template <int n>
    static constexpr auto z = intermediate<naming::numbered<"z", n, tag>(), naming::numbered<"z_{", n, "}[#]">()>(
        [] { return sum(a<n - 1>, W<n>(x<n>, a<n - 1>) * h<n - 1>(a<n - 1>)) + b<n>(x<n>); }, x<n>);

    // ---- softmax and cross-entropy on h_L --------------------------------------------------------------
    static constexpr auto ybar = tensor<naming::joined<"ybar", tag>(), "\\bar{y}[#]">(D<L>);
    static constexpr auto yhat = intermediate<naming::joined<"y", tag>(), "y[#]">(
        [] { return exp(h<L>(x<L>)) / sum(a<L>, exp(h<L>(a<L>))); }, x<L>);
    static constexpr auto ell =
        intermediate<naming::joined<"ell", tag>(), "\\ell">([] { return -sum(a<L>, ybar(a<L>) * log(yhat(a<L>))); });
    /// Σ_k ȳ_k = 1: the targets form a distribution (the document uses it
    /// silently).
    static constexpr auto targets_sum_to_one = assume_zero(sum(a<L>, ybar(a<L>)) - 1_c);

    // ---- upstream gradients, opaque ------------------------------------------------------------------
    template <int n>
    static constexpr auto G = tensor<naming::numbered<"dl_dh", n, tag>(), naming::numbered<"\\frac{\\partial \\ell}{\\partial h_{", n, "}[#]}">(), -10>(D<n>);
    /// ℓ as an opaque function of h_n, with gradient G_n.
    template <int n>
    static constexpr auto loss_of = loss<naming::numbered<"ell_h", n, tag>(), "\\ell">(h<n>, G<n>, a<n>);

    // ---- the engine: per layer, in terms of ∂ℓ/∂h_n --------------------------------------------------------
    /// ∂h_n/∂h_{n-1} [x, y]
    template <int n>
    static constexpr auto jacobian = d(h<n>(x<n>), h<n - 1>(y<n - 1>));
    /// ∂ℓ/∂h_{n-1} from ∂ℓ/∂h_n
    template <int n>
    static constexpr auto dh_prev = d(loss_of<n>, h<n - 1>(k<n - 1>));
    template <int n>
    static constexpr auto dz = d(loss_of<n>, z<n>(x<n>));
    template <int n>
    static constexpr auto dW = d(loss_of<n>, W<n>(x<n>, y<n - 1>));
    template <int n>
    static constexpr auto db = d(loss_of<n>, b<n>(x<n>));

    // ---- the engine: fully expanded, in terms of y -------------------------------------------------------
    template <int n>
    static constexpr auto full_dh = d(ell, h<n>(k<n>), in_terms_of(yhat), targets_sum_to_one);
    template <int n>
    static constexpr auto full_dh_raw = d(ell, h<n>(k<n>), in_terms_of(yhat));
    template <int n>
    static constexpr auto full_dW = d(ell, W<n>(x<n>, y<n - 1>), in_terms_of(yhat), targets_sum_to_one);
    template <int n>
    static constexpr auto full_db = d(ell, b<n>(x<n>), in_terms_of(yhat), targets_sum_to_one);

    // ---- the chain rule, written out by hand -------------------------------------------------------------
    /// ∂ℓ/∂h_i [k] = Σ_{a_L} (y - ȳ)[a_L] σ'(z_L[a_L]) Σ_{a_{L-1}} W_L[a_L, a_{L-1}] σ'(z_{L-1}[a_{L-1}]) ⋯
    ///               Σ_{a_{i+1}} W_{i+2}[a_{i+2}, a_{i+1}] σ'(z_{i+1}[a_{i+1}]) W_{i+1}[a_{i+1}, k],
    /// i.e. (diag(σ'(z_{i+1})) W_{i+1})^T ⋯ (diag(σ'(z_L)) W_L)^T (y - ȳ), summed from the top layer
    /// down (the order the engine's sums come in).
    template <int n, int i, class I>
    static constexpr auto chain_down(I idx) {
        if constexpr (n == i + 1) return W<n>(a<n>, idx);
        else return sum(a<n - 1>, W<n>(a<n>, a<n - 1>) * step(z<n - 1>(a<n - 1>)) * chain_down<n - 1, i>(idx));
    }
    template <int i, class I>
    static constexpr auto chain(I idx) {
        if constexpr (i == L) return yhat(idx) - ybar(idx);
        else return sum(a<L>, (yhat(a<L>) - ybar(a<L>)) * step(z<L>(a<L>)) * chain_down<L, i>(idx));
    }
    /// ∂ℓ/∂W_i [x, y] = σ'(z_i[x]) ∂ℓ/∂h_i[x] h_{i-1}[y], with ∂ℓ/∂h_i written out.
    template <int i>
    static constexpr auto chain_dW = step(z<i>(x<i>)) * chain<i>(x<i>) * h<i - 1>(y<i - 1>);
    template <int i>
    static constexpr auto chain_db = step(z<i>(x<i>)) * chain<i>(x<i>);

    // ---- the document's formulas, transcribed as written ----------------------------------------------------
    /// ∂h_{n}/∂h_{n-1} = diag(σ'(z_n)) W_n
    template <int n>
    static constexpr auto doc_jacobian = step(z<n>(x<n>)) * W<n>(x<n>, y<n - 1>);
    /// ∂ℓ/∂h_{n-1} = (∂h_n/∂h_{n-1})^T ∂ℓ/∂h_n
    template <int n>
    static constexpr auto doc_dh_prev = sum(a<n>, step(z<n>(a<n>)) * W<n>(a<n>, k<n - 1>) * G<n>(a<n>));
    /// ∂ℓ/∂z_n = σ'(z_n) ⊙ ∂ℓ/∂h_n, and ∂ℓ/∂b_n the same
    template <int n>
    static constexpr auto doc_dz = step(z<n>(x<n>)) * G<n>(x<n>);
    /// ∂ℓ/∂W_n = (σ'(z_n) ⊙ ∂ℓ/∂h_n) h_{n-1}^T
    template <int n>
    static constexpr auto doc_dW = step(z<n>(x<n>)) * G<n>(x<n>) * h<n - 1>(y<n - 1>);
    /// The general product: ∂ℓ/∂h_i = (diag(σ'(z_i)) W_i)^T ⋯ (diag(σ'(z_{L-1})) W_{L-1})^T (y - ȳ):
    /// factors for layers i .. L-1; its free index is W_i's column index.
    template <int i, class I>
    static constexpr auto doc_product(I idx) {
        // with widths of their own, idx is not over y's extent D_L: the shapes
        // do not fit (product_shape_fits), so the elements are written unchecked
        if constexpr (i >= L) return unchecked_element(yhat, idx) - unchecked_element(ybar, idx);
        else return sum(a<i>, step(z<i>(a<i>)) * W<i>(a<i>, idx) * doc_product<i + 1>(a<i>));
    }
    /// The document's ∂ℓ/∂h_i. With widths of their own its free index is W_i's column (in
    /// D_{i-1}), or y's (in D_L) when the product is empty; with one width it is k_i, so that it can
    /// be compared with the engine's ∂ℓ/∂h_i term by term.
    template <int i>
    static constexpr auto doc_product_index() {
        if constexpr (Square || i >= L) return k<i>;
        else return k<i - 1>;
    }
    template <int i>
    static constexpr auto doc_dh = doc_product<i>(doc_product_index<i>());
    /// ∂ℓ/∂W_i and ∂ℓ/∂b_i with the document's product for ∂ℓ/∂h_i (one width only: elsewhere
    /// the shapes do not fit).
    template <int i>
    static constexpr auto doc_full_dW = step(z<i>(x<i>)) * doc_product<i>(x<i>) * h<i - 1>(y<i - 1>);
    template <int i>
    static constexpr auto doc_full_db = step(z<i>(x<i>)) * doc_product<i>(x<i>);
    /// The matrix the document draws for ∂ℓ/∂W_i: its entry in row r, column c is ∂ℓ/∂W_i[c, r]
    /// (rows run over D_{i-1}, columns over D_i). As an element [x, y] (one width only).
    template <int i>
    static constexpr auto doc_dW_drawn = step(z<i>(y<i - 1>)) * G<i>(y<i - 1>) * h<i - 1>(x<i>);
};

template <int L, bool Square>
template <int n>
constexpr auto network<L, Square>::make_h() {
    if constexpr (n == 0)
        return tensor<naming::joined<"x", tag>(), "h_{0}[#]">(D<0>);
    else
        return intermediate<naming::numbered<"h", n, tag>(), naming::numbered<"h_{", n, "}[#]">()>([] { return relu(z<n>(x<n>)); }, x<n>);
}

/// Whether a and b have free indices over the same extents (the same shape).
template <class A, class B>
constexpr bool same_shape(A, B) {
    ir::context c;
    ir::term a = dsl::lower<A>(c), b = dsl::lower<B>(c);
    std::vector<int> fa = ir::free_indices(a), fb = ir::free_indices(b);
    if (fa.size() != fb.size()) return false;
    std::vector<int> ea, eb;
    for (int f : fa) ea.push_back(c.extent_of(f));
    for (int f : fb) eb.push_back(c.extent_of(f));
    for (int e : ea) {
        bool found = false;
        for (int& g : eb)
            if (!found && g == e) {
                g = -1;
                found = true;
            }
        if (!found) return false;
    }
    return true;
}

/// The verdicts for an L-layer network: the engine against the chain rule
/// written out (distinct widths), and against the document's product
/// (shapes with distinct widths; values with one width).
template <int L>
struct checks {
    using N = network<L, false>;
    using S = network<L, true>;

    template <int i>
    static constexpr bool dh_is_chain = equivalent(N::template full_dh<i>, N::template chain<i>(N::template k<i>));
    template <int i>
    static constexpr bool dW_is_chain = equivalent(N::template full_dW<i>, N::template chain_dW<i>);
    template <int i>
    static constexpr bool db_is_chain = equivalent(N::template full_db<i>, N::template chain_db<i>);

    /// The document's product for ∂ℓ/∂h_i: the shape, and the value where shapes agree.
    template <int i>
    static constexpr bool product_shape_fits = same_shape(N::template full_dh<i>, N::template doc_dh<i>);
    template <int i>
    static constexpr verdict product = compare(S::template full_dh<i>, S::template doc_dh<i>);
    template <int i>
    static constexpr auto product_difference = difference(S::template full_dh<i>, S::template doc_dh<i>);
    /// ∂ℓ/∂W_i against the matrix the document draws (its transpose), one width.
    template <int i>
    static constexpr verdict drawn = compare(S::template dW<i>, S::template doc_dW_drawn<i>);
    template <int i>
    static constexpr auto drawn_difference = difference(S::template dW<i>, S::template doc_dW_drawn<i>);
    template <int i>
    static constexpr verdict product_dW = compare(S::template full_dW<i>, S::template doc_full_dW<i>);
    template <int i>
    static constexpr verdict product_db = compare(S::template full_db<i>, S::template doc_full_db<i>);
};

namespace detail {
template <std::size_t N>
std::string str(const fixed_string<N>& f) {
    return std::string(f.view());
}
/// text with @ -> n, $ -> n - 1, % -> n + 1
inline std::string layer(const char* text, int n) {
    std::string out;
    for (const char* p = text; *p; ++p) {
        if (*p == '@')
            out += std::to_string(n);
        else if (*p == '$')
            out += std::to_string(n - 1);
        else if (*p == '%')
            out += std::to_string(n + 1);
        else
            out += *p;
    }
    return out;
}
}  // namespace detail

namespace detail {
inline record make(const char* section, std::string title, std::string document, std::string engine,
                   std::string engine_matrix, verdict v, std::string difference, std::string assumptions, std::string note) {
    record r = record_of(section, std::move(title), std::move(document), std::move(engine), v, std::move(difference),
                         std::move(assumptions), std::move(note));
    r.matrix_latex = std::move(engine_matrix);
    return r;
}
inline std::string of_network(int L) { return " (L = " + std::to_string(L) + ")"; }

// One function per record: the compiler frees the memory of the constant
// evaluations behind a record before it builds the next.
template <int L, int n>
record jacobian_record() {
    using N = network<L, false>;
    return make("3.1", layer("\\partial h_{@} / \\partial h_{$}", n) + of_network(L),
                str(matrix_latex<style>(N::template doc_jacobian<n>, N::template x<n>, N::template y<n - 1>)),
                str(latex<style>(N::template jacobian<n>)),
                str(matrix_latex<style>(N::template jacobian<n>, N::template x<n>, N::template y<n - 1>)),
                compare(N::template jacobian<n>, N::template doc_jacobian<n>), "", "", "");
}
template <int L, int n>
record backward_step_record() {
    using N = network<L, false>;
    return make("3.1",
                layer("\\partial \\ell / \\partial h_{$} = (\\partial h_{@} / \\partial h_{$})^T \\partial \\ell / \\partial h_{@}", n) +
                    of_network(L),
                str(matrix_latex<style>(N::template doc_dh_prev<n>)), str(latex<style>(N::template dh_prev<n>)),
                str(matrix_latex<style>(N::template dh_prev<n>)),
                compare(N::template dh_prev<n>, N::template doc_dh_prev<n>), "", "", "");
}
template <int L, int n>
record product_record() {
    using N = network<L, false>;
    using C = checks<L>;
    constexpr bool fits = C::template product_shape_fits<n>;
    constexpr verdict v = fits ? C::template product<n> : verdict::differs;
    std::string difference;
    if constexpr (C::template product<n> != verdict::equal)
        difference = str(matrix_latex<style>(C::template product_difference<n>));
    std::string note;
    if (!fits)
        note = layer("the document's product has the factors of layers @..", n) + std::to_string(L - 1) +
               layer(", the chain rule those of layers %..", n) + std::to_string(L) +
               layer(": it is a vector of R^{D_{$}}, not of R^{D_{@}}; the difference is taken with all widths equal", n);
    return make("3.1", layer("\\partial \\ell / \\partial h_{@}, the general product", n) + of_network(L),
                str(matrix_latex<style>(N::template doc_dh<n>)), str(latex<style>(N::template full_dh<n>)),
                str(matrix_latex<style>(N::template full_dh<n>)), v, std::move(difference), assumptions_of<style>({}, N::targets_sum_to_one),
                std::move(note));
}
template <int L, int n>
record dz_record() {
    using N = network<L, false>;
    return make("3.2", layer("\\partial \\ell / \\partial z_{@} = \\sigma'(z_{@}) \\odot \\partial \\ell / \\partial h_{@}", n) + of_network(L),
                str(matrix_latex<style>(N::template doc_dz<n>)), str(latex<style>(N::template dz<n>)),
                str(matrix_latex<style>(N::template dz<n>)), compare(N::template dz<n>, N::template doc_dz<n>), "", "", "");
}
template <int L, int n>
record dW_element_record() {
    using N = network<L, false>;
    constexpr auto doc = N::template dz<n> * N::template h<n - 1>(N::template y<n - 1>);
    return make("3.2", layer("\\partial \\ell / \\partial W_{@}[x,y] = \\partial \\ell / \\partial z_{@}[x] h_{$}[y]", n) + of_network(L),
                str(latex<style>(doc)), str(latex<style>(N::template dW<n>)),
                str(matrix_latex<style>(N::template dW<n>, N::template x<n>, N::template y<n - 1>)),
                compare(N::template dW<n>, doc), "", "", "");
}
template <int L, int n>
record dW_record() {
    using N = network<L, false>;
    return make("3.2",
                layer("\\partial \\ell / \\partial W_{@} = (\\sigma'(z_{@}) \\odot \\partial \\ell / \\partial h_{@}) h_{$}^T", n) +
                    of_network(L),
                str(matrix_latex<style>(N::template doc_dW<n>, N::template x<n>, N::template y<n - 1>)),
                str(latex<style>(N::template dW<n>)),
                str(matrix_latex<style>(N::template dW<n>, N::template x<n>, N::template y<n - 1>)),
                compare(N::template dW<n>, N::template doc_dW<n>), "", "", "");
}
template <int L, int n>
record dW_drawn_record() {
    using N = network<L, false>;
    using S = network<L, true>;
    using C = checks<L>;
    return make("3.2", layer("\\partial \\ell / \\partial W_{@} as drawn (first row W_{@}[1,1], W_{@}[2,1], ...)", n) + of_network(L),
                str(matrix_latex<style>(N::template dW<n>, N::template y<n - 1>, N::template x<n>)),
                str(latex<style>(N::template dW<n>)),
                str(matrix_latex<style>(N::template dW<n>, N::template x<n>, N::template y<n - 1>)), C::template drawn<n>,
                str(matrix_latex<style>(C::template drawn_difference<n>, S::template x<n>, S::template y<n - 1>)), "",
                layer("the drawn matrix is the transpose, D_{$} x D_{@}, while the stated shape is D_{@} x D_{$}; "
                      "the difference is taken with all widths equal",
                      n));
}
template <int L, int n>
record db_record() {
    using N = network<L, false>;
    return make("3.2", layer("\\partial \\ell / \\partial b_{@} = \\sigma'(z_{@}) \\odot \\partial \\ell / \\partial h_{@}", n) + of_network(L),
                str(matrix_latex<style>(N::template doc_dz<n>)), str(latex<style>(N::template db<n>)),
                str(matrix_latex<style>(N::template db<n>)), compare(N::template db<n>, N::template doc_dz<n>), "", "", "");
}
}  // namespace detail

/// The records of sections 3.1 and 3.2 for an L-layer network: per layer,
/// the local Jacobian, the backward step, the general product for ∂ℓ/∂h_n,
/// and ∂ℓ/∂z_n, ∂ℓ/∂W_n (element, matrix, the matrix as drawn), ∂ℓ/∂b_n.
template <int L>
std::vector<record> records() {
    std::vector<record> out;
    [&]<int... n>(std::integer_sequence<int, n...>) {
        ((out.push_back(detail::jacobian_record<L, n + 1>()), out.push_back(detail::backward_step_record<L, n + 1>())), ...);
        (out.push_back(detail::product_record<L, n + 1>()), ...);
        ((out.push_back(detail::dz_record<L, n + 1>()), out.push_back(detail::dW_element_record<L, n + 1>()),
          out.push_back(detail::dW_record<L, n + 1>()), out.push_back(detail::dW_drawn_record<L, n + 1>()),
          out.push_back(detail::db_record<L, n + 1>())),
         ...);
    }(std::make_integer_sequence<int, L>{});
    return out;
}

}  // namespace leibniz::derivations::mlp
