// The LaTeX documents leibniz-derive writes.
#pragma once
#include <ostream>
#include <string_view>
#include <vector>

#include "derive/catalog/catalog.hpp"
#include "derive/check/document_check.hpp"

namespace leibniz::derive {

/// The verified derivation report: a summary table of all verdicts, then a
/// section per document section with, for each result, the engine's
/// derivation, the document's formula, the verdict and the assumptions.
/// The programs of adjoints follow, and then, where `lines` is given, every
/// displayed line of the document (`document`) with its verdict.
void write_report(std::ostream& out, const std::vector<entry>& entries, const std::vector<program_listing>& programs = {},
                  const derive_check::document_verdict* lines = nullptr, std::string_view document = {});

/// One result alone, as the report shows it, in a document of its own.
void write_result(std::ostream& out, const entry& e);

/// Every formula of every entry, one per display, in a minimal amsmath
/// document: if it compiles, each formula compiles on its own.
void write_formulas(std::ostream& out, const std::vector<entry>& entries);

}  // namespace leibniz::derive
