// The project's copy of the reference document and the symbols its formulas
// use (derivations/document/), built into the tool so that the report judges
// every displayed line without reading files at run time.
#pragma once
#include <string_view>

namespace derive_check {

/// derivations/document/homework1.md, as the project keeps it.
std::string_view reference_document();
/// derivations/document/homework1.symbols: the document's symbols, read by part.
std::string_view reference_symbols();
/// The project's path of the document, for messages ("derivations/document/homework1.md").
std::string_view reference_document_name();

}  // namespace derive_check
