// The records the report is made from (sections 3.1 and 3.2): complete,
// and consistent with the verdicts the static tests pin.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../derivations/mlp.hpp"
#include "../../derivations/softmax.hpp"

namespace {
using leibniz::verdict;
using leibniz::derivations::record;

const record& find(const std::vector<record>& rs, const std::string& title) {
    for (const record& r : rs)
        if (r.title == title) return r;
    FAIL("no record titled " << title);
    return rs.front();
}

void consistent(const record& r) {
    INFO(r.title);
    CHECK(!r.document_latex.empty());
    CHECK(!r.engine_latex.empty());
    CHECK(!r.matrix_latex.empty());
    // a difference exactly where the verdict is not a match
    CHECK(r.difference_latex.empty() == (r.result == verdict::equal));
}

TEST_CASE("softmax records (3.1)") {
    std::vector<record> rs = leibniz::derivations::softmax::records();
    REQUIRE(rs.size() == 5);
    for (const record& r : rs) {
        CHECK(r.section == "3.1");
        consistent(r);
    }
    const record& unstated = find(rs, "(\\partial y / \\partial h_L)^T \\partial \\ell / \\partial y = y - \\bar{y}");
    CHECK(unstated.result == verdict::differs);
    CHECK(unstated.difference_latex == "y[k] (\\sum_{k'=1}^{K} \\bar{y}[k'] - 1)");
    const record& stated =
        find(rs, "(\\partial y / \\partial h_L)^T \\partial \\ell / \\partial y = y - \\bar{y}, targets summing to one");
    CHECK(stated.result == verdict::equal);
    CHECK(stated.matrix_latex == "y - \\bar{y}");
    // the assumption, printed by the engine from the option the derivative is taken under
    CHECK(stated.assumptions == "$\\sum_{k=1}^{K} \\bar{y}[k] - 1 = 0$");
    CHECK(find(rs, "\\partial y_i / \\partial h_L[k]").matrix_latex == "\\operatorname{diag}(y) - y\\, y^{T}");
}

TEST_CASE("network records (3.1, 3.2), two layers") {
    std::vector<record> rs = leibniz::derivations::mlp::records<2>();
    REQUIRE(rs.size() == 16);  // per layer: 2 of 3.1, the product, 5 of 3.2
    for (const record& r : rs) consistent(r);

    const record& p1 = find(rs, "\\partial \\ell / \\partial h_{1}, the general product (L = 2)");
    CHECK(p1.result == verdict::differs);
    CHECK(p1.matrix_latex == "(\\operatorname{diag}(\\sigma'(z_{2}))\\, W_{2})^{T} (y - \\bar{y})");
    CHECK(p1.document_latex == "(\\operatorname{diag}(\\sigma'(z_{1}))\\, W_{1})^{T} (y - \\bar{y})");
    CHECK(p1.note.find("R^{D_{0}}, not of R^{D_{1}}") != std::string::npos);
    CHECK(find(rs, "\\partial \\ell / \\partial h_{2}, the general product (L = 2)").result == verdict::equal);

    for (int n = 1; n <= 2; ++n) {
        const std::string k = std::to_string(n), prev = std::to_string(n - 1);
        INFO("layer " << n);
        CHECK(find(rs, "\\partial h_{" + k + "} / \\partial h_{" + prev + "} (L = 2)").result == verdict::equal);
        const record& w = find(rs, "\\partial \\ell / \\partial W_{" + k + "} = (\\sigma'(z_{" + k +
                                              "}) \\odot \\partial \\ell / \\partial h_{" + k + "}) h_{" + prev + "}^T (L = 2)");
        CHECK(w.result == verdict::equal);
        CHECK(w.matrix_latex == "(\\sigma'(z_{" + k + "}) \\odot \\frac{\\partial \\ell}{\\partial h_{" + k +
                                           "}})\\, h_{" + prev + "}^{T}");
        const record& drawn = find(rs, "\\partial \\ell / \\partial W_{" + k + "} as drawn (first row W_{" + k +
                                                  "}[1,1], W_{" + k + "}[2,1], ...) (L = 2)");
        CHECK(drawn.result == verdict::differs);
        CHECK(drawn.document_latex == "h_{" + prev + "}\\, (\\sigma'(z_{" + k + "}) \\odot \\frac{\\partial \\ell}{\\partial h_{" +
                                          k + "}})^{T}");
    }
}

}  // namespace
