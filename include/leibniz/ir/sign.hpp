// What is known of a term's sign: the one place the simplifier, the
// expectation operator and the numeric witness ask whether a value is
// nonnegative. Nothing is assumed of a plain symbol; extents, π, symbols
// declared positive or nonnegative, even powers, exp and the other
// nonnegative functions of the op table, and sums and products of such
// terms are known nonnegative, and an intermediate is when its definition is.
#pragma once
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

/// Whether a symbol is known to be nonnegative (its entries, for a tensor).
constexpr bool nonnegative_symbol(const sym_entry& e) {
    return e.kind == sym_kind::extent || is_pi(e) || e.sign != sign_known::unknown || e.law == random_law::bernoulli_keep;
}

/// Nonnegative by its form, wherever it is defined (x^(1/2) >= 0 is read as
/// the principal root; x^(1/2) is not defined for x < 0).
constexpr bool is_nonnegative(const context& c, const term& t) {
    switch (t.kind) {
        case op::num: return !t.value.is_negative();
        case op::sym: {
            const sym_entry& e = c.at(t.id);
            if (nonnegative_symbol(e)) return true;
            return e.def >= 0 && is_nonnegative(c, c.defs[static_cast<std::size_t>(e.def)]);
        }
        case op::pow: {
            const term& e = t.kids[1];
            if (e.is_num() && e.value.is_integer() && e.value.num % 2 == 0) return true;
            if (e.is_num() && !e.value.is_integer()) return true;  // a principal root
            return is_nonnegative(c, t.kids[0]);
        }
        case op::add:
        case op::mul:
        case op::sum:
            for (const term& k : t.kids)
                if (!is_nonnegative(c, k)) return false;
            return true;
        case op::delta: return true;
        default: return nonnegative_function(t.kind);  // exp, relu, step, σ, |x|, ... (the op table)
    }
}

}  // namespace leibniz::ir
