// The loop plan of LayerNorm backward from its program of adjoints
// (derivations/models.hpp), with the row statistics given as a training
// framework saves them: the plan reads G ⊙ (X − μ) against γ in place (no
// temporary the size of the data) and ∂ℓ/∂β shares the pass of ∂ℓ/∂γ.
#include <catch2/catch.hpp>

#include <string>

#include <derivations/models.hpp>
#include <leibniz/emit.hpp>

#include "../support/listing_lines.hpp"

namespace {
using namespace leibniz;
namespace md = leibniz::derivations::models;
using listing_lines::starting, listing_lines::containing, listing_lines::starting_containing;

constexpr auto ln = md::layer_norm::program;
// computed at compile time, checked at run time (string_view searches are
// not constant expressions under -fsanitize)
constexpr auto& ln_saved = plan_listing(given<"mu1", "var1">, result(gradient<0>(ln), over(md::s, md::b)),
                                        result(gradient<1>(ln), over(md::b)), result(gradient<2>(ln), over(md::b)));
constexpr auto& ln_dX = plan_listing(given<"mu1", "var1">, result(gradient<0>(ln), over(md::s, md::b)));

TEST_CASE("plan_listing: LayerNorm backward from saved row statistics makes four passes over T x D") {
    const std::string all(ln_saved.view()), dx(ln_dX.view());
    INFO(all);
    INFO(dx);
    // Σ_a G and Σ_a G Ẑ per row; Σ_a G_sa γ_a (X − μ)_sa read in place; the
    // output; and ∂ℓ/∂γ with ∂ℓ/∂β in one column pass
    CHECK(starting(all, "T x D") == 4);
    CHECK(starting(dx, "T x D") == 3);
    // no temporary the size of the data: the only elementwise pass over
    // T x D writes ∂ℓ/∂X itself
    CHECK(starting(all, "T x D  elementwise") == 1);
    CHECK(starting_containing(all, "T x D  elementwise", " out0") == 1);
    // ∂ℓ/∂β (result 2) shares the pass of ∂ℓ/∂γ (result 1)
    CHECK(starting_containing(all, "T x D  sum", " out1") == 1);
    CHECK(starting_containing(all, "T x D  sum", " out2") == 1);
    CHECK(containing(all, " out2") == 1);
    // the row statistics are read, not recomputed; one 1/sqrt per row
    CHECK(containing(all, " mu1") == 0);
    CHECK(containing(all, " var1") == 0);
    CHECK(containing(all, "rsqrt") == 1);
}

}  // namespace
