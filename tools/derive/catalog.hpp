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

/// One line of a derivation, lhs = rhs (LaTeX), under a caption; consecutive
/// lines with the same caption are displayed together.
struct derivation_step {
    std::string caption;
    std::string lhs, rhs;
};

/// Source code for a result in a language ("cpp"), or "" when that language
/// is not supported. Entries without code emission leave it null.
using emitter = std::string (*)(std::string_view lang);

/// A named result: one `leibniz-derive show` target and one block of the report.
struct entry {
    std::string name;      ///< "bn.dl-dgamma.outside": lower case, digits, '.', '-'
    std::string heading;   ///< LaTeX text for the report's heading; empty: the record's title
    std::string quantity;  ///< LaTeX of what is derived, the left-hand side; may be empty
    derivations::record rec;
    std::string engine_matrix;  ///< the engine's result in matrix notation, where the family gives it
    std::vector<derivation_step> steps;
    /// The verdict comes from a numeric check; rec.engine_latex then
    /// describes the check (text with math) rather than being a formula.
    bool numeric = false;
    emitter emit = nullptr;
};

// ---- the families: one function each, each in its own .cpp --------------------------------------
std::vector<entry> dropout_entries();    ///< 1.2 - 1.5 (tools/derive/dropout_records.cpp)
std::vector<entry> batchnorm_entries();  ///< 2.2, 2.3 (tools/derive/batchnorm_records.cpp)
std::vector<entry> mlp_entries();        ///< 3.1, 3.2 (tools/derive/mlp_records.cpp)

/// A backpropagation program (leibniz::backprop) printed step by step: the
/// graph's definitions, each local derivative, each adjoint and the gradients.
struct program_listing {
    std::string name;   ///< "bn.program.inside"
    std::string title;  ///< LaTeX text for the heading
    std::string note;   ///< LaTeX text: what the program shows
    std::vector<derivation_step> steps;
};

/// The rows of latex(backprop(...)) (an aligned block with "% caption"
/// lines) as steps.
std::vector<derivation_step> program_steps(std::string_view aligned);

std::vector<program_listing> document_programs();  ///< 2.3 and 3.1/3.2 (tools/derive/programs_document.cpp)
// models beyond the document (derivations/models.hpp), one TU each
program_listing layer_norm_program();    ///< tools/derive/program_layer_norm.cpp
program_listing residual_mlp_program();  ///< tools/derive/program_residual_mlp.cpp
program_listing attention_program();     ///< tools/derive/program_attention.cpp
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
