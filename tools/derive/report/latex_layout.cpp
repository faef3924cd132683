#include "latex_layout.hpp"

#include <algorithm>
#include <cctype>

namespace leibniz::derive::layout {

namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

/// Walks a formula and adds up the widths of what it prints.
struct meter {
    std::string_view s;
    std::size_t i = 0;

    void skip_spaces() {
        while (i < s.size() && s[i] == ' ') ++i;
    }
    std::string_view command() {  // at '\\'
        std::size_t b = ++i;
        if (i < s.size() && !is_letter(s[i])) return s.substr(b, ++i - b);
        while (i < s.size() && is_letter(s[i])) ++i;
        return s.substr(b, i - b);
    }
    /// Up to the '}' that closes the current group (left unconsumed).
    double sequence() {
        double w = 0;
        while (i < s.size() && s[i] != '}') w += item();
        return w;
    }
    /// The raw text of a {group} (for \text).
    std::size_t text_argument() {
        skip_spaces();
        if (i >= s.size() || s[i] != '{') return 0;
        std::size_t b = ++i;
        int depth = 1;
        while (i < s.size() && depth > 0) {
            if (s[i] == '{') ++depth;
            if (s[i] == '}') --depth;
            ++i;
        }
        return i - b - 1;
    }
    double argument() {
        skip_spaces();
        if (i >= s.size()) return 0;
        if (s[i] == '{') {
            ++i;
            double w = sequence();
            if (i < s.size()) ++i;
            return w;
        }
        return item();
    }
    double scripts_of_big_operator() {
        double w = 0;
        for (;;) {
            skip_spaces();
            if (i >= s.size() || (s[i] != '_' && s[i] != '^')) return w;
            ++i;
            w = std::max(w, 0.7 * argument());
        }
    }
    double command_width(std::string_view c) {
        if (c == "frac" || c == "dfrac" || c == "tfrac") {
            double a = argument(), b = argument();
            return std::max(a, b) + 0.6;
        }
        if (c == "binom") {
            double a = argument(), b = argument();
            return std::max(a, b) + 1.6;
        }
        if (c == "sqrt") {
            skip_spaces();
            if (i < s.size() && s[i] == '[')
                while (i < s.size() && s[i++] != ']') {
                }
            return 1.2 + argument();
        }
        if (c == "sum" || c == "prod" || c == "int" || c == "lim") return std::max(2.0, scripts_of_big_operator()) + 0.4;
        if (c == "left" || c == "right" || c == "bigl" || c == "bigr" || c == "big" || c == "Big" || c == "bigg" ||
            c == "Bigg") {
            skip_spaces();
            if (i < s.size() && s[i] == '\\') command();
            else if (i < s.size()) ++i;
            return 0.8;
        }
        if (c == "text" || c == "mathrm" || c == "textrm" || c == "operatorname" || c == "mbox" || c == "textbf" ||
            c == "textit" || c == "texttt")
            return 0.9 * static_cast<double>(text_argument());
        if (c == "mathbf" || c == "mathcal" || c == "mathbb" || c == "mathit" || c == "boldsymbol" || c == "hat" ||
            c == "bar" || c == "tilde" || c == "widehat" || c == "widetilde" || c == "overline" || c == "vec" || c == "dot")
            return argument();
        if (c == "quad") return 2;
        if (c == "qquad") return 4;
        if (c == ",") return 0.3;
        if (c == ":" || c == ">") return 0.4;
        if (c == ";" || c == " ") return 0.5;
        if (c == "!") return -0.3;
        if (c == "\\") return 0;
        if (c == "cdot" || c == "times" || c == "sim" || c == "le" || c == "leq" || c == "ge" || c == "geq" || c == "to" ||
            c == "in" || c == "approx" || c == "neq" || c == "mid" || c == "cdots" || c == "ldots" || c == "dots" ||
            c == "odot" || c == "rightarrow")
            return 2;
        return 1;  // a letter-like symbol: \partial, \gamma, \ell, \{ ...
    }
    double item() {
        char ch = s[i];
        if (ch == '\\') return command_width(command());
        if (ch == '{') {
            ++i;
            double w = sequence();
            if (i < s.size()) ++i;
            return w;
        }
        ++i;
        switch (ch) {
            case '}':
            case ' ':
            case '&': return 0;
            case '^':
            case '_': return 0.7 * argument();
            case '+':
            case '-':
            case '=':
            case '<':
            case '>': return 2;
            case ',':
            case ';': return 0.6;
            case '(':
            case ')':
            case '[':
            case ']':
            case '|': return 0.7;
            case '.':
            case '\'': return 0.4;
            case '!': return 0.5;
            default: return 1;
        }
    }
};

/// Where a formula may be cut: the space before a top-level binary + or −.
struct cut {
    std::size_t at;
    int parens;
};

std::vector<cut> cuts_of(std::string_view s) {
    std::vector<cut> out;
    int braces = 0, delims = 0, parens = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '\\') {
            std::size_t b = i + 1, e = b;
            while (e < s.size() && is_letter(s[e])) ++e;
            std::string_view name = s.substr(b, e - b);
            if (name == "left" || name == "begin") ++delims;
            if (name == "right" || name == "end") --delims;
            i = e > b ? e - 1 : b;  // skip the name, or the escaped character
            continue;
        }
        if (ch == '{') ++braces;
        if (ch == '}') --braces;
        if (ch == '(' || ch == '[') ++parens;
        if (ch == ')' || ch == ']') --parens;
        if (ch == ' ' && braces == 0 && delims == 0 && i + 2 < s.size() && (s[i + 1] == '+' || s[i + 1] == '-') &&
            s[i + 2] == ' ' && i > 0)
            out.push_back({i, parens});
    }
    return out;
}

/// A token that reads as an English word: letters (and inner hyphens or
/// apostrophes) with only opening parenthesis before and punctuation after.
bool is_word(std::string_view t) {
    while (!t.empty() && t.front() == '(') t.remove_prefix(1);
    while (!t.empty() && (t.back() == ',' || t.back() == '.' || t.back() == ';' || t.back() == ':' || t.back() == ')'))
        t.remove_suffix(1);
    if (t.empty() || !is_letter(t.front()) || !is_letter(t.back())) return false;
    for (char c : t)
        if (!is_letter(c) && c != '-' && c != '\'') return false;
    return t.size() >= 2 || t == "a";
}

/// Split at spaces outside braces and \left…\right.
std::vector<std::string_view> tokens(std::string_view s) {
    std::vector<std::string_view> out;
    int depth = 0;
    std::size_t b = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || (s[i] == ' ' && depth == 0)) {
            if (i > b) out.push_back(s.substr(b, i - b));
            b = i + 1;
            continue;
        }
        if (s[i] == '{') ++depth;
        if (s[i] == '}') --depth;
        if (s[i] == '\\' && s.substr(i + 1, 4) == "left") ++depth;
        if (s[i] == '\\' && s.substr(i + 1, 5) == "right") --depth;
    }
    return out;
}

/// The {group} starting at s[i] == '{': its contents, and i moved past it.
bool group_at(std::string_view s, std::size_t& i, std::string_view& inside) {
    if (i >= s.size() || s[i] != '{') return false;
    int depth = 0;
    for (std::size_t j = i; j < s.size(); ++j) {
        if (s[j] == '\\') {
            ++j;
            continue;
        }
        if (s[j] == '{') ++depth;
        if (s[j] == '}' && --depth == 0) {
            inside = s.substr(i + 1, j - i - 1);
            i = j + 1;
            return true;
        }
    }
    return false;
}

/// A term "[sign]\frac{a}{b}" whose numerator is too wide for a line becomes
/// "[sign]\frac{1}{b} \Bigl(a\Bigr)", which can be cut inside the parentheses.
std::string open_fraction(std::string_view term, double limit) {
    std::size_t i = 0;
    while (i < term.size() && (term[i] == '+' || term[i] == '-' || term[i] == ' ')) ++i;
    std::string_view sign = term.substr(0, i), num, den;
    if (term.substr(i, 5) != "\\frac") return std::string(term);
    i += 5;
    if (!group_at(term, i, num) || !group_at(term, i, den) || i != term.size()) return std::string(term);
    if (width(num) <= limit || cuts_of(num).empty()) return std::string(term);
    return std::string(sign) + "\\frac{1}{" + std::string(den) + "} \\Bigl(" + std::string(num) + "\\Bigr)";
}

}  // namespace

std::string escape_text(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\\': out += "\\textbackslash{}"; break;
            case '{':
            case '}':
            case '$':
            case '&':
            case '%':
            case '#':
            case '_': out += '\\'; out += c; break;
            case '^': out += "\\^{}"; break;
            case '~': out += "\\~{}"; break;
            case '<': out += "\\textless{}"; break;
            case '>': out += "\\textgreater{}"; break;
            default: out += c;
        }
    }
    return out;
}

std::string mixed_text(std::string_view s) {
    if (s.find('$') != std::string_view::npos) return std::string(s);
    std::string out, math;
    auto flush = [&] {
        if (math.empty()) return;
        if (!out.empty()) out += ' ';
        out += '$' + math + '$';
        math.clear();
    };
    for (std::string_view t : tokens(s)) {
        if (is_word(t)) {
            flush();
            if (!out.empty()) out += ' ';
            out += t;
        } else {
            if (!math.empty()) math += ' ';
            for (char c : t) {  // & % # would end a table cell or a line
                if (c == '&' || c == '%' || c == '#') math += '\\';
                math += c;
            }
        }
    }
    flush();
    return out;
}

double width(std::string_view formula) {
    meter m{formula};
    double w = 0;
    while (m.i < formula.size()) w += m.item();  // a stray '}' is skipped by item()
    return w;
}

std::vector<std::string> break_formula(std::string_view formula, double first, double rest) {
    // open up terms that are one wide fraction
    std::string opened;
    std::size_t from = 0;
    for (const cut& c : cuts_of(formula)) {
        opened += open_fraction(formula.substr(from, c.at - from), rest);
        from = c.at;
    }
    opened += open_fraction(formula.substr(from), rest);
    std::string_view s = opened;

    std::vector<std::string> lines;
    std::vector<cut> cuts = cuts_of(s);
    std::size_t start = 0, next = 0;  // next: the first cut after start
    for (;;) {
        double limit = lines.empty() ? first : rest;
        if (width(s.substr(start)) <= limit) break;
        // among the cuts that fit, those in the last 45% of the line; the
        // shallowest parenthesis level, then the latest
        std::size_t best = cuts.size(), fallback = cuts.size();
        for (std::size_t c = next; c < cuts.size(); ++c) {
            double w = width(s.substr(start, cuts[c].at - start));
            if (w > limit) break;
            fallback = c;
            if (w >= 0.55 * limit && (best == cuts.size() || cuts[c].parens <= cuts[best].parens)) best = c;
        }
        if (best == cuts.size()) best = fallback;
        if (best == cuts.size()) best = next;  // nothing fits: overflow at the first cut
        if (best >= cuts.size()) break;       // no cut left
        lines.emplace_back(s.substr(start, cuts[best].at - start));
        start = cuts[best].at + 1;
        next = best + 1;
    }
    lines.emplace_back(s.substr(start));
    return lines;
}

std::string display(const std::vector<std::pair<std::string, std::string>>& rows, double line_width) {
    std::string out = "\\begin{align*}\n";
    for (std::size_t r = 0; r != rows.size(); ++r) {
        const auto& [lhs, rhs] = rows[r];
        double lw = lhs.empty() ? 0 : width(lhs) + 3;
        std::vector<std::string> lines = break_formula(rhs, line_width - lw, line_width - lw - 2);
        for (std::size_t i = 0; i != lines.size(); ++i) {
            if (i == 0 && !lhs.empty())
                out += lhs + " &= " + lines[0];
            else if (i == 0)
                out += "& " + lines[0];
            else
                out += "&\\quad {} " + lines[i];  // {} keeps the leading sign binary
            if (i + 1 != lines.size() || r + 1 != rows.size()) out += " \\\\";
            out += '\n';
        }
    }
    out += "\\end{align*}\n";
    return out;
}

}  // namespace leibniz::derive::layout
