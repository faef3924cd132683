// leibniz-derive: the reference document's results as the engine derives
// them, from the command line. A subcommand is one row of `commands` below.
// Errors are one line on stderr, "leibniz-derive: <reason>", exit status 1;
// a command that exists but cannot run yet exits with 2.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "derive/catalog/catalog.hpp"
#include "derive/report/report.hpp"

namespace {

using namespace leibniz::derive;

/// Ends the command: "leibniz-derive: <what>" on stderr, exit status `code`.
struct failure : std::runtime_error {
    int code;
    explicit failure(const std::string& what, int c = 1) : std::runtime_error(what), code(c) {}
};

using arguments = std::span<const std::string_view>;

/// A subcommand's arguments: positionals, and options (flags map to "").
struct parsed {
    std::vector<std::string_view> positional;
    std::map<std::string_view, std::string_view> options;
    bool has(std::string_view o) const { return options.count(o) != 0; }
    std::string_view get(std::string_view o, std::string_view otherwise) const {
        auto it = options.find(o);
        return it == options.end() ? otherwise : it->second;
    }
};

struct option_spec {
    std::vector<std::string_view> flags, valued;
    std::vector<std::string_view> positional;  ///< names of the required positionals
};

parsed parse(std::string_view command, arguments args, const option_spec& spec) {
    parsed p;
    for (std::size_t i = 0; i != args.size(); ++i) {
        std::string_view a = args[i];
        if (a.starts_with("--")) {
            std::string_view name = a.substr(0, a.find('='));
            bool inline_value = name.size() != a.size();
            bool flag = false, valued = false;
            for (auto f : spec.flags) flag = flag || f == name;
            for (auto v : spec.valued) valued = valued || v == name;
            if (flag && !inline_value) {
                p.options[name] = "";
            } else if (valued && inline_value) {
                p.options[name] = a.substr(name.size() + 1);
            } else if (valued) {
                if (i + 1 == args.size()) throw failure(std::string(command) + ": option " + std::string(name) + " needs a value");
                p.options[name] = args[++i];
            } else {
                throw failure(std::string(command) + ": unknown option '" + std::string(a) + "'");
            }
        } else if (p.positional.size() < spec.positional.size()) {
            p.positional.push_back(a);
        } else {
            throw failure(std::string(command) + ": unexpected argument '" + std::string(a) + "'");
        }
    }
    if (p.positional.size() < spec.positional.size())
        throw failure(std::string(command) + ": missing " + std::string(spec.positional[p.positional.size()]));
    return p;
}

const std::vector<entry>& catalog() {
    static const std::vector<entry> all = all_entries();
    return all;
}

const entry& lookup(std::string_view command, std::string_view name) {
    const entry* e = find_entry(catalog(), name);
    if (!e) throw failure(std::string(command) + ": no derivation named '" + std::string(name) + "' (see leibniz-derive list)");
    return *e;
}

/// Writes what `write` produces to --out (a file) or, without it, to stdout.
template <class Writer>
int write_to(std::string_view command, const parsed& p, Writer write) {
    if (!p.has("--out") || p.get("--out", "") == "-") {
        write(std::cout);
        return std::cout.good() ? 0 : 1;
    }
    std::string path(p.get("--out", ""));
    if (path.empty()) throw failure(std::string(command) + ": option --out needs a value");
    std::ostringstream text;
    write(text);
    std::ofstream f(path, std::ios::binary);
    if (!(f << text.str()) || !f.flush()) throw failure(std::string(command) + ": cannot write '" + path + "'");
    return 0;
}

// ---- the subcommands --------------------------------------------------------------------------------
int run_list(arguments args) {
    parse("list", args, {});
    std::size_t wide = 0;
    for (const entry& e : catalog()) wide = std::max(wide, e.name.size());
    for (const entry& e : catalog()) {
        std::string name = e.name;
        name.resize(wide + 2, ' ');
        std::string verdict = leibniz::derivations::verdict_word(e.result);
        verdict.resize(11, ' ');
        std::cout << name << e.section << "  " << verdict << e.title << '\n';
    }
    return 0;
}

int run_show(arguments args) {
    parsed p = parse("show", args, {{"--steps"}, {}, {"<name>"}});
    const entry& e = lookup("show", p.positional[0]);
    if (!p.has("--steps")) {
        std::cout << e.engine_latex << '\n';
        return 0;
    }
    std::string eq = e.quantity.empty() ? "" : e.quantity + " = ";
    std::cout << "% " << e.name << ": " << e.title << '\n';
    if (e.steps.empty()) {
        std::cout << "% no step-by-step derivation; the engine's result\n" << eq << e.engine_latex << '\n';
    } else {
        std::string caption;
        for (const derivation_step& s : e.steps) {
            if (s.caption != caption) std::cout << "% " << (caption = s.caption) << '\n';
            std::cout << s.lhs << " = " << s.rhs << '\n';
        }
    }
    std::cout << "% the document (" << leibniz::derivations::verdict_word(e.result) << ")\n" << eq << e.document_latex << '\n';
    if (!e.difference_latex.empty()) std::cout << "% engine - document\n" << e.difference_latex << '\n';
    return 0;
}

int run_report(arguments args) {
    parsed p = parse("report", args, {{}, {"--out", "--only"}, {}});
    if (p.has("--only")) {
        const entry& e = lookup("report", p.get("--only", ""));
        return write_to("report", p, [&](std::ostream& o) { write_result(o, e); });
    }
    return write_to("report", p, [](std::ostream& o) { write_report(o, catalog(), all_programs()); });
}

int run_formulas(arguments args) {
    parsed p = parse("formulas", args, {{}, {"--out"}, {}});
    return write_to("formulas", p, [](std::ostream& o) { write_formulas(o, catalog()); });
}

int run_emit(arguments args) {
    parsed p = parse("emit", args, {{}, {"--lang"}, {"<name>"}});
    const entry& e = lookup("emit", p.positional[0]);
    std::string lang(p.get("--lang", "cpp"));
    if (lang != "cpp" && lang != "cuda") throw failure("emit: --lang must be cpp or cuda, not '" + lang + "'");
    if (!e.emit) {
        std::string with;
        for (const entry& x : catalog())
            if (x.emit) with += (with.empty() ? "" : ", ") + x.name;
        throw failure("emit: '" + e.name + "' has no code (a statistic, an identity or a local derivative); these have: " + with,
                      2);
    }
    std::string code = e.emit(lang);
    if (code.empty()) throw failure("emit: no " + lang + " code for '" + e.name + "'");
    std::cout << code;
    return 0;
}

int run_help(arguments);

struct command {
    std::string_view name, synopsis, summary;
    int (*run)(arguments);
};

const command commands[] = {
    {"list", "list", "every derivation: name, section, verdict, title", run_list},
    {"show", "show <name> [--steps]", "the engine's result in LaTeX, or its derivation step by step", run_show},
    {"report", "report [--out FILE.tex] [--only <name>]",
     "the verified derivation report in LaTeX (default: stdout); --only: one result", run_report},
    {"formulas", "formulas [--out FILE.tex]", "every formula, one per display, in a minimal LaTeX document", run_formulas},
    {"emit", "emit <name> [--lang cpp|cuda]",
     "standalone C++ (a function template over the scalar type) or CUDA computing a gradient", run_emit},
    {"help", "help", "this text (also -h, --help)", run_help},
};

int run_help(arguments args) {
    parse("help", args, {});
    std::cout << "usage: leibniz-derive <command> [arguments]\n\n"
                 "The results of the reference document (sections 1.2-1.5, 2.2, 2.3, 3.1, 3.2) as the\n"
                 "leibniz engine derives them, each compared with the document's formula.\n\ncommands:\n";
    std::size_t wide = 0;
    for (const command& c : commands) wide = std::max(wide, c.synopsis.size());
    for (const command& c : commands) {
        std::string s(c.synopsis);
        s.resize(wide + 2, ' ');
        std::cout << "  " << s << c.summary << '\n';
    }
    std::cout << "\nexit status: 0 on success, 1 on a bad argument or unknown name, 2 for a result without code to emit\n";
    return 0;
}

/// One line, whatever the user typed.
std::string one_line(std::string s) {
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    try {
        if (args.empty()) throw failure("no command given (try leibniz-derive --help)");
        std::string_view name = args[0];
        if (name == "--help" || name == "-h") name = "help";
        for (const command& c : commands)
            if (c.name == name) return c.run(arguments(args).subspan(1));
        throw failure("unknown command '" + std::string(args[0]) + "' (try leibniz-derive --help)");
    } catch (const failure& f) {
        std::cerr << "leibniz-derive: " << one_line(f.what()) << '\n';
        return f.code;
    } catch (const std::exception& x) {
        std::cerr << "leibniz-derive: " << one_line(x.what()) << '\n';
        return 1;
    }
}
