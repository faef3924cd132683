// The record of one checked result of the dropout sections (1.2 to 1.5),
// in the form a report is generated from.
#pragma once
#include <string>

#include <leibniz/core.hpp>

namespace leibniz::derivations::dropout {

/// How a verdict was reached.
enum class method : unsigned char {
    symbolic,  ///< the engine's derivation, compared at compile time
    numeric    ///< evaluated in floating point (limits, series, identities at finite M)
};

/// One checked result: the document's formula, the engine's, the verdict,
/// engine - document where they differ (or a note), and the assumptions.
struct report_record {
    std::string section, title, document_latex, engine_latex;
    verdict result;
    std::string difference_or_note;
    std::string assumptions;
    method how;
};

}  // namespace leibniz::derivations::dropout
