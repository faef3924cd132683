// The project's copy of the reference document, every displayed line judged
// (what the report's last section shows), and the formulas derivations/ keeps
// verbatim found in it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <derivations/document/formulas.hpp>

#include "derive/check/document_check.hpp"
#include "derive/check/reference_document.hpp"

using derive_check::judgement;

namespace {

const derive_check::document_verdict& reference() {
    static const derive_check::document_verdict v =
        derive_check::check_document(derive_check::reference_document(), derive_check::reference_symbols());
    return v;
}

/// The verdicts of the document's steps on a line (not the definitions they write out).
std::vector<judgement> verdicts_at(std::size_t line) {
    std::vector<judgement> out;
    for (const derive_check::judged_step& s : reference().steps)
        if (s.line == line && !s.definition) out.push_back(s.verdict);
    return out;
}

}  // namespace

TEST_CASE("reference: the formulas derivations/ keeps verbatim occur in the project's copy of the document") {
    const std::string_view text = derive_check::reference_document();
    for (std::string_view formula : leibniz::derivations::document::all) {
        INFO(formula);
        CHECK(text.find(formula) != std::string_view::npos);
    }
}

TEST_CASE("reference: every displayed line of the document judged") {
    const derive_check::document_verdict& v = reference();
    std::size_t n[5]{}, past[5]{}, definition[5]{};  // the = signs; steps past formulas not read; definitions written out
    for (const derive_check::judged_step& s : v.steps)
        ++(s.definition ? definition : s.past > 0 ? past : n)[static_cast<int>(s.verdict)];
    INFO("steps " << v.steps.size() << ", rows " << v.rows << ", judged " << v.judged_rows);
    CHECK(v.displays == 59);
    CHECK(v.rows == 124);
    CHECK(v.judged_rows == 88);
    CHECK(n[static_cast<int>(judgement::equal)] == 94);
    CHECK(n[static_cast<int>(judgement::differs)] == 2);
    CHECK(n[static_cast<int>(judgement::notation)] == 0);
    CHECK(n[static_cast<int>(judgement::undecided)] == 0);
    CHECK(n[static_cast<int>(judgement::unreadable)] == 41);
    CHECK(past[static_cast<int>(judgement::equal)] == 3);
    CHECK(past[static_cast<int>(judgement::unreadable)] == 0);
    // ∂A/∂x = ∂/∂x (E): A = E claimed, in 2.3 (Ŷ, m, v), 3.1 (ℓ, y)
    CHECK(definition[static_cast<int>(judgement::equal)] == 8);
    CHECK(definition[static_cast<int>(judgement::differs)] == 1);
    CHECK(definition[static_cast<int>(judgement::notation)] == 1);
}

TEST_CASE("reference: the definitions the derivative steps write out") {
    auto claim_at = [](std::size_t line) {
        for (const derive_check::judged_step& s : reference().steps)
            if (s.line == line && s.definition) return s;
        return derive_check::judged_step{};
    };
    // Problem 1 writes Ŷ_kl with β_j for β_l: an index the left side does not have
    derive_check::judged_step p1 = claim_at(137);
    CHECK(p1.left == "\\hat{Y}_{kl}");
    CHECK(p1.verdict == judgement::notation);
    CHECK(p1.detail == "free indices differ: k, l on the left, j, k, l on the right");
    // Problem 3 writes Ŷ with ε outside the root, where its own later lines (and Problems 4, 5) put it inside
    derive_check::judged_step p3 = claim_at(169);
    CHECK(p3.verdict == judgement::differs);
    CHECK(p3.detail.find("\\sqrt{\\epsilon + \\mathbf{v}_{l}}") != std::string::npos);
    CHECK(claim_at(153).verdict == judgement::equal);  // Problem 2, β_l
    CHECK(claim_at(189).verdict == judgement::equal);  // Problem 4
    CHECK(claim_at(173).verdict == judgement::equal);  // v_l
    CHECK(claim_at(267).verdict == judgement::equal);  // ℓ, the cross-entropy
    CHECK(claim_at(279).verdict == judgement::equal);  // y, the softmax
}

TEST_CASE("reference: 1.2's expectations over the random variables, taken by the engine") {
    using j = judgement;
    // E[h̃_i] and Var(h̃_i) line by line; Var(h_i)
    CHECK(verdicts_at(45) == std::vector{j::equal, j::equal, j::equal, j::equal});
    CHECK(verdicts_at(49) == std::vector{j::equal, j::equal, j::equal, j::equal, j::equal});
    CHECK(verdicts_at(37) == std::vector{j::equal, j::equal});
    // E[h_i] = (an integral) = ... = 1/sqrt(2 pi): the integrals are not read, their ends are judged
    CHECK(verdicts_at(33) == std::vector{j::unreadable, j::unreadable, j::unreadable, j::equal});
    CHECK(verdicts_at(35) == std::vector{j::unreadable, j::unreadable, j::equal});
    for (const derive_check::judged_step& s : reference().steps)
        if (s.line == 33 && s.verdict == j::equal) CHECK((s.left == "\\mathbb{E}[h_i]" && s.right == "\\frac{1}{\\sqrt{2\\pi}}" && s.past == 2));
}

TEST_CASE("reference: the steps of 2.3 read and judged, each against the line before it") {
    // 2.3 runs from line 121 to 243; only the vectors written as matrices (∂ℓ/∂γ = [∂ℓ/∂γ_1 ...]) are not read
    const std::set<std::size_t> matrices = {129, 145, 161, 181, 201};
    for (const derive_check::judged_step& s : reference().steps) {
        if (s.line < 121 || s.line > 243) continue;
        INFO("line " << s.line << ": " << s.left << " = " << s.right << "  " << s.detail);
        CHECK((s.verdict == judgement::unreadable) == (matrices.count(s.line) == 1));
    }
    // Problem 3 writes Ŷ with ε outside the root, then differentiates it as if inside
    CHECK(verdicts_at(169) == std::vector{judgement::differs, judgement::equal});
    // Problem 5's last step: the sign inside the braces is wrong
    CHECK(verdicts_at(241) == std::vector{judgement::differs});
    CHECK(verdicts_at(240) == std::vector{judgement::equal});
    // the chain rule with its factors differentiated by the engine
    CHECK(verdicts_at(133) == std::vector{judgement::equal, judgement::equal});
    // ∂v_l/∂m_j: the sign of the second line is lost, but every line is 0 where m is the mean
    CHECK(verdicts_at(173) == std::vector{judgement::equal, judgement::equal, judgement::equal, judgement::equal});
}

TEST_CASE("reference: 2.2 with batch expectations, and 3.1's softmax and cross-entropy steps") {
    // E[Ŷ] = β and Var(Ŷ) = γ², two formulas on one row
    CHECK(verdicts_at(119) == std::vector{judgement::equal, judgement::equal});
    // E[Ŷ]'s chain: the factor γ/v (for γ/√v) multiplies E[Y] − E[m] = 0, so each line still holds
    CHECK(verdicts_at(113) == std::vector{judgement::equal, judgement::equal, judgement::equal, judgement::equal});
    CHECK(verdicts_at(267) == std::vector{judgement::equal, judgement::equal, judgement::equal});
    CHECK(verdicts_at(279) == std::vector{judgement::equal, judgement::equal, judgement::equal, judgement::equal});
}

TEST_CASE("reference: matrix notation read at implicit indices (1.2's vectors, 3.1, 3.2)") {
    using j = judgement;
    // E[z] = E[W x] = W E[x] = 0, and the covariance matrices Var(z) = Var(W x) = W Var(x) W^T
    CHECK(verdicts_at(23) == std::vector{j::equal, j::equal, j::equal});
    CHECK(verdicts_at(25) == std::vector{j::equal, j::equal, j::unreadable});  // then a matrix of Cov entries, not read
    CHECK(verdicts_at(41) == std::vector{j::equal});  // Var(h) = (1/2 - 1/(2 pi)) I_M
    CHECK(verdicts_at(53) == std::vector{j::equal});
    // dl/dh_L = (dy/dh_L)^T dl/dy, a Jacobian transposed times a gradient
    CHECK(verdicts_at(253) == std::vector{j::equal});
    // dl/dz_i = (dh_i/dz_i)^T dl/dh_i = sigma'(z_i) (.) dl/dh_i, and dl/dW_i as an outer product
    CHECK(verdicts_at(303) == std::vector{j::equal, j::equal});
    CHECK(verdicts_at(307) == std::vector{j::equal});
    // dl/db_i = (dz_i/db_i)^T dl/dz_i = I (...) = ...: I takes the extent of what it multiplies
    CHECK(verdicts_at(313) == std::vector{j::equal, j::equal, j::equal});
    // W W^T = I under the document's assumption (orthonormal rows, in the symbol file)
    CHECK(verdicts_at(29) == std::vector{j::unreadable, j::unreadable, j::equal, j::equal});
}
