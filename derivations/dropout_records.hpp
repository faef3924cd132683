// All checked results of the dropout sections (1.2 to 1.5) for the report:
// the symbolic verdicts of 1.2 (and the expectations of 1.3), fixed at
// compile time, and the numeric ones of 1.3 to 1.5, computed when called.
#pragma once
#include <vector>

#include "dropout.hpp"
#include "dropout_laws.hpp"

namespace leibniz::derivations::dropout {

inline std::vector<report_record> all_records() {
    std::vector<report_record> out;
    for (const record& r : symbolic_records) out.push_back(r.to_report());
    for (report_record& r : laws::law_records()) out.push_back(std::move(r));
    return out;
}

}  // namespace leibniz::derivations::dropout
