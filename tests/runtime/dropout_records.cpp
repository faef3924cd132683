// The records of the dropout sections that a report is generated from.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "../../derivations/dropout_records.hpp"

using namespace leibniz::derivations::dropout;
using leibniz::verdict;

TEST_CASE("dropout records: every section, every verdict explained") {
    std::vector<leibniz::derivations::record> all = records();
    REQUIRE(all.size() == symbolic_results.size() + laws::records().size());
    std::set<std::string> sections;
    int differs = 0, symbolic = 0;
    for (const leibniz::derivations::record& r : all) {
        INFO(r.section << " " << r.title);
        sections.insert(r.section);
        CHECK(!r.document_latex.empty());
        CHECK(!r.engine_latex.empty());
        CHECK(r.result != verdict::undecided);
        if (r.result == verdict::differs) {
            ++differs;
            CHECK(!(r.difference_latex.empty() && r.note.empty()));
        }
        symbolic += r.how == leibniz::derivations::method::symbolic;
    }
    CHECK(sections == std::set<std::string>{"1.2", "1.3", "1.4", "1.5"});
    CHECK(symbolic == static_cast<int>(symbolic_results.size()));
    // W W^T = I as written, E[h_i] without it, and the exponent M/alpha in 1.4
    CHECK(differs == 3);
}

TEST_CASE("dropout records: the W W^T = I step carries its difference and its assumption") {
    std::vector<leibniz::derivations::record> all = records();
    int found = 0;
    for (const leibniz::derivations::record& r : all) {
        if (r.title == "W W^T = I, as written") {
            ++found;
            CHECK(r.result == verdict::differs);
            CHECK(r.difference_latex == "\\sum_{j=1}^{N} W_{ij} W_{kj} - \\delta_{ik}");
        }
        if (r.title == "W W^T = I, assumed") {
            ++found;
            CHECK(r.result == verdict::equal);
            CHECK(r.engine_latex == "\\delta_{ik}");
            // the rewrite the engine used, printed by the engine
            CHECK(r.assumptions == "$\\sum_{j=1}^{N} W_{ij} W_{kj} - \\delta_{ik} = 0$ ($WW^T = I$: orthonormal rows)");
        }
    }
    CHECK(found == 2);
}
