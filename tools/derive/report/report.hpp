// The LaTeX documents leibniz-derive writes.
#pragma once
#include <ostream>
#include <vector>

#include "derive/catalog/catalog.hpp"

namespace leibniz::derive {

/// The verified derivation report: a summary table of all verdicts, then a
/// section per document section with, for each result, the engine's
/// derivation, the document's formula, the verdict and the assumptions.
/// The programs of adjoints follow as a last section.
void write_report(std::ostream& out, const std::vector<entry>& entries, const std::vector<program_listing>& programs = {});

/// One result alone, as the report shows it, in a document of its own.
void write_result(std::ostream& out, const entry& e);

/// Every formula of every entry, one per display, in a minimal amsmath
/// document: if it compiles, each formula compiles on its own.
void write_formulas(std::ostream& out, const std::vector<entry>& entries);

}  // namespace leibniz::derive
