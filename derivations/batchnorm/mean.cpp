// 2.3 Problem 3: ∂ℓ/∂m_j, with v held fixed (both readings) and through v
// (with and without Σ_i (Y_il − m_l) = 0); the local derivative ∂v_l/∂m_j.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

namespace {

template <class R>
record problem3_held(const char* note) {
    using I = reading_info<R>;
    using bn::j, bn::k, bn::l;
    std::string tag = I::tag;
    return make({"bn.dl-dm." + tag, "2.3", std::string("Problem 3: dl/dm_j with v held fixed, ") + I::words,
                       std::string("Problem 3: $\\partial \\ell / \\partial \\mathbf{m}_j$ with $\\mathbf{v}$ held fixed, ") + I::tex,
                       tex(partial_symbol(R::ell, bn::m(j))), "$\\mathbf{v}$ held fixed (a partial derivative)", note},
                      bn::engine<R>::dm_partial, bn::document<R>::dm);
}

}  // namespace

void add_mean(std::vector<record>& out) {
    using bn::j, bn::k, bn::l;
    using R = bn::inside;
    using In = bn::engine<R>;
    using Doc = bn::document<R>;

    record held = problem3_held<R>("The partial derivative the document's final line is: $\\mathbf{v}$ does not vary with $\\mathbf{m}$.");
    constexpr auto local_held = partial(R::Yhat(k, l), bn::m(j), bn::v);
    held.steps = chain_steps<R>(bn::m(j), local_held, In::dm_partial);
    out.push_back(std::move(held));
    out.push_back(problem3_held<bn::outside>("The document's final line has $\\sqrt{\\mathbf{v}_j + \\epsilon}$, Problem 1's "
                                             "$\\hat{Y}$ has $\\sqrt{\\mathbf{v}_j} + \\epsilon$: they differ."));

    const std::string q = tex(partial_symbol(R::ell, bn::m(j)));
    record total = make({"bn.dl-dm.total.inside", "2.3", "Problem 3: dl/dm_j through v, with sum_i (Y_il - m_l) = 0",
                              "Problem 3: $\\partial \\ell / \\partial \\mathbf{m}_j$ through $\\mathbf{v}$, with " +
                                  std::string(centered_tex),
                              q, "",
                              "The document's route: $\\partial \\mathbf{v}_l / \\partial \\mathbf{m}_j$ vanishes by the "
                              "definition of $\\mathbf{m}$.",
                              {by_m}},
                             In::dm_total_centered, Doc::dm, bn::centered);
    constexpr auto local_total = d(R::Yhat(k, l), bn::m(j), bn::centered);
    total.steps = chain_steps<R>(bn::m(j), local_total, In::dm_total_centered, bn::centered);
    // the step the document takes on the way
    total.steps.insert(total.steps.begin() + 1,
                       derivation_step{"local derivatives", tex(partial_symbol(bn::v(l), bn::m(j))), tex(bn::dv_dm)});
    out.push_back(std::move(total));

    out.push_back(make({"bn.dl-dm.total-raw.inside", "2.3", "Problem 3: dl/dm_j through v, no assumption",
                              "Problem 3: $\\partial \\ell / \\partial \\mathbf{m}_j$ through $\\mathbf{v}$, no assumption", q,
                              "",
                              "Without $\\sum_i (Y_{il} - \\mathbf{m}_l) = 0$ the engine keeps the term through "
                              "$\\mathbf{v}$; it is zero because $\\mathbf{m}$ is the mean of $Y$, which the "
                              "comparison shows by inlining the definition of $\\mathbf{m}$."},
                             In::dm_total, Doc::dm));

    const std::string dv_dm = tex(partial_symbol(bn::v(l), bn::m(j)));
    out.push_back(make({"bn.dv-dm", "2.3", "Problem 3, local: dv_l/dm_j, with sum_i (Y_il - m_l) = 0",
                              "Problem 3, local: $\\partial \\mathbf{v}_l / \\partial \\mathbf{m}_j$, with " + std::string(centered_tex),
                              dv_dm, "", "", {by_m}},
                             bn::dv_dm, bn::doc_dv_dm, bn::centered));
    out.push_back(make({"bn.dv-dm.raw", "2.3", "Problem 3, local: dv_l/dm_j, no assumption",
                              "Problem 3, local: $\\partial \\mathbf{v}_l / \\partial \\mathbf{m}_j$, no assumption", dv_dm, "",
                              "Different forms ($\\mathbf{m}$ is a name), the same formula once the definition of "
                              "$\\mathbf{m}$ is inlined: $\\sum_i Y_{il} - B \\mathbf{m}_l = 0$."},
                             bn::dv_dm_raw, bn::doc_dv_dm));
}

}  // namespace leibniz::derivations::batchnorm::parts
