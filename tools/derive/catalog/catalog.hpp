// The catalog leibniz-derive works on: every verified result of the
// reference document, by name, with its record and (where the engine
// produces one) its step-by-step derivation. Each family of results is built
// in its own translation units, since their symbolic work is compile-time.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <derivations/record.hpp>

namespace leibniz::derive {

using derivations::derivation_step;
using derivations::emitter;

/// A named result: one `leibniz-derive show` target and one block of the
/// report. Every section's records() gives them; the catalog names those
/// that do not name themselves and gives each its emitter, if any.
using entry = derivations::record;

// ---- the sections' records, where they are compiled: one TU each -------------------------------
std::vector<entry> dropout_records();  ///< 1.2 - 1.5 (catalog/dropout.cpp)
std::vector<entry> softmax_records();  ///< 3.1, the softmax layer (catalog/network.cpp)
std::vector<entry> mlp_records();      ///< 3.1, 3.2, a network of two layers (catalog/network.cpp)
// 2.2 and 2.3: derivations::batchnorm::records() (derivations/batchnorm_records.hpp)

/// A backpropagation program (leibniz::backprop) printed step by step: the
/// graph's definitions, each local derivative, each adjoint and the gradients.
struct program_listing {
    std::string name;   ///< "bn.program.inside"
    std::string title;  ///< LaTeX text for the heading
    std::string note;   ///< LaTeX text: what the program shows
    std::vector<derivation_step> steps;
    /// One function computing every gradient of the program (`leibniz-derive
    /// emit <name>`), each into an output named after its variable (dX, dgamma1, ...).
    emitter emit = nullptr;
};

/// The rows of latex(backprop(...)) (an aligned block with "% caption"
/// lines) as steps.
std::vector<derivation_step> program_steps(std::string_view aligned);

std::vector<program_listing> document_programs();  ///< 2.3 and 3.1/3.2 (catalog/programs_document.cpp)
// models beyond the document (derivations/models.hpp), one TU each
program_listing layer_norm_program();    ///< catalog/program_layer_norm.cpp
program_listing residual_mlp_program();  ///< catalog/program_residual_mlp.cpp
program_listing attention_program();     ///< catalog/program_attention.cpp
std::vector<program_listing> all_programs();

/// A section of the reference document, and where its results come from.
struct section_info {
    std::string_view number;  ///< "2.3"
    std::string_view title;   ///< LaTeX text
    std::string_view source;  ///< the derivations header its results come from
};
/// The document's sections the report covers, in order.
const std::vector<section_info>& sections();

/// Every entry, in the order of sections().
std::vector<entry> all_entries();
/// The entry called `name`, or null.
const entry* find_entry(const std::vector<entry>& all, std::string_view name);

/// A name for the next result of `section` in `so_far`, numbered in order and
/// ending in words of its title: "dropout.1.2.03-w-w-t-i-as-written".
std::string numbered_name(std::string_view family, std::string_view section, std::string_view title,
                          const std::vector<entry>& so_far);

}  // namespace leibniz::derive
