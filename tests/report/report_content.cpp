// The report: every result of the document's sections, each with a verdict;
// for 2.2 and 2.3 the verdict each result must have.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "run_tool.hpp"

namespace {

struct block {
    std::string section, verdict, text;
};

/// The report's result blocks by name: \subsection*{...}\label{res:NAME} up to the next one.
std::map<std::string, block> blocks_of(const std::string& tex) {
    std::map<std::string, block> out;
    std::string section;
    std::size_t at = 0;
    for (;;) {
        std::size_t sec = tex.find("\\section*{", at), sub = tex.find("\\subsection*{", at);
        if (sec == std::string::npos && sub == std::string::npos) break;
        if (sec < sub) {
            std::size_t b = sec + 10;
            // the programs of adjoints come after the document's sections and hold no results
            if (tex.compare(b, 24, "Backpropagation programs") == 0) break;
            section = tex.substr(b, tex.find("\\quad", b) - b);
            at = b;
            continue;
        }
        std::size_t end = std::min(tex.find("\\subsection*{", sub + 1), tex.find("\\section*{", sub + 1));
        std::string text = tex.substr(sub, end == std::string::npos ? std::string::npos : end - sub);
        std::size_t l = text.find("\\label{res:");
        REQUIRE(l != std::string::npos);
        std::string name = text.substr(l + 11, text.find('}', l) - l - 11);
        std::string verdict;
        std::size_t v = text.find("\\textbf{Verdict:} \\v");
        if (v != std::string::npos) {
            std::size_t b = v + 20;
            std::size_t e = b;
            while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) ++e;
            verdict = text.substr(b, e - b);
        }
        INFO(name);
        CHECK(out.emplace(name, block{section, verdict, text}).second);
        at = sub + 1;
    }
    return out;
}

const std::string& report() {
    static const std::string tex = [] {
        auto path = report_test::work_dir() / "content.tex";
        auto o = report_test::run({"report", "--out", path.string()});
        REQUIRE(o.status == 0);
        return report_test::slurp(path);
    }();
    return tex;
}

}  // namespace

TEST_CASE("2.2 and 2.3: every result, with the verdict it has") {
    const std::map<std::string, std::pair<std::string, std::string>> expected = {
        // 2.2
        {"bn.mean", {"2.2", "matches"}},
        {"bn.mean.line2", {"2.2", "matches"}},
        {"bn.var", {"2.2", "matches"}},
        {"bn.mean.eps", {"2.2", "matches"}},
        {"bn.var.eps", {"2.2", "differs"}},
        // 2.3, Problems 1 and 2
        {"bn.dl-dgamma.outside", {"2.3", "matches"}},
        {"bn.dl-dgamma.inside", {"2.3", "differs"}},
        {"bn.dYhat-dgamma.outside", {"2.3", "matches"}},
        {"bn.dYhat-dgamma.inside", {"2.3", "differs"}},
        {"bn.dl-dbeta.inside", {"2.3", "matches"}},
        {"bn.dl-dbeta.outside", {"2.3", "matches"}},
        {"bn.dYhat-dbeta", {"2.3", "matches"}},
        // Problem 3
        {"bn.dl-dm.inside", {"2.3", "matches"}},
        {"bn.dl-dm.outside", {"2.3", "differs"}},
        {"bn.dl-dm.total.inside", {"2.3", "matches"}},
        {"bn.dl-dm.total-raw.inside", {"2.3", "matches"}},
        {"bn.dv-dm", {"2.3", "matches"}},
        {"bn.dv-dm.raw", {"2.3", "matches"}},
        // Problem 4
        {"bn.dl-dv.inside", {"2.3", "matches"}},
        {"bn.dl-dv.outside", {"2.3", "differs"}},
        // Problem 5
        {"bn.dl-dY.inside", {"2.3", "differs"}},
        {"bn.dl-dY.sign-corrected.inside", {"2.3", "matches"}},
        {"bn.dl-dY.raw.inside", {"2.3", "differs"}},
        {"bn.dl-dY.outside", {"2.3", "differs"}},
        {"bn.dYhat-dY.inside", {"2.3", "matches"}},
        {"bn.dYhat-dY.raw.inside", {"2.3", "matches"}},
        {"bn.dm-dY", {"2.3", "matches"}},
        {"bn.dv-dY", {"2.3", "matches"}},
        {"bn.dv-dY.raw", {"2.3", "matches"}},
    };
    auto blocks = blocks_of(report());
    std::size_t batchnorm = 0;
    for (const auto& [name, b] : blocks) batchnorm += name.rfind("bn.", 0) == 0 ? 1 : 0;
    CHECK(batchnorm == expected.size());
    for (const auto& [name, want] : expected) {
        INFO(name);
        auto it = blocks.find(name);
        REQUIRE(it != blocks.end());
        CHECK(it->second.section == want.first);
        CHECK(it->second.verdict == want.second);
        // the summary table has it, with the same verdict
        CHECK(report().find("\\texttt{" + name + "}} & \\v" + want.second) != std::string::npos);
        // a difference is shown where there is one
        if (want.second == "differs") CHECK(it->second.text.find("Engine $-$ document") != std::string::npos);
        CHECK(it->second.text.find("\\textbf{Document:}") != std::string::npos);
        CHECK(it->second.text.find("\\textbf{Assumptions:}") != std::string::npos);
    }
    // the assumptions are the options of the comparison, printed by the engine, each with its reason
    const std::string centered = "$\\sum_{i=1}^{B} (Y_{il} - \\mathbf{m}_{l}) = 0$ (the definition of $\\mathbf{m}$)";
    const std::string variance =
        "$\\sum_{i=1}^{B} (Y_{il} - \\mathbf{m}_{l})^{2} - B \\mathbf{v}_{l} = 0$ (the definition of $\\mathbf{v}$)";
    for (const char* name : {"bn.mean", "bn.dl-dm.total.inside", "bn.dl-dY.inside", "bn.dl-dY.outside", "bn.dv-dY"}) {
        INFO(name);
        CHECK(blocks.at(name).text.find("\\textbf{Assumptions:} " + centered + "\n") != std::string::npos);
    }
    for (const char* name : {"bn.var", "bn.var.eps"}) {
        INFO(name);
        CHECK(blocks.at(name).text.find("\\textbf{Assumptions:} " + centered + "; " + variance + "\n") != std::string::npos);
    }
    // no assumption, none listed
    for (const char* name : {"bn.dl-dgamma.outside", "bn.dl-dm.total-raw.inside", "bn.dv-dY.raw"}) {
        INFO(name);
        CHECK(blocks.at(name).text.find("\\textbf{Assumptions:} none\n") != std::string::npos);
    }
    // each 2.3 problem comes with the engine's derivation
    for (const char* name : {"bn.dl-dgamma.outside", "bn.dl-dbeta.inside", "bn.dl-dm.inside", "bn.dl-dv.inside", "bn.dl-dY.inside"}) {
        INFO(name);
        const std::string& t = blocks.at(name).text;
        CHECK(t.find("Derivation by the engine") != std::string::npos);
        CHECK(t.find("\\frac{\\partial H_{kl}}{\\partial \\hat{Y}_{kl}} &= f(\\hat{Y}_{kl})") != std::string::npos);
    }
}

TEST_CASE("every section of the document has its results, each with a verdict") {
    auto blocks = blocks_of(report());
    std::map<std::string, int> per_section;
    for (const auto& [name, b] : blocks) {
        INFO(name);
        CHECK((b.verdict == "matches" || b.verdict == "differs" || b.verdict == "undecided"));
        ++per_section[b.section];
    }
    for (const char* s : {"1.2", "1.3", "1.4", "1.5", "2.2", "2.3", "3.1", "3.2"}) {
        INFO(s);
        CHECK(per_section[s] > 0);
    }
    // as many blocks as `list` has results (its other lines are the programs)
    auto list = report_test::run({"list"});
    std::size_t n = 0, programs = 0;
    for (std::size_t at = 0; at < list.out.size();) {
        std::size_t end = list.out.find('\n', at);
        if (end == std::string::npos) end = list.out.size();
        std::string line = list.out.substr(at, end - at);
        at = end + 1;
        if (line.find(" -    program    ") != std::string::npos) ++programs;
        else ++n;
    }
    CHECK(blocks.size() == n);
    CHECK(programs == 5);
}

TEST_CASE("the programs of adjoints follow the results, each derived step by step") {
    const std::string& tex = report();
    std::size_t programs = tex.find("\\section*{Backpropagation programs}");
    REQUIRE(programs != std::string::npos);
    for (std::string name : {"bn.program.inside", "mlp.program.2", "model.layer-norm", "model.residual-mlp", "model.attention"}) {
        INFO(name);
        std::size_t at = tex.find("\\label{prog:" + name + "}");
        REQUIRE(at != std::string::npos);
        CHECK(at > programs);
        std::size_t next = tex.find("\\subsection*{", at);
        std::string block = tex.substr(at, next == std::string::npos ? std::string::npos : next - at);
        // the four parts, as captions, and the adjoints as ∂ℓ/∂Z
        CHECK(block.find("the graph") != std::string::npos);
        CHECK(block.find("local derivatives") != std::string::npos);
        CHECK(block.find("adjoints, from the loss back") != std::string::npos);
        CHECK(block.find("gradients") != std::string::npos);
        CHECK(block.find("\\frac{\\partial \\ell}{\\partial") != std::string::npos);
    }
}

TEST_CASE("the report's last section: every displayed line of the document, with its verdict") {
    const std::string& tex = report();
    std::size_t lines = tex.find("\\section*{Every displayed line of the document}\\label{sec:lines}");
    REQUIRE(lines != std::string::npos);
    CHECK(lines > tex.find("\\section*{Backpropagation programs}"));
    // the count in the summary, before the sections
    std::size_t count = tex.find("\\textbf{Every displayed line} (page~\\pageref{sec:lines}): 88 of the document's 124 displayed lines judged.");
    CHECK(count < tex.find("\\section*{1.2"));
    // and by section, in the summary and under each section's heading
    CHECK(tex.find("By section (judged / displayed lines): 1.2: 13/17, 1.3: 0/1, 1.4: 0/4, 1.5: 0/10, 2.2: 12/12, 2.3: 47/52, "
                   "3.1: 8/19, 3.2: 8/9.") < tex.find("\\section*{1.2"));
    const std::string section = tex.substr(lines);
    // a row per step, tagged with the document's line and the verdict; the difference under a step that differs
    CHECK(section.find("\\tag*{\\footnotesize 241~\\vdiffers}") != std::string::npos);
    CHECK(section.find("\\tag*{\\footnotesize 169~\\vdiffers}") != std::string::npos);
    CHECK(section.find("\\tag*{\\footnotesize 279~\\vequal}") != std::string::npos);
    CHECK(section.find("\\text{right $-$ left:}") != std::string::npos);
    CHECK(section.find("\\tag*{\\footnotesize 33~\\vequal{} past 2 not read}") != std::string::npos);
    // each section of the document; what could not be read, with the reason
    for (std::string_view s : {"1.2", "2.2", "2.3", "3.1", "3.2"}) CHECK(section.find("\\subsection*{" + std::string(s) + "}") != std::string::npos);
    CHECK(section.find("\\subsection*{2.3}\n47 of the section's 52 displayed lines judged.") != std::string::npos);
    CHECK(section.find("\\subsection*{1.3}\n0 of the section's 1 displayed line judged.") != std::string::npos);
    CHECK(section.find("\\item line 129: right side, at") != std::string::npos);
}
