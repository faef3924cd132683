// The catalog: sections of the reference document and every family's entries.
#include "catalog.hpp"

#include <derivations/batchnorm_records.hpp>

#include "derive/emit/emitters.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace leibniz::derive {

const std::vector<section_info>& sections() {
    static const std::vector<section_info> all = {
        {"1.2", "Dropout: mean and variance of $\\mathbf{h}$ and $\\tilde{\\mathbf{h}}$", "derivations/dropout.hpp"},
        {"1.3", "Dropout: the number of kept units", "derivations/dropout.hpp, derivations/dropout_laws.hpp"},
        {"1.4", "Dropout: the Poisson limit", "derivations/dropout_laws.hpp"},
        {"1.5", "Dropout: a Poisson number of units (thinning)", "derivations/dropout_laws.hpp"},
        {"2.2", "Batch normalization: mean and variance of $\\hat{Y}$", "derivations/batchnorm.hpp"},
        {"2.3", "Batch normalization: the gradients", "derivations/batchnorm.hpp"},
        {"3.1", "Network with softmax: $\\partial \\ell / \\partial \\mathbf{h}_i$", "derivations/mlp.hpp, derivations/softmax.hpp"},
        {"3.2", "Network: $\\partial \\ell / \\partial W_i$ and $\\partial \\ell / \\partial \\mathbf{b}_i$", "derivations/mlp.hpp"},
    };
    return all;
}

std::vector<derivation_step> program_steps(std::string_view aligned) {
    std::vector<derivation_step> out;
    std::string caption;
    std::size_t at = 0;
    while (at < aligned.size()) {
        std::size_t end = aligned.find('\n', at);
        if (end == std::string_view::npos) end = aligned.size();
        std::string_view line = aligned.substr(at, end - at);
        at = end + 1;
        if (line.starts_with("% ")) {
            caption = std::string(line.substr(2));
            continue;
        }
        std::size_t eq = line.find(" &= ");
        if (eq == std::string_view::npos) continue;  // \begin{aligned}, \end{aligned}
        std::string_view rhs = line.substr(eq + 4);
        if (rhs.ends_with(" \\\\")) rhs.remove_suffix(3);
        out.push_back({caption, std::string(line.substr(0, eq)), std::string(rhs)});
    }
    return out;
}

std::vector<program_listing> all_programs() {
    std::vector<program_listing> out = document_programs();
    out.push_back(layer_norm_program());
    out.push_back(residual_mlp_program());
    out.push_back(attention_program());
    return out;
}

std::vector<entry> all_entries() {
    std::vector<entry> out;
    auto add = [&](std::string_view family, std::vector<entry> records) {
        std::vector<entry> named;
        for (entry& e : records) {
            if (e.name.empty()) e.name = numbered_name(family, e.section, e.title, named);
            named.push_back(std::move(e));
        }
        for (entry& e : named) out.push_back(std::move(e));
    };
    add("dropout", dropout_records());
    add("bn", derivations::batchnorm::records());
    add("softmax", softmax_records());
    add("mlp", mlp_records());
    auto rank = [](const entry& e) {
        const auto& s = sections();
        auto it = std::find_if(s.begin(), s.end(), [&](const section_info& x) { return x.number == e.section; });
        return it - s.begin();
    };
    std::stable_sort(out.begin(), out.end(), [&](const entry& a, const entry& b) { return rank(a) < rank(b); });
    for (entry& e : out) e.emit = emitter_for(e.name);
    return out;
}

namespace {

/// Words of a title: "\\partial \\ell / \\partial y_j" -> "dl-dy-j"; at most 24 characters.
std::string slug(std::string_view title) {
    std::string words;
    for (std::size_t i = 0; i < title.size(); ++i) {
        if (title[i] != '\\') {
            words += title[i];
            continue;
        }
        std::size_t e = i + 1;
        while (e < title.size() && std::isalpha(static_cast<unsigned char>(title[e]))) ++e;
        std::string_view cmd = title.substr(i + 1, e - i - 1);
        if (cmd == "partial") words += " d";
        else if (cmd == "ell") words += "l";
        else if (cmd != "operatorname" && cmd != "frac" && cmd != "left" && cmd != "right" && cmd != "mathbf" && cmd != "text")
            words.append(" ").append(cmd).append(" ");
        i = e > i + 1 ? e - 1 : i + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        char ch = words[i];
        // "d y" from \partial y reads "dy"
        bool glue = ch == ' ' && !out.empty() && out.back() == 'd' && (out.size() == 1 || out[out.size() - 2] == '-');
        if (std::isalnum(static_cast<unsigned char>(ch)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        else if (!glue && !out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.size() > 24) {
        out.resize(25);
        std::size_t cut = out.rfind('-');
        out.resize(cut == std::string::npos || cut == 0 ? 24 : cut);
    }
    return out;
}

}  // namespace

std::string numbered_name(std::string_view family, std::string_view section, std::string_view title,
                          const std::vector<entry>& so_far) {
    int n = 1;
    for (const entry& e : so_far) n += e.section == section && e.name.starts_with(std::string(family) + ".") ? 1 : 0;
    char num[16];
    std::snprintf(num, sizeof num, "%02d", n);
    return std::string(family) + "." + std::string(section) + "." + num + "-" + slug(title);
}

const entry* find_entry(const std::vector<entry>& all, std::string_view name) {
    for (const entry& e : all)
        if (e.name == name) return &e;
    return nullptr;
}

}  // namespace leibniz::derive
