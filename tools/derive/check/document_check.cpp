#include "document_check.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <leibniz/compare.hpp>
#include <leibniz/ir/term.hpp>
#include <leibniz/parse/latex.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/simplify.hpp>

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
        case problem::bad_sum: return "a sum whose index or range does not match the declarations";
        case problem::bad_number: return "a number too large";
        case problem::trailing_text: return "text after the formula";
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

void read_symbols(ir::context& c, std::string_view file) {
    std::size_t number = 0;
    for (std::size_t at = 0; at <= file.size();) {
        std::size_t end = file.find('\n', at);
        if (end == std::string_view::npos) end = file.size();
        std::string_view line = file.substr(at, end - at);
        at = end + 1;
        ++number;
        // "intermediate ... = DEFINITION": the rest of the line after " = "
        std::string_view definition;
        if (line.starts_with("intermediate")) {
            std::size_t eq = line.find(" = ");
            if (eq == std::string_view::npos) bad(number, "an intermediate needs ' = ' and its definition");
            definition = line.substr(eq + 3);
            line = line.substr(0, eq);
        }
        if (std::size_t hash = line.find('#'); hash != std::string_view::npos && line.substr(0, hash).find(" as ") == std::string_view::npos)
            line = line.substr(0, hash);  // a comment (a # after " as " belongs to a spelling)
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
        if (w.size() < 2) bad(number, "expected 'extent', 'index', 'scalar', 'tensor', 'positive' or 'nonnegative' and a name");
        ir::sym_entry e;
        set_name(e.name, sizeof e.name, w[1], number, "the name");
        set_name(e.latex, sizeof e.latex, spelling.empty() ? w[1] : spelling, number, "the spelling");
        if (c.find(w[1]) >= 0) bad(number, "'" + w[1] + "' is declared twice");
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
        } else if (kind == "intermediate") {
            if (w.size() > 2 + static_cast<std::size_t>(ir::max_rank))
                bad(number, "an intermediate takes 0 to " + std::to_string(ir::max_rank) + " indices");
            e.kind = w.size() == 2 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
            e.rank = static_cast<int>(w.size() - 2);
            for (int r = 0; r != e.rank; ++r) {
                e.params[r] = declared(c, w[static_cast<std::size_t>(r) + 2], ir::sym_kind::index, number, "the index");
                e.dims[r] = c.extent_of(e.params[r]);
            }
            leibniz::parse::parse_result body = leibniz::parse::parse_latex(c, definition);
            if (!body.ok())
                bad(number, "the definition cannot be read at '" + std::string(definition.substr(body.position, 16)) + "': " +
                                problem_word(body.what));
            for (int free : ir::free_indices(body.root))
                if (std::find(e.params, e.params + e.rank, free) == e.params + e.rank)
                    bad(number, "the definition has the free index " + std::string(c.at(free).name_view()) + ", which is not among the intermediate's");
            int id = c.intern(e);
            c.defs.push_back(std::move(body.root));
            c.at(id).def = static_cast<int>(c.defs.size() - 1);
            continue;
        } else {
            bad(number, "unknown declaration '" + kind + "' (extent, index, scalar, tensor, intermediate, positive, nonnegative)");
        }
        c.intern(e);
    }
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

/// A display's rows (split at \\), with their lines.
std::vector<row> rows_of(std::string_view doc, std::size_t begin, std::size_t end) {
    std::vector<row> out;
    for (std::size_t at = begin; at < end;) {
        std::size_t split = doc.find("\\\\", at);
        if (split == std::string_view::npos || split > end) split = end;
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

/// A row cut at its top-level = signs (not inside braces or parentheses).
std::vector<std::string> sides_of(const std::string& text) {
    std::vector<std::string> out;
    int depth = 0;
    std::size_t from = 0;
    for (std::size_t i = 0; i != text.size(); ++i) {
        char ch = text[i];
        if (ch == '{' || ch == '(' || ch == '[') ++depth;
        if (ch == '}' || ch == ')' || ch == ']') --depth;
        if (ch == '=' && depth == 0) {
            out.push_back(trimmed(std::string_view(text).substr(from, i - from)));
            from = i + 1;
        }
    }
    out.push_back(trimmed(std::string_view(text).substr(from)));
    return out;
}

std::string index_names(const ir::context& c, const std::vector<int>& ids) {
    std::string out;
    for (int id : ids) out += (out.empty() ? "" : ", ") + std::string(c.at(id).name_view());
    return out.empty() ? "none" : out;
}

/// The group {...} that opens at text[at] (its contents), and where it ends.
bool group_at(std::string_view text, std::size_t at, std::string_view& inside, std::size_t& end) {
    if (at >= text.size() || text[at] != '{') return false;
    int depth = 0;
    for (std::size_t i = at; i != text.size(); ++i) {
        if (text[i] == '{') ++depth;
        if (text[i] == '}' && --depth == 0) {
            inside = text.substr(at + 1, i - at - 1);
            end = i + 1;
            return true;
        }
    }
    return false;
}

/// A side as the document writes it. Besides what the reader reads, a
/// derivative: \frac{\partial}{\partial x} f (or d/dx) and
/// \frac{\partial f}{\partial x}, which the engine differentiates.
leibniz::parse::parse_result read_side(ir::context& c, std::string_view text) {
    std::string_view num, den;
    std::size_t after_num = 0, after_den = 0;
    if (!text.starts_with("\\frac") || !group_at(text, 5, num, after_num) || !group_at(text, after_num, den, after_den))
        return leibniz::parse::parse_latex(c, text);
    num = spaces_trimmed(num);
    den = spaces_trimmed(den);
    std::string_view rest = spaces_trimmed(text.substr(after_den));
    std::string_view f, x;
    constexpr std::string_view del = "\\partial";
    bool partial = num.starts_with(del) && den.starts_with(del);
    if (partial) {
        f = spaces_trimmed(num.substr(del.size()));
        x = spaces_trimmed(den.substr(del.size()));
    } else if ((num == "d" || num.starts_with("d ")) && den.starts_with("d") && den.size() > 1) {
        f = spaces_trimmed(num.substr(1));  // d/dx f, or df/dx written d f / d x
        x = spaces_trimmed(den.substr(1));
    } else {
        return leibniz::parse::parse_latex(c, text);
    }
    if (!f.empty() && !rest.empty()) return leibniz::parse::parse_latex(c, text);  // \frac{∂f}{∂x} g: not a derivative form
    leibniz::parse::parse_result fx = leibniz::parse::parse_latex(c, f.empty() ? rest : f), xx = leibniz::parse::parse_latex(c, x);
    if (!partial && (!fx.ok() || !xx.ok() || xx.root.kind != ir::op::sym)) return leibniz::parse::parse_latex(c, text);
    if (!fx.ok()) return fx;
    if (!xx.ok()) return xx;
    if (xx.root.kind != ir::op::sym) {  // ∂/∂(x + y): not a variable
        xx.what = leibniz::parse::problem::unexpected_text;
        return xx;
    }
    fx.root = ir::simplify(c, ir::derivative(c, fx.root, xx.root, {}));
    return fx;
}

void judge(ir::context& c, judged_step& s) {
    leibniz::parse::parse_result a = read_side(c, s.left), b = read_side(c, s.right);
    for (auto [r, side, text] : {std::tuple{&a, "left", &s.left}, std::tuple{&b, "right", &s.right}}) {
        if (r->ok()) continue;
        s.verdict = judgement::unreadable;
        s.detail = std::string(side) + " side, at '" + text->substr(r->position, 16) + "': " + problem_word(r->what);
        return;
    }
    std::vector<int> fa = ir::free_indices(a.root), fb = ir::free_indices(b.root);
    std::sort(fa.begin(), fa.end());
    std::sort(fb.begin(), fb.end());
    // 0 stands for a zero of any shape (∂v_l/∂m_j = 0)
    if (fa != fb && !a.root.is_zero() && !b.root.is_zero()) {
        s.verdict = judgement::notation;
        s.detail = "free indices differ: " + index_names(c, fa) + " on the left, " + index_names(c, fb) + " on the right";
        return;
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
            ir::term difference = ir::simplify(c, ir::sub(b.root, a.root));
            s.detail = "right - left = " + std::string(ir::print(c, difference, leibniz::latex_options{}).view());
        }
    } catch (const std::logic_error& e) {
        s.verdict = judgement::undecided;
        s.detail = e.what();
    }
    c.work_budget = ir::no_work_budget;
    c.budget_checked_at_end = false;
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
    ir::context c;
    read_symbols(c, symbol_file);
    document_verdict out;
    for (auto [begin, end] : displays_of(document)) {
        ++out.displays;
        std::string last;  // the right-most formula of the row above
        for (const row& r : rows_of(document, begin, end)) {
            if (r.text.empty()) continue;
            ++out.rows;
            std::vector<std::string> sides = sides_of(r.text);
            if (sides.size() == 1) {  // no = in this row
                last = sides[0];
                continue;
            }
            if (sides[0].empty()) {  // "= ..." continues the row above
                if (last.empty()) continue;
                sides[0] = last;
            }
            for (std::size_t i = 0; i + 1 < sides.size(); ++i) {
                judged_step s;
                s.line = r.line;
                s.left = sides[i];
                s.right = sides[i + 1];
                if (s.left.empty() || s.right.empty()) {
                    s.verdict = judgement::unreadable;
                    s.detail = "an empty side of =";
                } else {
                    judge(c, s);
                }
                out.steps.push_back(std::move(s));
            }
            last = sides.back();
        }
    }
    return out;
}

}  // namespace derive_check
