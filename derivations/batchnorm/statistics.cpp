// 2.2: the batch mean and variance of Ŷ, without ε (the document's 2.2) and
// with ε inside the root; the remark on the document's second line.
#include "parts.hpp"

namespace leibniz::derivations::batchnorm::parts {

void add_statistics(std::vector<record>& out) {
    using bn::i, bn::j;
    using S = bn::statistics;
    using D = bn::stated_statistics;
    const std::string batch_average = "$\\mathbb{E}$ is the batch average $\\frac{1}{B} \\sum_i$, so that "
                                      "$\\mathbb{E}[Y_{ij}] = \\mathbf{m}_j$.";
    const std::string E_lhs = "\\mathbb{E}[\\hat{Y}_{ij}]", Var_lhs = "\\operatorname{Var}(\\hat{Y}_{ij})";

    constexpr auto mean_def = bn::batch_mean(bn::Yhat0(i, j));
    constexpr auto mean_unfolded = unfold(mean_def, bn::Yhat0);
    record mean = make({"bn.mean", "2.2", "E[Yhat_ij], no eps", "$\\mathbb{E}[\\hat{Y}_{ij}]$, $\\hat{Y}$ without $\\epsilon$",
                             E_lhs, "", batch_average, {by_m}},
                            S::mean, D::mean, bn::centered);
    mean.steps = {
        {"the batch average", E_lhs, tex(mean_def)},
        {"$\\hat{Y}_{ij}$ unfolded", E_lhs, tex(mean_unfolded)},
        {"collected, no assumption", E_lhs, tex(canonical(mean_unfolded))},
        {"with $\\sum_i (Y_{ij} - \\mathbf{m}_j) = 0$", E_lhs, tex(S::mean)},
    };
    out.push_back(std::move(mean));

    out.push_back(make(
        {"bn.mean.line2", "2.2", "E[Yhat_ij], the document's second line",
         "$\\mathbb{E}[\\hat{Y}_{ij}]$, the document's second line", E_lhs, "",
         "The line has $\\gamma_j / \\mathbf{v}_j$ where $\\gamma_j / \\sqrt{\\mathbf{v}_j}$ belongs; it is still right, "
         "as the factor multiplies $\\mathbb{E}[Y_{ij}] - \\mathbb{E}[\\mathbf{m}_j] = 0$.",
         {by_m}},
        S::mean, D::mean_line2, bn::centered));

    constexpr auto var_def = bn::batch_mean(pow<2>(bn::Yhat0(i, j) - bn::batch_mean(bn::Yhat0(i, j))));
    record var = make({"bn.var", "2.2", "Var(Yhat_ij), no eps", "$\\operatorname{Var}(\\hat{Y}_{ij})$, $\\hat{Y}$ without $\\epsilon$",
                            Var_lhs, "", batch_average, {by_m, by_v}},
                           S::var, D::var, bn::centered, bn::variance_identity);
    var.steps = {
        {"the batch variance", Var_lhs, tex(var_def)},
        {"$\\hat{Y}$ unfolded", Var_lhs, tex(unfold(var_def, bn::Yhat0))},
        {"with both definitions used", Var_lhs, tex(S::var)},
    };
    out.push_back(std::move(var));

    out.push_back(make({"bn.mean.eps", "2.2", "E[Yhat_ij], eps inside the root",
                              "$\\mathbb{E}[\\hat{Y}_{ij}]$, $\\hat{Y}$ with $\\sqrt{\\mathbf{v}_j + \\epsilon}$", E_lhs, "",
                              "With $\\epsilon$, as in the definition of batch normalization the document's 2.3 uses.",
                              {by_m}},
                             S::mean_eps, D::mean, bn::centered));
    // the note's closed form, checked
    static_assert(compare(difference(S::var_eps, D::var),
                          -(pow<2>(bn::gamma(j)) * bn::eps / (bn::v(j) + bn::eps))) == verdict::equal);
    out.push_back(make({"bn.var.eps", "2.2", "Var(Yhat_ij), eps inside the root",
                              "$\\operatorname{Var}(\\hat{Y}_{ij})$, $\\hat{Y}$ with $\\sqrt{\\mathbf{v}_j + \\epsilon}$", Var_lhs,
                              "",
                              "The document's $\\gamma_j^2$ holds only for $\\epsilon = 0$: the difference is "
                              "$-\\gamma_j^2 \\epsilon / (\\mathbf{v}_j + \\epsilon)$.",
                              {by_m, by_v}},
                             S::var_eps, D::var, bn::centered, bn::variance_identity));
}

}  // namespace leibniz::derivations::batchnorm::parts
