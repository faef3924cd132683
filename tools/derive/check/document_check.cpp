#include "document_check.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <leibniz/calculus/derivative.hpp>
#include <leibniz/compare.hpp>
#include <leibniz/simplify/assumptions.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/parse/latex.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/simplify.hpp>
#include <leibniz/stats/expectation.hpp>

namespace derive_check {
namespace {

namespace ir = leibniz::ir;

std::string problem_word(leibniz::parse::problem p) {
    using leibniz::parse::problem;
    switch (p) {
        case problem::none: return "none";
        case problem::unexpected_text: return "unexpected text";
        case problem::unknown_symbol: return "a symbol the symbol file does not declare";
        case problem::unknown_index: return "an index the symbol file does not declare";
        case problem::wrong_index_count: return "a tensor with another number of indices than declared";
        case problem::missing_brace: return "a missing brace";
        case problem::missing_parenthesis: return "a missing parenthesis";
        case problem::bad_sum: return "a sum whose index or range cannot be read";
        case problem::sum_range: return "a sum whose range is not the extent of its index";
        case problem::bad_number: return "a number too large";
        case problem::trailing_text: return "text after the formula";
        case problem::no_differentiator: return "a derivative, and no differentiator";
        case problem::not_a_variable: return "a derivative by something that is not a declared symbol";
        case problem::no_expectation: return "an expectation, and no 'expectation over' declared";
        case problem::shapes_differ: return "vectors or matrices whose shapes do not fit";
    }
    return "?";
}

/// s without the white space around it.
std::string_view spaces_trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// ---- the symbol file ------------------------------------------------------------------------------------
std::vector<std::string> words_of(std::string_view line) {
    std::vector<std::string> out;
    std::istringstream in{std::string(line)};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

[[noreturn]] void bad(std::size_t line, const std::string& why) {
    throw bad_symbols("symbol file line " + std::to_string(line) + ": " + why);
}

void set_name(char* dst, std::size_t size, std::string_view text, std::size_t line, std::string_view what) {
    if (text.empty() || text.size() >= size)
        bad(line, std::string(what) + " '" + std::string(text) + "' must have 1 to " + std::to_string(size - 1) + " characters");
    std::copy(text.begin(), text.end(), dst);
    dst[text.size()] = '\0';
}

int declared(const ir::context& c, std::string_view name, ir::sym_kind kind, std::size_t line, std::string_view what) {
    int id = c.find(name);
    if (id < 0 || c.at(id).kind != kind) bad(line, std::string(what) + " '" + std::string(name) + "' is not declared above");
    return id;
}

/// What the formulas of a part of the document are read with: the symbols,
/// the spellings, the expectation index.
struct symbol_table {
    ir::context c;
    leibniz::parse::reading how;
    ir::independence independent;  ///< random variables declared independent
    std::size_t from_line = 1;     ///< the first line of the document it applies to
};

ir::term differentiated(ir::context& c, const ir::term& f, const ir::term& x) { return ir::simplify(c, ir::derivative(c, f, x, {})); }
ir::term expected(ir::context& c, const ir::term& x, const void* independent) {
    return ir::expectation(c, *static_cast<const ir::independence*>(independent), x);
}
ir::term variance_of(ir::context& c, const ir::term& x, const void* independent) {
    return ir::variance(c, *static_cast<const ir::independence*>(independent), x);
}

/// A line without its comment: from a # that starts the line or follows a space
/// (a # inside a spelling, H_{#}, marks where the indices go).
std::string_view without_comment(std::string_view line) {
    for (std::size_t i = 0; i != line.size(); ++i)
        if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
    return line;
}

/// The symbol file's lines [first, last) (numbered from first_number) into t;
/// a name declared before is declared again (a later reading of the document).
void read_symbols(symbol_table& t, const std::vector<std::string_view>& lines, std::size_t first, std::size_t last) {
    ir::context& c = t.c;
    for (std::size_t n = first; n != last; ++n) {
        std::string_view line = without_comment(lines[n]);
        const std::size_t number = n + 1;
        // "intermediate ... = DEFINITION": the rest of the line after " = "
        std::string_view definition;
        if (line.starts_with("intermediate")) {
            std::size_t eq = line.find(" = ");
            if (eq == std::string_view::npos) bad(number, "an intermediate needs ' = ' and its definition");
            definition = line.substr(eq + 3);
            line = line.substr(0, eq);
        }
        // "... as SPELLING": the rest of the line is the LaTeX spelling
        std::string spelling;
        if (std::size_t as = line.find(" as "); as != std::string_view::npos) {
            spelling = std::string(spaces_trimmed(line.substr(as + 4)));
            line = line.substr(0, as);
        }
        std::vector<std::string> w = words_of(line);
        if (w.empty()) {
            if (!spelling.empty()) bad(number, "a spelling without a declaration");
            continue;
        }
        const std::string& kind = w[0];
        if (kind == "positive" || kind == "nonnegative") {
            if (w.size() != 2) bad(number, kind + " takes one declared scalar or tensor");
            int id = c.find(w[1]);
            if (id < 0 || (c.at(id).kind != ir::sym_kind::scalar && c.at(id).kind != ir::sym_kind::tensor))
                bad(number, kind + ": '" + w[1] + "' is not a scalar or tensor declared above");
            c.at(id).sign = kind == "positive" ? ir::sign_known::positive : ir::sign_known::nonnegative;
            continue;
        }
        if (kind == "option") {  // the printing options' spellings: f(#) for the step, \sigma(#) for ReLU
            if (w.size() == 3 && w[1] == "step" && w[2] == "f") t.how.spelling.step = leibniz::step_style::f;
            else if (w.size() == 3 && w[1] == "relu" && w[2] == "sigma") t.how.spelling.relu = leibniz::relu_style::sigma;
            else if (w.size() == 3 && w[1] == "expectation" && w[2] == "E") t.how.plain_e = true;
            else bad(number, "the options are 'option step f', 'option relu sigma' and 'option expectation E'");
            continue;
        }
        if (kind == "expectation") {  // \mathbb{E}[X]: the average of X over an index, or of the random variables
            if (w.size() == 2 && w[1] == "random") {
                t.how.expectation_index = -1;
                continue;
            }
            if (w.size() != 3 || w[1] != "over") bad(number, "expectation takes an index or 'random': expectation over i");
            t.how.expectation_index = declared(c, w[2], ir::sym_kind::index, number, "the index");
            continue;
        }
        if (kind == "assume") {  // assume \sum_{i=1}^{K} y_i = 1: a rewrite of the sum, from here on
            std::string_view text = spaces_trimmed(line.substr(line.find("assume") + 6));
            std::size_t eq = std::string_view::npos;  // the = outside braces (not the one of \sum_{i=1})
            for (std::size_t i = 0, depth = 0; i != text.size() && eq == std::string_view::npos; ++i) {
                if (text[i] == '{') ++depth;
                if (text[i] == '}' && depth > 0) --depth;
                if (text[i] == '=' && depth == 0) eq = i;
            }
            if (eq == std::string_view::npos) bad(number, "assume takes an equation with a sum: assume \\sum_{i=1}^{K} y_i = 1");
            leibniz::parse::parse_result l = leibniz::parse::parse_latex(c, text.substr(0, eq), t.how),
                                         r = leibniz::parse::parse_latex(c, text.substr(eq + 1), t.how);
            if (!l.ok() || !r.ok()) bad(number, "the assumption cannot be read: " + problem_word(l.ok() ? r.what : l.what));
            try {
                ir::add_rule(c, ir::sub(l.root, r.root));
            } catch (const std::logic_error&) {
                bad(number, "an assumption must have a sum in it (it rewrites that sum)");
            }
            continue;
        }
        if (kind == "independent") {  // independent z m: the random variables are independent
            if (w.size() < 3) bad(number, "independent takes two or more random variables: independent z m");
            std::vector<int> ids;
            for (std::size_t i = 1; i != w.size(); ++i) {
                int id = c.find(w[i]);
                if (id < 0 || c.at(id).law == ir::random_law::none) bad(number, "'" + w[i] + "' is not a random variable declared above");
                ids.push_back(id);
            }
            for (std::size_t a = 0; a != ids.size(); ++a)
                for (std::size_t b = a + 1; b != ids.size(); ++b) t.independent.declare(ids[a], ids[b]);
            continue;
        }
        if (w.size() < 2) bad(number, "expected 'extent', 'index', 'scalar', 'tensor', 'intermediate', 'loss', 'positive' or 'nonnegative' and a name");
        ir::sym_entry e;
        set_name(e.name, sizeof e.name, w[1], number, "the name");
        set_name(e.latex, sizeof e.latex, spelling.empty() ? w[1] : spelling, number, "the spelling");
        const int before = c.find(w[1]);
        if (before >= 0 && first == 0) bad(number, "'" + w[1] + "' is declared twice");
        if (kind == "extent") {
            if (w.size() != 2) bad(number, "extent takes a name only");
            e.kind = ir::sym_kind::extent;
            e.prio = -100;  // as the DSL's extents: they lead a product
        } else if (kind == "index") {
            if (w.size() != 3) bad(number, "index takes a name and an extent: index k B");
            e.kind = ir::sym_kind::index;
            e.dims[0] = declared(c, w[2], ir::sym_kind::extent, number, "the extent");
        } else if (kind == "scalar") {
            if (w.size() != 2) bad(number, "scalar takes a name only (and 'as' a spelling)");
            e.kind = ir::sym_kind::scalar;
        } else if (kind == "tensor") {
            if (w.size() < 3 || w.size() > 2 + static_cast<std::size_t>(ir::max_rank))
                bad(number, "tensor takes a name and 1 to " + std::to_string(ir::max_rank) + " extents: tensor Y B M");
            e.kind = ir::sym_kind::tensor;
            e.rank = static_cast<int>(w.size() - 2);
            for (int r = 0; r != e.rank; ++r)
                e.dims[r] = declared(c, w[static_cast<std::size_t>(r) + 2], ir::sym_kind::extent, number, "the extent");
        } else if (kind == "normal" || kind == "bernoulli") {
            // normal z [EXTENTS]: standard normal (entries iid); bernoulli m p [EXTENTS]: 1 with probability 1 - p, else 0
            const std::size_t first_extent = kind == "normal" ? 2 : 3;
            if (w.size() < first_extent || w.size() > first_extent + static_cast<std::size_t>(ir::max_rank))
                bad(number, kind == "normal" ? "normal takes a name and 0 to " + std::to_string(ir::max_rank) + " extents: normal z N"
                                             : "bernoulli takes a name, the drop probability and extents: bernoulli m p N");
            e.law = kind == "normal" ? ir::random_law::standard_normal : ir::random_law::bernoulli_keep;
            if (kind == "bernoulli") e.dep = declared(c, w[2], ir::sym_kind::scalar, number, "the probability");
            e.rank = static_cast<int>(w.size() - first_extent);
            e.kind = e.rank == 0 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
            for (int r = 0; r != e.rank; ++r)
                e.dims[r] = declared(c, w[first_extent + static_cast<std::size_t>(r)], ir::sym_kind::extent, number, "the extent");
        } else if (kind == "loss") {  // loss ell H dH k l: a scalar of the tensor H whose gradient is the tensor dH
            if (w.size() < 5) bad(number, "loss takes a name, its tensor, its gradient and an index per slot: loss ell H dH k l");
            e.kind = ir::sym_kind::loss;
            e.dep = c.find(w[2]);
            e.grad = declared(c, w[3], ir::sym_kind::tensor, number, "the gradient");
            if (e.dep < 0 || c.at(e.dep).rank == 0) bad(number, "the loss's argument '" + w[2] + "' is not a tensor declared above");
            if (w.size() != 4 + static_cast<std::size_t>(c.at(e.dep).rank))
                bad(number, "the loss needs one index per slot of '" + w[2] + "'");
            if (c.at(e.grad).rank != c.at(e.dep).rank) bad(number, "the gradient '" + w[3] + "' has another rank than '" + w[2] + "'");
            for (int r = 0; r != c.at(e.dep).rank; ++r) {
                e.params[r] = declared(c, w[static_cast<std::size_t>(r) + 4], ir::sym_kind::index, number, "the index");
                if (c.at(e.grad).dims[r] != c.at(e.dep).dims[r] || c.extent_of(e.params[r]) != c.at(e.dep).dims[r])
                    bad(number, "the extents of '" + w[2] + "', its gradient and the loss's indices must agree");
            }
        } else if (kind == "intermediate") {
            if (w.size() > 2 + static_cast<std::size_t>(ir::max_rank))
                bad(number, "an intermediate takes 0 to " + std::to_string(ir::max_rank) + " indices");
            e.kind = w.size() == 2 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
            e.rank = static_cast<int>(w.size() - 2);
            for (int r = 0; r != e.rank; ++r) {
                e.params[r] = declared(c, w[static_cast<std::size_t>(r) + 2], ir::sym_kind::index, number, "the index");
                e.dims[r] = c.extent_of(e.params[r]);
            }
            // a symbol declared again is redefined in place: its uses in other definitions follow it
            const int id = before >= 0 ? before : c.intern(e);
            if (before >= 0) c.at(id) = e;
            leibniz::parse::parse_result body = leibniz::parse::parse_latex(c, definition, t.how);
            if (!body.ok())
                bad(number, "the definition cannot be read at '" + std::string(definition.substr(body.position, 16)) + "': " +
                                problem_word(body.what));
            for (int free : ir::free_indices(body.root))
                if (std::find(e.params, e.params + e.rank, free) == e.params + e.rank)
                    bad(number, "the definition has the free index " + std::string(c.at(free).name_view()) + ", which is not among the intermediate's");
            if (body.root == ir::sym(id) || ir::contains_symbol(body.root, id))
                bad(number, "the definition of '" + w[1] + "' uses '" + w[1] + "' itself");
            c.defs.push_back(std::move(body.root));
            c.at(id).def = static_cast<int>(c.defs.size() - 1);
            continue;
        } else {
            bad(number, "unknown declaration '" + kind + "' (extent, index, scalar, tensor, intermediate, loss, normal, bernoulli, independent, "
                        "positive, nonnegative, option, expectation)");
        }
        if (before >= 0) c.at(before) = e;
        else c.intern(e);
    }
}

/// The symbol file's readings: the declarations before the first "from line N",
/// then each block after one, on top of those above it.
std::vector<symbol_table> read_symbol_file(std::string_view file) {
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at <= file.size();) {
        std::size_t end = file.find('\n', at);
        if (end == std::string_view::npos) end = file.size();
        lines.push_back(file.substr(at, end - at));
        at = end + 1;
    }
    std::vector<symbol_table> out(1);
    ir::intern_pi(out.back().c);  // \pi, as the statistics write it
    std::size_t first = 0;
    auto close = [&](std::size_t last) { read_symbols(out.back(), lines, first, last); };
    for (std::size_t n = 0; n != lines.size(); ++n) {
        std::vector<std::string> w = words_of(without_comment(lines[n]));
        if (w.empty() || w[0] != "from") continue;
        close(n);
        std::size_t from = 0;
        if (w.size() != 3 || w[1] != "line" || std::from_chars(w[2].data(), w[2].data() + w[2].size(), from).ec != std::errc{} ||
            from <= out.back().from_line)
            bad(n + 1, "expected 'from line N', N after the line of the reading above");
        out.push_back(out.back());
        out.back().from_line = from;
        first = n + 1;
    }
    close(lines.size());
    for (symbol_table& t : out) {  // (out is complete: the addresses hold)
        t.how.matrices = true;
        t.how.derivative = &differentiated;
        t.how.expectation = &expected;
        t.how.variance = &variance_of;
        t.how.data = &t.independent;
    }
    return out;
}

// ---- the document's displays ----------------------------------------------------------------------------
struct row {
    std::string text;
    std::size_t line;
};

std::size_t line_at(std::string_view text, std::size_t pos) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

/// Each display's body and where it starts.
std::vector<std::pair<std::size_t, std::size_t>> displays_of(std::string_view doc) {
    static constexpr std::string_view environments[] = {"equation*", "equation", "align*", "align", "gather*", "gather",
                                                         "multline*", "multline", "eqnarray*", "eqnarray"};
    std::vector<std::pair<std::size_t, std::size_t>> out;  // [begin, end) of each body
    for (std::size_t at = 0; at < doc.size();) {
        std::size_t dollars = doc.find("$$", at), bracket = doc.find("\\[", at), begin = doc.find("\\begin{", at);
        std::size_t next = std::min({dollars, bracket, begin});
        if (next == std::string_view::npos) break;
        if (next == dollars) {
            std::size_t close = doc.find("$$", next + 2);
            if (close == std::string_view::npos) break;
            out.emplace_back(next + 2, close);
            at = close + 2;
        } else if (next == bracket) {
            std::size_t close = doc.find("\\]", next + 2);
            if (close == std::string_view::npos) break;
            out.emplace_back(next + 2, close);
            at = close + 2;
        } else {
            std::size_t name_end = doc.find('}', next);
            if (name_end == std::string_view::npos) break;
            std::string_view name = doc.substr(next + 7, name_end - next - 7);
            bool display = std::find(std::begin(environments), std::end(environments), name) != std::end(environments);
            if (!display) {
                at = name_end + 1;
                continue;
            }
            std::string close_tag = "\\end{" + std::string(name) + "}";
            std::size_t close = doc.find(close_tag, name_end);
            if (close == std::string_view::npos) break;
            out.emplace_back(name_end + 1, close);
            at = close + close_tag.size();
        }
    }
    return out;
}

void erase_all(std::string& s, std::string_view what) {
    for (std::size_t at; (at = s.find(what)) != std::string::npos;) s.erase(at, what.size());
}

/// \label{...}, \tag{...}: commands with one argument that carry no math.
void erase_command(std::string& s, std::string_view command) {
    for (std::size_t at; (at = s.find(command)) != std::string::npos;) {
        std::size_t close = s.find('}', at);
        s.erase(at, close == std::string::npos ? std::string::npos : close + 1 - at);
    }
}

/// A formula as written: without the space around it or a closing . , ;
std::string trimmed(std::string_view s) {
    s = spaces_trimmed(s);
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';')) s = spaces_trimmed(s.substr(0, s.size() - 1));
    return std::string(s);
}

/// Where the next \\ of the display's own rows is: not one inside a nested
/// environment (a matrix, cases), which stays within its row.
std::size_t row_break(std::string_view doc, std::size_t at, std::size_t end) {
    int depth = 0;
    for (std::size_t i = at; i + 1 < end; ++i) {
        std::string_view here = doc.substr(i, end - i);
        bool own = here.starts_with("\\begin{aligned}") || here.starts_with("\\begin{split}") ||
                   here.starts_with("\\end{aligned}") || here.starts_with("\\end{split}");
        if (here.starts_with("\\begin{") && !own) ++depth;
        if (here.starts_with("\\end{") && !own) --depth;
        if (depth == 0 && here.starts_with("\\\\")) return i;
        if (doc[i] == '\\') ++i;  // \\ inside a nested environment, \{ ...: one command
    }
    return end;
}

/// A display's rows (split at \\), with their lines.
std::vector<row> rows_of(std::string_view doc, std::size_t begin, std::size_t end) {
    std::vector<row> out;
    for (std::size_t at = begin; at < end;) {
        std::size_t split = row_break(doc, at, end);
        std::string text(doc.substr(at, split - at));
        static constexpr std::string_view no_math[] = {"\\begin{aligned}", "\\end{aligned}", "\\begin{split}", "\\end{split}",
                                                       "\\nonumber", "\\notag", "&"};
        for (std::string_view w : no_math) erase_all(text, w);
        erase_command(text, "\\label{");
        erase_command(text, "\\tag{");
        // the row's line: that of its first character of math
        std::size_t first = at;
        for (bool moved = true; moved && first < split;) {
            moved = false;
            while (first < split && std::isspace(static_cast<unsigned char>(doc[first]))) ++first, moved = true;
            for (std::string_view w : no_math)
                if (doc.substr(first, split - first).starts_with(w)) first += w.size(), moved = true;
        }
        out.push_back(row{trimmed(text), line_at(doc, first)});
        at = split + 2;
    }
    return out;
}

/// Words that carry no math where a formula starts or ends: \therefore, and a
/// shape such as \in \mathbb{R}^{D_i \times 1} after it.
std::string without_prose(std::string side) {
    for (std::string_view lead : {"\\therefore", "\\because", "\\Rightarrow", "\\implies"})
        if (std::string_view(side).starts_with(lead)) side = trimmed(std::string_view(side).substr(lead.size()));
    if (std::size_t in = side.rfind("\\in \\mathbb{R}"); in != std::string::npos) side = trimmed(std::string_view(side).substr(0, in));
    return side;
}

/// Words in \text{...} that open a remark, not a formula ("\text{since } \sum_i y_i = 1"): any
/// but the operators written that way (\text{Var}(X)).
bool is_remark(std::string_view formula) {
    constexpr std::string_view open = "\\text{";
    if (!formula.starts_with(open)) return false;
    std::size_t close = formula.find('}');
    std::string_view word = spaces_trimmed(formula.substr(open.size(), close == std::string_view::npos ? 0 : close - open.size()));
    for (std::string_view op : {"Var", "Cov", "diag", "tr", "E"})
        if (word == op) return false;
    return true;
}

/// A row cut into its formulas (at a top-level \quad, as in "a = b \quad c = d"),
/// and each formula at its top-level = signs (not inside braces or parentheses).
std::vector<std::vector<std::string>> chains_of(const std::string& text) {
    std::vector<std::vector<std::string>> out(1);
    int depth = 0;
    std::size_t from = 0;
    auto cut = [&](std::size_t to) { out.back().push_back(without_prose(trimmed(std::string_view(text).substr(from, to - from)))); };
    for (std::size_t i = 0; i != text.size(); ++i) {
        char ch = text[i];
        if (ch == '{' || ch == '(' || ch == '[') ++depth;
        if (ch == '}' || ch == ')' || ch == ']') --depth;
        if (ch == '=' && depth == 0) {
            cut(i);
            from = i + 1;
        }
        std::string_view here = std::string_view(text).substr(i);
        if (depth == 0 && (here.starts_with("\\quad") || here.starts_with("\\qquad")) && out.back().size() > 0) {
            cut(i);  // a second formula on the row
            out.emplace_back();
            i += here.starts_with("\\quad") ? 4 : 5;
            from = i + 1;
        }
        if (ch == '\\' && i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '}')) ++i;  // \{ \}: not grouping
    }
    cut(text.size());
    return out;
}

std::string index_names(const ir::context& c, const std::vector<int>& ids) {
    std::string out;
    for (int id : ids) out += (out.empty() ? "" : ", ") + std::string(c.at(id).name_view());
    return out.empty() ? "none" : out;
}

/// A side read; a derivative or expectation the engine cannot take (an
/// expectation with free indices it cannot reduce) is a side not read.
leibniz::parse::parse_result read_side(symbol_table& t, const std::string& text, std::string& why) {
    try {
        return leibniz::parse::parse_latex(t.c, text, t.how);
    } catch (const std::logic_error& e) {
        why = e.what();
        leibniz::parse::parse_result r;
        r.what = leibniz::parse::problem::unexpected_text;
        return r;
    }
}

/// Which side of a step could not be read.
enum class side_not_read { none, left, right };

side_not_read judge(symbol_table& t, judged_step& s) {
    ir::context& c = t.c;
    std::string why_left, why_right;
    leibniz::parse::parse_result a = read_side(t, s.left, why_left), b = read_side(t, s.right, why_right);
    if (!why_left.empty() || !why_right.empty()) {
        s.verdict = judgement::unreadable;
        s.detail = std::string(why_left.empty() ? "right" : "left") + " side: the engine stopped: " + (why_left.empty() ? why_right : why_left);
        return why_left.empty() ? side_not_read::right : side_not_read::left;
    }
    for (auto [r, side, text] : {std::tuple{&a, "left", &s.left}, std::tuple{&b, "right", &s.right}}) {
        if (r->ok()) continue;
        if (r->what == leibniz::parse::problem::sum_range) {  // \sum_{k=1}^{N} with N not k's extent: the notation's fault
            s.verdict = judgement::notation;
            s.detail = std::string(side) + " side, at '" + text->substr(r->position, 16) + "': " + problem_word(r->what);
            return side_not_read::none;
        }
        s.verdict = judgement::unreadable;
        s.detail = std::string(side) + " side, at '" + text->substr(r->position, 16) + "': " + problem_word(r->what);
        return r == &a ? side_not_read::left : side_not_read::right;
    }
    // matrix notation: the right side's implicit row and column are the left side's (an identity I
    // written without its extent takes the other side's)
    for (auto [x, y] : {std::pair{a.row, b.row}, std::pair{a.col, b.col}, std::pair{b.row, a.row}, std::pair{b.col, a.col}})
        if (x >= 0 && y >= 0 && c.at(x).dims[0] < 0) c.at(x).dims[0] = c.extent_of(y);
    if (a.row >= 0 && b.row >= 0 && c.extent_of(a.row) == c.extent_of(b.row)) b.root = ir::rename_index(std::move(b.root), b.row, a.row);
    if (a.col >= 0 && b.col >= 0 && c.extent_of(a.col) == c.extent_of(b.col)) b.root = ir::rename_index(std::move(b.root), b.col, a.col);
    std::vector<int> fa = ir::free_indices(a.root), fb = ir::free_indices(b.root);
    std::sort(fa.begin(), fa.end());
    std::sort(fb.begin(), fb.end());
    // 0 stands for a zero of any shape (∂v_l/∂m_j = 0)
    if (fa != fb && !a.root.is_zero() && !b.root.is_zero()) {
        s.verdict = judgement::notation;
        s.detail = "free indices differ: " + index_names(c, fa) + " on the left, " + index_names(c, fb) + " on the right";
        return side_not_read::none;
    }
    // one step's rewriting gets a budget: a step that runs past it is undecided
    c.work = 0;
    c.work_budget = 200000;
    c.budget_checked_at_end = true;
    try {
        leibniz::verdict v = leibniz::dsl::decide_verdict(c, a.root, b.root);
        s.verdict = c.over_budget() ? judgement::undecided : v == leibniz::verdict::equal ? judgement::equal
                                                                : v == leibniz::verdict::differs ? judgement::differs
                                                                                                 : judgement::undecided;
        if (c.over_budget()) s.detail = "the work budget ran out";
        if (s.verdict == judgement::differs) {
            c.work = 0;
            // a definition claimed (Ŷ = what the step writes out): the difference from the one declared
            ir::term left = s.definition && a.root.kind == ir::op::sym && c.at(a.root.id).def >= 0 ? ir::instantiate(c, a.root, ir::num(0)) : a.root;
            ir::term difference = ir::simplify(c, ir::sub(b.root, left));
            s.detail = "right - left = " + std::string(ir::print(c, difference, t.how.spelling).view());
        }
    } catch (const std::logic_error& e) {
        s.verdict = judgement::undecided;
        s.detail = e.what();
    }
    c.work_budget = ir::no_work_budget;
    c.budget_checked_at_end = false;
    return side_not_read::none;
}

/// The group {...} (or (...)) that opens at text[at]: its contents, and where it ends.
bool group_at(std::string_view text, std::size_t at, std::string_view& inside, std::size_t& end) {
    if (at >= text.size() || (text[at] != '{' && text[at] != '(')) return false;
    const char open = text[at], close = open == '{' ? '}' : ')';
    int depth = 0;
    for (std::size_t i = at; i != text.size(); ++i) {
        if (text[i] == open) ++depth;
        if (text[i] == close && --depth == 0) {
            inside = text.substr(at + 1, i - at - 1);
            end = i + 1;
            return true;
        }
    }
    return false;
}

/// \frac{\partial A}{\partial x} alone (A and x), or \frac{\partial}{\partial x} (E) with E one group
/// to the end (A empty, E): the two forms of a step that differentiates a definition written out.
bool derivative_form(std::string_view text, std::string_view& a, std::string_view& x, std::string_view& e) {
    constexpr std::string_view frac = "\\frac", partial = "\\partial";
    std::string_view up, down;
    std::size_t at = 0;
    if (!text.starts_with(frac) || !group_at(text, frac.size(), up, at) || !group_at(text, at, down, at)) return false;
    up = spaces_trimmed(up);
    down = spaces_trimmed(down);
    if (!up.starts_with(partial) || !down.starts_with(partial)) return false;
    a = spaces_trimmed(up.substr(partial.size()));
    x = spaces_trimmed(down.substr(partial.size()));
    std::string_view rest = spaces_trimmed(text.substr(at));
    if (!a.empty()) return rest.empty();
    // (E) or \left(E\right), nothing after it
    if (rest.starts_with("\\left(") && rest.ends_with("\\right)")) {
        e = rest.substr(6, rest.size() - 13);
        return true;
    }
    std::size_t end = 0;
    std::string_view inside;
    if (!group_at(rest, 0, inside, end) || end != rest.size()) return false;
    e = inside;
    return true;
}

/// ∂A/∂x = ∂/∂x (E): the document states A = E (it writes out A's definition);
/// that claim as a step of its own, or false where the step has another form.
bool definition_written_out(const judged_step& s, judged_step& claim) {
    std::string_view a, x, unused, x2, e;
    if (!derivative_form(s.left, a, x, unused) || a.empty() || !derivative_form(s.right, unused, x2, e) || !unused.empty() || x != x2)
        return false;
    claim.line = s.line;
    claim.left = std::string(a);
    claim.right = trimmed(e);
    claim.definition = true;
    return true;
}

/// One chain a = b = c ... of a row: each = judged (the first continues the
/// row above where `continued`), then, where formulas in it are not read, the
/// formulas on either side of them against each other. Whether every = was
/// read.
bool judge_chain(symbol_table& t, const std::vector<std::string>& sides, std::size_t line, bool continued, document_verdict& out) {
    std::vector<char> read(sides.size(), 1);  // each formula of the chain, read or not
    std::vector<judged_step> claims;
    bool all_read = true;
    for (std::size_t i = 0; i + 1 < sides.size(); ++i) {
        judged_step s;
        s.line = line;
        s.left = sides[i];
        s.right = sides[i + 1];
        s.continues = i > 0 || continued;
        side_not_read missing = side_not_read::none;
        if (s.left.empty() || s.right.empty()) {
            s.verdict = judgement::unreadable;
            s.detail = "an empty side of =";
            missing = s.left.empty() ? side_not_read::left : side_not_read::right;
        } else {
            missing = judge(t, s);
        }
        judged_step claim;
        const bool claimed = definition_written_out(s, claim);
        if (missing != side_not_read::none) {
            read[missing == side_not_read::left ? i : i + 1] = 0;
            all_read = false;
        }
        out.steps.push_back(std::move(s));
        if (claimed && judge(t, claim) == side_not_read::none) claims.push_back(std::move(claim));
    }
    // the definitions claimed after the chain, which they interrupt no more
    for (judged_step& claim : claims) out.steps.push_back(std::move(claim));
    // a = (not read) = c: a against c, past the formulas not read
    for (std::size_t i = 0; i + 2 < sides.size(); ++i) {
        if (!read[i] || read[i + 1]) continue;
        std::size_t j = i + 1;
        while (j < sides.size() && !read[j]) ++j;
        if (j == sides.size()) break;
        judged_step s;
        s.line = line;
        s.left = sides[i];
        s.right = sides[j];
        s.past = j - i - 1;
        if (judge(t, s) == side_not_read::none) out.steps.push_back(std::move(s));  // (else: both sides of a step not read)
        i = j - 1;
    }
    return all_read;
}

}  // namespace

std::string_view judgement_word(judgement j) {
    switch (j) {
        case judgement::equal: return "equal";
        case judgement::differs: return "differs";
        case judgement::undecided: return "undecided";
        case judgement::unreadable: return "unreadable";
        case judgement::notation: return "notation";
    }
    return "?";
}

document_verdict check_document(std::string_view document, std::string_view symbol_file) {
    std::vector<symbol_table> tables = read_symbol_file(symbol_file);
    document_verdict out;
    for (auto [begin, end] : displays_of(document)) {
        ++out.displays;
        std::string last;  // the right-most formula of the row above
        for (const row& r : rows_of(document, begin, end)) {
            if (r.text.empty()) continue;
            ++out.rows;
            symbol_table* t = &tables.front();  // the reading of the row's part of the document
            for (symbol_table& u : tables)
                if (u.from_line <= r.line) t = &u;
            std::vector<std::vector<std::string>> chains = chains_of(r.text);
            bool judged = false, all_read = true;
            for (std::size_t n = 0; n != chains.size(); ++n) {
                std::vector<std::string>& sides = chains[n];
                if (n > 0 && is_remark(sides[0])) continue;  // "\qquad \text{since } ...": a remark, not a step
                if (sides.size() == 1) {  // no = in this formula
                    last = sides[0];
                    continue;
                }
                if (sides[0].empty() && n == 0) {  // "= ..." continues the row above
                    if (last.empty()) continue;
                    sides[0] = last;
                }
                judged = true;
                all_read = judge_chain(*t, sides, r.line, n == 0 && r.text.starts_with('='), out) && all_read;
                last = sides.back();
            }
            if (judged && all_read) ++out.judged_rows;
            out.lines.push_back({r.line, judged && all_read});
        }
    }
    return out;
}

}  // namespace derive_check
