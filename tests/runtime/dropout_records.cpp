// The records of the dropout sections that a report is generated from.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "../../derivations/dropout_records.hpp"

using namespace leibniz::derivations::dropout;
using leibniz::verdict;

TEST_CASE("dropout records: every section, every verdict explained") {
    std::vector<report_record> all = all_records();
    REQUIRE(all.size() == symbolic_records.size() + laws::law_records().size());
    std::set<std::string> sections;
    int differs = 0, symbolic = 0;
    for (const report_record& r : all) {
        INFO(r.section << " " << r.title);
        sections.insert(r.section);
        CHECK(!r.document_latex.empty());
        CHECK(!r.engine_latex.empty());
        CHECK(r.result != verdict::undecided);
        if (r.result == verdict::differs) {
            ++differs;
            CHECK(!r.difference_or_note.empty());
        }
        symbolic += r.how == method::symbolic;
    }
    CHECK(sections == std::set<std::string>{"1.2", "1.3", "1.4", "1.5"});
    CHECK(symbolic == static_cast<int>(symbolic_records.size()));
    // W W^T = I as written, E[h_i] without it, and the exponent M/alpha in 1.4
    CHECK(differs == 3);
}

TEST_CASE("dropout records: the W W^T = I step carries its difference and its assumption") {
    std::vector<report_record> all = all_records();
    int found = 0;
    for (const report_record& r : all) {
        if (r.title == "W W^T = I, as written") {
            ++found;
            CHECK(r.result == verdict::differs);
            CHECK(r.difference_or_note.rfind("-\\delta_{ik} + \\sum_{j=1}^{N} W_{ij} W_{kj}", 0) == 0);
        }
        if (r.title == "W W^T = I, assumed") {
            ++found;
            CHECK(r.result == verdict::equal);
            CHECK(r.engine_latex == "\\delta_{ik}");
            CHECK(r.assumptions.find("WW^T = I") != std::string::npos);
        }
    }
    CHECK(found == 2);
}
