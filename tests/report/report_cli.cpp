// leibniz-derive's command line: errors, help, list, show and show --steps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_tool.hpp"

using report_test::check_one_line_error;
using report_test::run;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("a bad argument fails with one line on stderr") {
    check_one_line_error(run({}));
    check_one_line_error(run({"frobnicate"}));
    check_one_line_error(run({"--frobnicate"}));
    check_one_line_error(run({"show"}));
    check_one_line_error(run({"show", "bn.mean", "--bogus"}));
    check_one_line_error(run({"show", "bn.mean", "bn.var"}));
    check_one_line_error(run({"list", "extra"}));
    check_one_line_error(run({"report", "--out"}));
    check_one_line_error(run({"report", "--out", "/nonexistent-directory/report.tex"}));
    check_one_line_error(run({"emit"}));
    check_one_line_error(run({"emit", "bn.mean", "--lang"}));
    check_one_line_error(run({"report", "--only"}));
}

TEST_CASE("an unknown name fails with one line naming it") {
    for (auto o : {run({"show", "no.such.result"}), run({"show", "no.such.result", "--steps"}), run({"emit", "no.such.result"}),
                   run({"report", "--only", "no.such.result"})}) {
        check_one_line_error(o);
        CHECK(o.err.find("'no.such.result'") != std::string::npos);
    }
    // a newline in the name still gives one line
    check_one_line_error(run({"show", "two\nlines"}));
}

TEST_CASE("emit for a result without code: exit status 2, naming those with code") {
    auto o = run({"emit", "bn.mean", "--lang", "cpp"});
    check_one_line_error(o, 2);
    CHECK(o.err.find("'bn.mean' has no code") != std::string::npos);
    CHECK(o.err.find("bn.dl-dY.inside") != std::string::npos);
    CHECK(o.err.find("mlp.3.2.03-dl-dw-1-sigma-z-1-odot") != std::string::npos);
    check_one_line_error(run({"emit", "dropout.1.2.01-e-z"}), 2);
}

TEST_CASE("emit: standalone C++ or CUDA for a gradient") {
    auto o = run({"emit", "bn.dl-dY.outside"});
    REQUIRE(o.status == 0);
    CHECK(o.err.empty());
    CHECK(o.out.find("namespace leibniz_generated {") != std::string::npos);
    CHECK(o.out.find("template <class T>\nvoid bn_dl_dY_outside(") != std::string::npos);  // named after the result
    CHECK(o.out.find("#include <leibniz") == std::string::npos);  // standalone
    CHECK(o.out.find("std::sqrt(v[") != std::string::npos);  // sqrt(v) + ε: ε outside the root
    CHECK(run({"emit", "bn.dl-dY.outside", "--lang", "cpp"}).out == o.out);
    // the other placement of ε has another name
    CHECK(run({"emit", "bn.dl-dY.inside"}).out.find("void bn_dl_dY_inside(") != std::string::npos);

    auto cuda = run({"emit", "softmax.3.1.05-dy-dh-l-t-dl-dy-y-bar-y", "--lang", "cuda"});
    REQUIRE(cuda.status == 0);
    CHECK(cuda.out.find("__global__") != std::string::npos);
    CHECK(cuda.out.find("cudaStream_t") != std::string::npos);

    check_one_line_error(run({"emit", "bn.dl-dY.outside", "--lang", "fortran"}));
}

TEST_CASE("emit: the function's name and namespace, C entry points, whole programs") {
    auto o = run({"emit", "bn.dl-dY.inside", "--function", "dl_dY", "--namespace", "nn::bn"});
    REQUIRE(o.status == 0);
    CHECK(o.out.find("//   nn::bn::dl_dY<T>(B, M, Y, beta, dl_dH, epsilon, gamma, out)\n") != std::string::npos);
    CHECK(o.out.find("namespace nn::bn {") != std::string::npos);
    CHECK(o.out.find("namespace dl_dY_helpers {") != std::string::npos);

    auto c = run({"emit", "bn.dl-dY.inside", "--c-abi"});
    REQUIRE(c.status == 0);
    CHECK(c.out.find("extern \"C\" void leibniz_generated_bn_dl_dY_inside_f64(") != std::string::npos);
    CHECK(c.out.find("extern \"C\" void leibniz_generated_bn_dl_dY_inside_f32(") != std::string::npos);

    auto model = run({"emit", "model.attention", "--function", "attention_backward"});
    REQUIRE(model.status == 0);
    CHECK(model.out.find("void attention_backward(") != std::string::npos);
    CHECK(model.out.find("T* dX, T* dWq, T* dWk, T* dWv, T* dgamma1, T* dbeta1)") != std::string::npos);

    // names that the emitted code could not use: one line, status 1
    check_one_line_error(run({"emit", "bn.dl-dY.inside", "--function", "while"}));
    check_one_line_error(run({"emit", "bn.dl-dY.inside", "--function", "2fast"}));
    check_one_line_error(run({"emit", "bn.dl-dY.inside", "--namespace", "a::"}));
    check_one_line_error(run({"emit", "bn.dl-dY.inside", "--function"}));
    check_one_line_error(run({"emit", "bn.dl-dY.inside", "--lang", "cuda", "--c-abi"}));
    check_one_line_error(run({"emit", "no.such.program"}));
}

TEST_CASE("--help lists every command") {
    for (auto o : {run({"--help"}), run({"-h"}), run({"help"})}) {
        CHECK(o.status == 0);
        CHECK(o.err.empty());
        for (const char* c : {"list", "show <name> [--steps]", "report", "formulas", "emit <name> [options]", "--namespace NS"})
            CHECK(o.out.find(c) != std::string::npos);
    }
}

TEST_CASE("list: every result once, with its section and verdict, then the programs") {
    auto o = run({"list"});
    REQUIRE(o.status == 0);
    std::set<std::string> names, sections, programs;
    for (const std::string& line : lines_of(o.out)) {
        std::istringstream in(line);
        std::string name, section, verdict;
        in >> name >> section >> verdict;
        INFO(line);
        CHECK(names.insert(name).second);
        if (verdict == "program") {
            CHECK(section == "-");
            programs.insert(name);
            continue;
        }
        CHECK(programs.empty());  // results first
        CHECK((verdict == "matches" || verdict == "differs" || verdict == "undecided"));
        sections.insert(section);
    }
    CHECK(names.size() > 40);
    CHECK(names.count("bn.dl-dY.inside") == 1);
    CHECK(sections == std::set<std::string>{"1.2", "1.3", "1.4", "1.5", "2.2", "2.3", "3.1", "3.2"});
    CHECK(programs == std::set<std::string>{"bn.program.inside", "mlp.program.2", "model.layer-norm", "model.residual-mlp",
                                            "model.attention"});
}

TEST_CASE("show: the engine's result") {
    auto o = run({"show", "bn.dm-dY"});
    CHECK(o.status == 0);
    CHECK(o.out == "\\frac{\\delta_{lt}}{B}\n");
    o = run({"show", "bn.dl-dgamma.outside"});
    CHECK(o.out ==
          "\\frac{1}{\\sqrt{\\mathbf{v}_{j}} + \\epsilon} \\sum_{k=1}^{B} \\frac{\\partial \\ell}{\\partial H_{kj}} "
          "f(\\hat{Y}_{kj}) (Y_{kj} - \\mathbf{m}_{j})\n");
}

TEST_CASE("show --steps: the chain rule, the local derivatives, their product, the result") {
    struct problem {
        const char* name;
        const char* x;  // the variable, as printed
    };
    for (problem p : {problem{"bn.dl-dgamma.outside", "\\gamma_{j}"}, problem{"bn.dl-dgamma.inside", "\\gamma_{j}"},
                      problem{"bn.dl-dbeta.inside", "\\beta_{j}"}, problem{"bn.dl-dm.inside", "\\mathbf{m}_{j}"},
                      problem{"bn.dl-dm.total.inside", "\\mathbf{m}_{j}"}, problem{"bn.dl-dv.inside", "\\mathbf{v}_{j}"},
                      problem{"bn.dl-dv.outside", "\\mathbf{v}_{j}"}, problem{"bn.dl-dY.inside", "Y_{st}"}}) {
        INFO(p.name);
        auto o = run({"show", p.name, "--steps"});
        REQUIRE(o.status == 0);
        std::vector<std::string> lines = lines_of(o.out);
        std::string lhs = std::string("\\frac{\\partial \\ell}{\\partial ") + p.x + "}";
        std::string local = std::string("\\frac{\\partial \\hat{Y}_{kl}}{\\partial ") + p.x + "}";
        // (a) the chain, with unevaluated factors
        CHECK(std::find(lines.begin(), lines.end(),
                        lhs + " = \\sum_{k=1}^{B} \\sum_{l=1}^{M} \\frac{\\partial \\ell}{\\partial H_{kl}} "
                              "\\frac{\\partial H_{kl}}{\\partial \\hat{Y}_{kl}} " +
                            local) != lines.end());
        // (b) the local derivatives
        CHECK(std::find(lines.begin(), lines.end(), "\\frac{\\partial H_{kl}}{\\partial \\hat{Y}_{kl}} = f(\\hat{Y}_{kl})") !=
              lines.end());
        auto local_line = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(local + " = ", 0) == 0; });
        REQUIRE(local_line != lines.end());
        // (c) the product, still summed over l and with its Kronecker delta
        auto product = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
            return l.rfind(lhs + " = \\sum_{k=1}^{B} \\sum_{l=1}^{M} \\frac{\\partial \\ell}{\\partial H_{kl}} f(\\hat{Y}_{kl})", 0) == 0;
        });
        REQUIRE(product != lines.end());
        if (std::string(p.name) != "bn.dl-dbeta.inside") CHECK(product->find("\\delta_{") != std::string::npos);
        // (d) the result, as `show` prints it
        std::string result = run({"show", p.name}).out;
        result.pop_back();
        CHECK(std::find(lines.begin(), lines.end(), lhs + " = " + result) != lines.end());
    }
    // Problem 1 under sqrt(v) + eps: the document's local derivative
    auto o = run({"show", "bn.dl-dgamma.outside", "--steps"});
    CHECK(o.out.find("\\frac{\\partial \\hat{Y}_{kl}}{\\partial \\gamma_{j}} = \\frac{\\delta_{jl} (Y_{kl} - \\mathbf{m}_{l})}"
                     "{\\sqrt{\\mathbf{v}_{l}} + \\epsilon}\n") != std::string::npos);
    // Problem 3 through v: the document's dv/dm = 0 step
    o = run({"show", "bn.dl-dm.total.inside", "--steps"});
    CHECK(o.out.find("\\frac{\\partial \\mathbf{v}_{l}}{\\partial \\mathbf{m}_{j}} = 0\n") != std::string::npos);
}

TEST_CASE("report --only: one result in a document of its own") {
    auto o = run({"report", "--only", "bn.dl-dY.inside"});
    CHECK(o.status == 0);
    CHECK(o.err.empty());
    CHECK(o.out.find("\\begin{document}") != std::string::npos);
    CHECK(o.out.find("\\label{res:bn.dl-dY.inside}") != std::string::npos);
    CHECK(o.out.find("\\label{res:", o.out.find("\\label{res:") + 1) == std::string::npos);
    CHECK(o.out.find("\\end{document}") != std::string::npos);
}
