// leibniz-derive: the reference document's results as the engine derives
// them, from the command line. A subcommand is one row of `commands` below.
// Errors are one line on stderr, "leibniz-derive: <reason>", exit status 1;
// a command that exists but cannot run yet exits with 2.
//
// Outputs are never half-written without an error: a command's standard
// output is composed in memory and written at the end, every write and the
// close are checked (a full disk, a closed pipe or a closed descriptor is an
// error, SIGPIPE being ignored), and a file (--out) is written under a
// temporary name in its directory and renamed over the target only once it
// is complete, so that a failure leaves the target as it was.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <leibniz/emit.hpp>

#include "derive/catalog/catalog.hpp"
#include "derive/check/document_check.hpp"
#include "derive/check/reference_document.hpp"
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

// ---- writing ------------------------------------------------------------------------------------------
/// All of `text` to descriptor fd; false (errno set) when a write fails.
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

/// Writes and closes fd; false (errno set) when either fails. fd is closed either way.
bool write_and_close(int fd, std::string_view text, bool sync) {
    bool ok = write_all(fd, text) && (!sync || ::fsync(fd) == 0);
    int e = errno;
    if (::close(fd) != 0 && ok) return false;
    errno = e;
    return ok;
}

/// The standard output of a command, written at once: a command that fails
/// prints nothing there.
void write_stdout(std::string_view text) {
    if (!write_and_close(STDOUT_FILENO, text, false))
        throw failure(std::string("cannot write to standard output: ") + std::strerror(errno));
}

/// `text` as the file `path`, complete or not at all: written to a temporary
/// file beside it, renamed over it once written, synced and closed. A device
/// or a pipe (/dev/stdout) is written in place, as it cannot be replaced.
void write_file(std::string_view command, std::filesystem::path path, std::string_view text) {
    const std::string named = path.string();  // as given, for messages
    auto fail = [&](int e) { return failure(std::string(command) + ": cannot write '" + named + "': " + std::strerror(e)); };
    std::error_code ec;
    if (std::filesystem::is_symlink(path, ec)) path = std::filesystem::weakly_canonical(path, ec);
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw fail(EISDIR);
    if (exists && !S_ISREG(st.st_mode)) {
        int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0 || !write_and_close(fd, text, false)) throw fail(errno);
        return;
    }
    std::filesystem::path dir = path.parent_path();
    std::string name = ".";
    name += path.filename().string();
    name += ".XXXXXX";
    std::string temporary = (dir / name).string();
    int fd = ::mkstemp(temporary.data());
    if (fd < 0) throw fail(errno);
    // mkstemp's mode is 0600: the file gets the target's mode, or a new file's
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode_t mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
    bool ok = ::fchmod(fd, mode) == 0;
    int e = errno;
    if (!ok) {
        ::close(fd);
    } else if (!write_and_close(fd, text, true) || ::rename(temporary.c_str(), path.c_str()) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        throw fail(e);
    }
}

/// Writes what `write` produces to --out (a file) or, without it, to `out`.
template <class Writer>
int write_to(std::string_view command, const parsed& p, std::ostream& out, Writer write) {
    if (!p.has("--out") || p.get("--out", "") == "-") {
        write(out);
        return 0;
    }
    std::string path(p.get("--out", ""));
    if (path.empty()) throw failure(std::string(command) + ": option --out needs a value");
    std::ostringstream text;
    write(text);
    write_file(command, path, text.view());
    return 0;
}

// ---- the subcommands --------------------------------------------------------------------------------
int run_list(arguments args, std::ostream& out) {
    parse("list", args, {});
    std::size_t wide = 0;
    for (const entry& e : catalog()) wide = std::max(wide, e.name.size());
    for (const entry& e : catalog()) {
        std::string name = e.name;
        name.resize(wide + 2, ' ');
        std::string verdict = leibniz::derivations::verdict_word(e.result);
        verdict.resize(11, ' ');
        out << name << e.section << "  " << verdict << e.title << '\n';
    }
    for (const program_listing& pr : all_programs()) {  // whole models: a program of adjoints each
        std::string name = pr.name;
        name.resize(wide + 2, ' ');
        out << name << "-    program    " << pr.title << '\n';
    }
    return 0;
}

int run_show(arguments args, std::ostream& out) {
    parsed p = parse("show", args, {{"--steps"}, {}, {"<name>"}});
    const entry& e = lookup("show", p.positional[0]);
    if (!p.has("--steps")) {
        out << e.engine_latex << '\n';
        return 0;
    }
    std::string eq = e.quantity.empty() ? "" : e.quantity + " = ";
    out << "% " << e.name << ": " << e.title << '\n';
    if (e.steps.empty()) {
        out << "% no step-by-step derivation; the engine's result\n" << eq << e.engine_latex << '\n';
    } else {
        std::string caption;
        for (const derivation_step& s : e.steps) {
            if (s.caption != caption) out << "% " << (caption = s.caption) << '\n';
            out << s.lhs << " = " << s.rhs << '\n';
        }
    }
    out << "% the document (" << leibniz::derivations::verdict_word(e.result) << ")\n" << eq << e.document_latex << '\n';
    if (!e.difference_latex.empty()) out << "% engine - document\n" << e.difference_latex << '\n';
    return 0;
}

int run_report(arguments args, std::ostream& out) {
    parsed p = parse("report", args, {{}, {"--out", "--only"}, {}});
    if (p.has("--only")) {
        const entry& e = lookup("report", p.get("--only", ""));
        return write_to("report", p, out, [&](std::ostream& o) { write_result(o, e); });
    }
    // every displayed line of the project's copy of the document, judged
    const derive_check::document_verdict lines = derive_check::check_document(derive_check::reference_document(), derive_check::reference_symbols());
    return write_to("report", p, out, [&](std::ostream& o) {
        write_report(o, catalog(), all_programs(), &lines, derive_check::reference_document());
    });
}

int run_formulas(arguments args, std::ostream& out) {
    parsed p = parse("formulas", args, {{}, {"--out"}, {}});
    return write_to("formulas", p, out, [](std::ostream& o) { write_formulas(o, catalog()); });
}

/// The default name of an emitted function: the result's name with every
/// character that is not a letter or a digit as _ ("bn.dl-dY.inside" ->
/// bn_dl_dY_inside), so that no two results' code collide.
std::string function_name_of(std::string_view result) {
    std::string out;
    for (char c : result) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

int run_emit(arguments args, std::ostream& out) {
    parsed p = parse("emit", args, {{"--c-abi"}, {"--lang", "--function", "--namespace"}, {"<name>"}});
    std::string name(p.positional[0]);
    std::string lang(p.get("--lang", "cpp"));
    if (lang != "cpp" && lang != "cuda") throw failure("emit: --lang must be cpp or cuda, not '" + lang + "'");
    if (p.has("--c-abi") && lang != "cpp") throw failure("emit: --c-abi is for --lang cpp");
    leibniz::derivations::emitter emit = nullptr;
    if (const entry* e = find_entry(catalog(), name)) {
        emit = e->emit;
        if (!emit) {
            std::string with;
            for (const entry& x : catalog())
                if (x.emit) with += (with.empty() ? "" : ", ") + x.name;
            for (const program_listing& x : all_programs()) with += ", " + x.name;
            throw failure("emit: '" + e->name + "' has no code (a statistic, or a form kept only to be compared); these have: " + with,
                          2);
        }
    } else {
        for (const program_listing& x : all_programs())
            if (x.name == name) emit = x.emit;
        if (!emit) throw failure("emit: no derivation or program named '" + name + "' (see leibniz-derive list)");
    }
    std::string function(p.get("--function", ""));
    if (function.empty()) function = function_name_of(name);
    std::string ns(p.get("--namespace", "leibniz_generated"));
    leibniz::emit_options o{function, ns, lang == "cuda" ? leibniz::emit::target_language::cuda : leibniz::emit::target_language::cpp,
                            p.has("--c-abi")};
    std::string code;
    try {
        code = emit(o);
    } catch (const std::logic_error& e) {  // a name that is not a free C++ identifier
        std::string why = e.what();
        if (std::size_t colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
        throw failure("emit: --function '" + function + "' / --namespace '" + ns + "': " + why);
    }
    if (code.empty()) throw failure("emit: no " + lang + " code for '" + name + "'");
    out << code;
    return 0;
}

/// The displayed formulas of a document, each = judged (derive/check).
int run_check(arguments args, std::ostream& out) {
    parsed p = parse("check", args, {{}, {"--symbols"}, {"<document>"}});
    if (!p.has("--symbols")) throw failure("check: --symbols FILE is required (the symbols the formulas use; see --help)");
    auto read = [](std::string_view what, std::string_view path) {
        std::ifstream in{std::string(path), std::ios::binary};
        if (!in) throw failure("check: cannot read the " + std::string(what) + " '" + std::string(path) + "'");
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
    std::string document(p.positional[0]);
    std::string text = read("document", document), symbols = read("symbol file", p.get("--symbols", ""));
    derive_check::document_verdict v;
    try {
        v = derive_check::check_document(text, symbols);
    } catch (const derive_check::bad_symbols& e) {
        throw failure(std::string("check: ") + e.what());
    }
    std::size_t count[5]{};
    for (const derive_check::judged_step& s : v.steps) {
        ++count[static_cast<int>(s.verdict)];
        out << document << ':' << s.line << ": " << derive_check::judgement_word(s.verdict);
        if (s.past > 0) out << " (past " << s.past << " formula" << (s.past == 1 ? "" : "s") << " not read)";
        if (s.definition) out << " (the definition the step writes out)";
        out << ": " << s.left << " = " << s.right;
        if (!s.detail.empty()) out << "  [" << s.detail << ']';
        out << '\n';
    }
    out << "checked " << v.steps.size() << " steps in " << v.rows << " displayed lines (" << v.displays << " displays; "
        << v.judged_rows << " lines judged): " << count[0]
        << " equal, " << count[1] << " differ, " << count[2] << " undecided, " << count[3] << " unreadable, " << count[4]
        << " notation\n";
    return count[1] + count[3] + count[4] == 0 ? 0 : 3;
}

int run_help(arguments, std::ostream&);

struct command {
    std::string_view name, synopsis, summary;
    int (*run)(arguments, std::ostream&);
};

const command commands[] = {
    {"list", "list", "every derivation: name, section, verdict, title", run_list},
    {"show", "show <name> [--steps]", "the engine's result in LaTeX, or its derivation step by step", run_show},
    {"report", "report [--out FILE.tex] [--only <name>]",
     "the verified derivation report in LaTeX (default: stdout); --only: one result", run_report},
    {"formulas", "formulas [--out FILE.tex]", "every formula, one per display, in a minimal LaTeX document", run_formulas},
    {"emit", "emit <name> [options]",
     "standalone C++ (a function template over the scalar type) or CUDA computing a gradient, or\n"
     "      every gradient of a program (model.*, *.program.*) in one function; options:\n"
     "        --lang cpp|cuda   the language (default cpp)\n"
     "        --function F      the function's name (default: <name> with _ for every other character)\n"
     "        --namespace NS    its namespace, nested with :: (default leibniz_generated)\n"
     "        --c-abi           also extern \"C\" NS_F_f64 and NS_F_f32 (the file is then a source file)",
     run_emit},
    {"check", "check <document> --symbols FILE",
     "judge every = of a Markdown or LaTeX document's displays at run time (equal, differs,\n"
     "      undecided, unreadable, notation); FILE declares the symbols, one per line:\n"
     "        extent B | index k B | scalar x [as \\epsilon] | tensor Y B M [as \\hat{Y}_{#}]\n"
     "        | intermediate m j [as \\mu] = \\frac{1}{B} \\sum_{k=1}^{B} Y_{kj} | positive x | nonnegative Y\n"
     "        | loss ell H G k l [as \\ell] | normal z [N] | bernoulli m p [N] | independent z m\n"
     "        | expectation over i | expectation random | option step f | option relu sigma\n"
     "        | option expectation E | from line N (the declarations after it apply from line N on)",
     run_check},
    {"help", "help", "this text (also -h, --help)", run_help},
};

int run_help(arguments args, std::ostream& out) {
    parse("help", args, {});
    out << "usage: leibniz-derive <command> [arguments]\n\n"
                 "The results of the reference document (sections 1.2-1.5, 2.2, 2.3, 3.1, 3.2) as the\n"
                 "leibniz engine derives them, each compared with the document's formula.\n\ncommands:\n";
    std::size_t wide = 0;
    for (const command& c : commands) wide = std::max(wide, c.synopsis.size());
    for (const command& c : commands) {
        std::string s(c.synopsis);
        s.resize(wide + 2, ' ');
        out << "  " << s << c.summary << '\n';
    }
    out << "\nexit status: 0 on success, 1 on a bad argument, an unknown name or an output that cannot be written\n"
           "(nothing is left half-written: --out replaces its file only once complete), 2 for a result without\n"
           "code to emit, 3 when check finds a step that differs, cannot be read, or changes the free indices\n";
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
    // a closed pipe is a write error (EPIPE), reported like any other
    std::signal(SIGPIPE, SIG_IGN);
    try {
        if (args.empty()) throw failure("no command given (try leibniz-derive --help)");
        std::string_view name = args[0];
        if (name == "--help" || name == "-h") name = "help";
        for (const command& c : commands) {
            if (c.name != name) continue;
            std::ostringstream out;
            int status = c.run(arguments(args).subspan(1), out);
            if (std::string_view text = out.view(); !text.empty()) write_stdout(text);
            return status;
        }
        throw failure("unknown command '" + std::string(args[0]) + "' (try leibniz-derive --help)");
    } catch (const failure& f) {
        std::cerr << "leibniz-derive: " << one_line(f.what()) << '\n';
        return f.code;
    } catch (const std::exception& x) {
        std::cerr << "leibniz-derive: " << one_line(x.what()) << '\n';
        return 1;
    }
}
