// LaTeX printing of the IR: \frac for negative powers and rational
// coefficients, \sqrt for square roots, minimal parentheses by precedence,
// and signs folded into the operators (a - b, never a + -1 b).
#pragma once
#include <leibniz/detail/fixed_string.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz {

/// How the derivative of relu is written.
enum class step_style : unsigned char {
    indicator,  ///< \mathbb{1}[x > 0]
    f,          ///< f(x), the document's name for it
    sigma_prime ///< \sigma'(x), the derivative of the activation σ
};
/// How relu itself is written.
enum class relu_style : unsigned char {
    max,      ///< \max(x, 0)
    relu,     ///< \operatorname{relu}(x)
    sigma     ///< \sigma(x)
};

struct latex_options {
    step_style step = step_style::indicator;
    relu_style relu = relu_style::max;
    bool fractions = true;  ///< negative powers as \frac; otherwise as ^{-r}
    /// Print a product nested in a product (unsimplified expressions) as one
    /// fraction; otherwise each nested product stays a factor of its own,
    /// a (f(x) \frac{y}{z}) as built.
    bool merge_products = true;
};

namespace ir {

using detail::text;

enum prec : int { prec_add = 1, prec_mul = 2, prec_pow = 3, prec_atom = 4 };

constexpr text print(const context& c, const term& t, const latex_options& o);

constexpr text rational_latex(rational q) {
    text out;
    if (q.is_negative()) {
        out += '-';
        q = -q;
    }
    if (q.is_integer()) return out.append(detail::to_text(q.num));
    out += "\\frac{";
    out += detail::to_text(q.num);
    out += "}{";
    out += detail::to_text(q.den);
    out += '}';
    return out;
}

constexpr text index_list(const context& c, const std::vector<term>& kids, bool commas = false) {
    constexpr std::size_t kept = max_rank + 1;  // spellings looked up once (a tensor's indices)
    std::string_view names[kept]{};
    auto name = [&](std::size_t i) { return i < kept ? names[i] : c.at(kids[i].id).latex_view(); };
    bool short_names = !commas;
    for (std::size_t i = 0; i != kids.size(); ++i) {
        if (i < kept) names[i] = c.at(kids[i].id).latex_view();
        short_names = short_names && name(i).size() == 1;
    }
    text out;
    for (std::size_t i = 0; i != kids.size(); ++i) {
        if (i && !short_names) out += ',';
        out += name(i);
    }
    return out;
}

/// A symbol's spelling; a `#` in it marks where the indices go.
constexpr text symbol_latex(const context& c, const term& t) {
    std::string_view spelling = c.at(t.id).latex_view();
    // the spelling in pieces between the #s (appended whole: cheaper in
    // constant evaluation than a character at a time)
    const bool placed = detail::find_in(spelling, "#") != std::string_view::npos;
    text indices;
    if (!t.kids.empty()) {
        // inside brackets, W[x,y], the indices are separated by commas
        indices = index_list(c, t.kids, detail::find_in(spelling, "[#") != std::string_view::npos);
    }
    text out;
    for (std::size_t at = 0;;) {
        const std::size_t hash = detail::find_in(spelling, "#", at);
        out += spelling.substr(at, hash == std::string_view::npos ? std::string_view::npos : hash - at);
        if (hash == std::string_view::npos) break;
        out += indices;
        at = hash + 1;
    }
    if (t.kids.empty()) return out;
    if (!placed) {
        out += "_{";
        out += indices;
        out += '}';
    }
    return out;
}

constexpr bool is_negative_term(const term& t) {
    if (t.is_num()) return t.value.is_negative();
    return t.kind == op::mul && !t.kids.empty() && t.kids[0].is_num() && t.kids[0].value.is_negative();
}
constexpr term negated(const term& t) {
    if (t.is_num()) return num(-t.value);
    term out = t;
    out.kids[0].value = -out.kids[0].value;
    if (out.kids[0].is_one()) {
        out.kids.erase(out.kids.begin());
        if (out.kids.size() == 1) return out.kids[0];
    }
    return out;
}

constexpr int precedence(const term& t) {
    switch (t.kind) {
        case op::add: return prec_add;
        case op::mul: return prec_mul;
        case op::sum: return prec_add;  // a sum swallows what follows it
        case op::num:
            if (t.value.is_negative()) return prec_add;
            return t.value.is_integer() ? prec_atom : prec_mul;
        case op::pow: {
            const term& e = t.kids[1];
            if (e.is_num() && (e.value.is_negative() || e.value == rational{1, 2})) return prec_mul;
            return prec_pow;
        }
        default: return prec_atom;
    }
}

constexpr text paren(text inner) {
    text out("(");
    out += inner;
    out += ')';
    return out;
}

constexpr text print_at(const context& c, const term& t, int need, const latex_options& o) {
    // (no ?: on class prvalues here: g++ 12 destroys such temporaries twice
    // during constant evaluation)
    if (precedence(t) < need) return paren(print(c, t, o));
    return print(c, t, o);
}

constexpr text print_power(const context& c, const term& b, const term& e, const latex_options& o) {
    if (e.is_num() && e.value == rational{1, 2}) {
        text out("\\sqrt{");
        out += print(c, b, o);
        out += '}';
        return out;
    }
    text out;
    // a function application or tensor element with a power reads best in
    // parentheses only when it carries a subscript-free argument list
    int need = prec_atom;
    bool wrap = precedence(b) < need || b.kind == op::pow || (b.is_num() && !b.value.is_integer()) ||
                (is_function(b.kind) && row(b.kind).power_parens);
    if (wrap)
        out += paren(print(c, b, o));
    else
        out += print(c, b, o);
    out += "^{";
    if (e.is_num())
        out += rational_latex(e.value);
    else
        out += print(c, e, o);
    out += '}';
    return out;
}

constexpr bool has_sum_factor(const term& t) {
    for (const term& k : t.kids)
        if (k.kind == op::sum || (k.kind == op::mul && has_sum_factor(k))) return true;
    return false;
}

/// Juxtapose factors, with \cdot where two numbers would run together.
constexpr text join_factors(const context& c, const std::vector<const term*>& fs, const latex_options& o, bool lead_number) {
    text out;
    for (std::size_t i = 0; i != fs.size(); ++i) {
        const term& f = *fs[i];
        bool last = i + 1 == fs.size();
        text s;
        if (f.kind == op::sum && !last)
            s = paren(print(c, f, o));
        else if (f.kind == op::sum)
            s = print(c, f, o);
        else if (f.kind == op::mul && !is_negative_term(f) && !has_sum_factor(f))
            s = print(c, f, o);  // a nested product kept apart: juxtaposed as it is
        else if (f.kind == op::mul)
            s = paren(print(c, f, o));
        else
            s = print_at(c, f, fs.size() == 1 ? prec_mul : prec_pow - (f.kind == op::pow ? 1 : 0), o);
        // a factor after another that prints with a sign would read as a
        // subtraction: x (-y z), not x -y z
        if ((i || lead_number) && !s.empty() && s.chars[0] == '-') s = paren(std::move(s));
        bool starts_digit = !s.empty() && s.chars[0] >= '0' && s.chars[0] <= '9';
        if (i || lead_number) out += (starts_digit ? " \\cdot " : " ");
        out += s;
    }
    return out;
}

/// A product as a fraction where it has negative powers; `negate` prints
/// -t instead (a term after " - "). Factors are read in place, not copied:
/// a copy per level would make printing quadratic in the depth.
constexpr text print_product(const context& c, const term& t, const latex_options& o, bool negate = false) {
    rational coef{negate ? -1 : 1, 1};
    std::vector<const term*> up, down;
    std::vector<term> made;  // denominators with a power other than 1
    made.reserve(t.kids.size() + 1);
    auto place = [&](const term& f) {
        if (f.is_num()) {
            coef = coef * f.value;
        } else if (o.fractions && f.kind == op::pow && f.kids[1].is_num() && f.kids[1].value.is_negative()) {
            rational e = -f.kids[1].value;
            if (e.is_one()) {
                down.push_back(&f.kids[0]);
            } else {
                made.push_back(pow(f.kids[0], e));
                down.push_back(&made.back());
            }
        } else {
            up.push_back(&f);
        }
    };
    if (t.kind == op::mul)
        for (const term& f : t.kids) place(f);
    else
        place(t);
    text out;
    if (coef.is_negative()) {
        out += '-';
        coef = -coef;
    }
    if (down.empty()) {
        bool lead = !coef.is_one() || up.empty();
        if (lead) out += rational_latex(coef);
        text joined = join_factors(c, up, o, lead);
        // -(-x y), not --x y
        if (!lead && !out.empty() && !joined.empty() && joined.chars[0] == '-') joined = paren(std::move(joined));
        out += joined;
        return out;
    }
    // \frac{a}{b} \sum_k ..., not \frac{a \sum_k ...}{b}
    std::size_t sums = 0;
    for (const term* f : up) sums += f->kind == op::sum ? 1 : 0;
    if (sums == 1 && up.back()->kind == op::sum) {
        term rest = make(op::mul, {});
        rest.kids.push_back(num(coef));
        for (std::size_t i = 0; i + 1 != up.size(); ++i) rest.kids.push_back(*up[i]);
        for (const term* f : down) rest.kids.push_back(pow(*f, num(-1)));
        out += print_product(c, rest, o);
        out += ' ';
        out += print(c, *up.back(), o);
        return out;
    }
    out += "\\frac{";
    bool lead = coef.num != 1 || up.empty();
    if (lead) out += detail::to_text(coef.num);
    // inside \frac{..}{..} a lone sum needs no parentheses
    if (up.size() == 1 && !lead && up[0]->kind == op::add)
        out += print(c, *up[0], o);
    else
        out += join_factors(c, up, o, lead);
    out += "}{";
    bool dlead = coef.den != 1;
    if (dlead) out += detail::to_text(coef.den);
    if (down.size() == 1 && !dlead && down[0]->kind == op::add)
        out += print(c, *down[0], o);
    else
        out += join_factors(c, down, o, dlead);
    out += '}';
    return out;
}

/// How function k is spelled: its row's pattern (# for each argument), or
/// the spelling the options choose for relu and step.
constexpr std::string_view function_pattern(op k, const latex_options& o) {
    if (k == op::relu && o.relu == relu_style::relu) return "\\operatorname{relu}(#)";
    if (k == op::relu && o.relu == relu_style::sigma) return "\\sigma(#)";
    if (k == op::step && o.step == step_style::f) return "f(#)";
    if (k == op::step && o.step == step_style::sigma_prime) return "\\sigma'(#)";
    return row(k).latex;
}

/// A pattern with its arguments in place of the #s.
constexpr text fill_pattern(std::string_view pattern, const std::vector<text>& args) {
    text out;
    std::size_t next = 0;
    for (char ch : pattern) {
        if (ch == '#' && next != args.size())
            out += args[next++];
        else
            out += ch;
    }
    return out;
}

/// Nested sums and products of an unsimplified expression print as one.
constexpr term flatten_nested(const term& t, bool products = true) {
    if (t.kind != op::add && (t.kind != op::mul || !products)) return t;
    term out = make(t.kind, {});
    for (const term& k : t.kids) {
        term f = flatten_nested(k, products);
        if (f.kind == t.kind)
            for (term& g : f.kids) out.kids.push_back(std::move(g));
        else
            out.kids.push_back(std::move(f));
    }
    if (out.kind == op::mul) {  // numbers first, where the printer looks for them
        rational q{1, 1};
        std::vector<term> rest;
        for (term& f : out.kids) {
            if (f.is_num())
                q = q * f.value;
            else if (f.kind == op::mul && !f.kids.empty() && f.kids[0].is_num())
                rest.push_back(std::move(f));
            else
                rest.push_back(std::move(f));
        }
        out.kids.clear();
        if (!q.is_one() || rest.empty()) out.kids.push_back(num(q));
        for (term& f : rest) out.kids.push_back(std::move(f));
        if (out.kids.size() == 1) return out.kids[0];
    }
    return out;
}

constexpr bool is_flat(const term& t, bool products = true) {
    if (t.kind != op::add && (t.kind != op::mul || !products)) return true;
    for (std::size_t i = 0; i != t.kids.size(); ++i) {
        if (t.kids[i].kind == t.kind) return false;
        if (t.kind == op::mul && i > 0 && t.kids[i].is_num()) return false;
    }
    return true;
}

constexpr text print(const context& c, const term& t, const latex_options& o) {
    if (!is_flat(t, o.merge_products)) return print(c, flatten_nested(t, o.merge_products), o);
    switch (t.kind) {
        case op::num: return rational_latex(t.value);
        case op::idx: return text(c.at(t.id).latex_view());
        case op::sym: return symbol_latex(c, t);
        case op::add: {
            // a sum opens with a positive term where it has one: 1 - p, not
            // -p + 1 (the canonical order is kept otherwise)
            std::size_t lead = 0;
            auto negative_at = [&](std::size_t i) {
                const term& k = t.kids[i];
                return is_flat(k) ? is_negative_term(k) : is_negative_term(flatten_nested(k));
            };
            if (negative_at(0))
                for (std::size_t i = 1; i != t.kids.size(); ++i)
                    if (!negative_at(i)) {
                        lead = i;
                        break;
                    }
            text out;
            for (std::size_t n = 0; n != t.kids.size(); ++n) {
                // the n-th term printed: the lead, then the others in order
                std::size_t i = n == 0 ? lead : (n <= lead ? n - 1 : n);
                // flattened first, so that the sign of x + (-1 * 1) y or
                // x - (-y) is seen: x - y, x + y (a flat term is read in
                // place: copies at every level would be quadratic)
                term flattened;
                const term* kp = &t.kids[i];
                if (!is_flat(*kp)) {
                    flattened = flatten_nested(*kp);
                    kp = &flattened;
                }
                const term& k = *kp;
                bool negative = is_negative_term(k);
                if (n) out += negative ? " - " : " + ";
                else if (negative) out += '-';
                // a trailing sum in a term is fine; a term that is a sum
                // followed by more terms is not ambiguous either (+ ends it)
                if (!negative) {
                    out += print_at(c, k, k.kind == op::sum ? prec_add : prec_mul, o);
                } else if (k.is_num()) {
                    out += print_at(c, num(-k.value), prec_mul, o);
                } else if (k.kids.size() == 2 && k.kids[0].value == rational{-1, 1}) {
                    const term& only = k.kids[1];  // -1 * a: a
                    out += print_at(c, only, only.kind == op::sum ? prec_add : prec_mul, o);
                } else {
                    out += print_product(c, k, o, true);
                }
            }
            return out;
        }
        case op::mul: return print_product(c, t, o);
        case op::pow: {
            if (o.fractions && t.kids[1].is_num() && t.kids[1].value.is_negative()) return print_product(c, t, o);
            return print_power(c, t.kids[0], t.kids[1], o);
        }
        case op::delta: {
            text out("\\delta_{");
            out += index_list(c, t.kids);
            out += '}';
            return out;
        }
        case op::sum: {
            text out("\\sum_{");
            out += c.at(t.id).latex_view();
            out += "=1}^{";
            out += c.at(c.extent_of(t.id)).latex_view();
            out += "} ";
            // a negative body reads better in parentheses: Σ_k (-a_k)
            if (is_negative_term(t.kids[0]))
                out += paren(print(c, t.kids[0], o));
            else if (t.kids[0].kind == op::sum)  // Σ_k Σ_l x: nothing to group
                out += print(c, t.kids[0], o);
            else
                out += print_at(c, t.kids[0], prec_mul, o);
            return out;
        }
        default: {  // an elementwise function, spelled as its row says
            std::vector<text> args;
            for (const term& k : t.kids) args.push_back(print(c, k, o));
            // |a |x| b| could be read as |a| x |b|: bars with bars inside grow
            if (t.kind == op::abs) {
                bool bars = false;
                for (char ch : args[0].chars) bars = bars || ch == '|';
                if (bars) return fill_pattern("\\left|#\\right|", args);
            }
            return fill_pattern(function_pattern(t.kind, o), args);
        }
    }
}

}  // namespace ir
}  // namespace leibniz
