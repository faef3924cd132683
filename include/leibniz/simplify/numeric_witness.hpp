// Numeric evaluation during constant evaluation: a second witness for
// `equivalent`. Symbols get deterministic pseudo-random values in [0.5, 1.5],
// and at some points in -[0.5, 1.5] too where their sign is not known
// (ir/sign.hpp), extents small integers, and the two formulas are compared at
// several such points.
#pragma once
#include <leibniz/ir/cmath.hpp>
#include <leibniz/ir/ops.hpp>
#include <leibniz/ir/sign.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::ir {

/// The value of an intermediate at given index values, kept so that a
/// deep chain of intermediates (a network's layers) is evaluated once per
/// element, not once per use.
struct numeric_memo {
    int id = -1;
    int at[max_rank]{};
    double value = 0;
};

struct numeric_point {
    unsigned long long seed;
    std::vector<int> index_ids, index_values;
    /// symbols whose sign is not known may take negative values here
    bool mixed_signs = false;
    std::vector<numeric_memo> memo{};
    /// set when a value leaves the real domain (log of a non-positive value,
    /// a fractional power of a negative one, overflow): the point is not used
    bool out_of_domain = false;
};

constexpr double checked(numeric_point& p, double v) {
    if (!(v > -1e300 && v < 1e300)) {
        p.out_of_domain = true;
        return 0;
    }
    return v;
}

constexpr unsigned long long mix(unsigned long long h, unsigned long long v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
    return h;
}
constexpr unsigned long long name_hash(std::string_view s, unsigned long long seed) {
    unsigned long long h = seed;
    for (char ch : s) h = mix(h, static_cast<unsigned char>(ch));
    return h;
}

constexpr double numeric_value(const context& c, const term& t, numeric_point& p);

/// The symbol `pi` (ir::is_pi) stands for π and is given its value, not a
/// pseudo-random one.
inline constexpr double pi_value = cmath::pi;

constexpr int extent_value(const context& c, int extent_id, unsigned long long seed) {
    return 2 + static_cast<int>(name_hash(c.at(extent_id).name_view(), seed) % 3);
}

constexpr int index_value(const numeric_point& p, int id) {
    for (std::size_t i = p.index_ids.size(); i-- > 0;)
        if (p.index_ids[i] == id) return p.index_values[i];
    return 1;
}

constexpr double numeric_value(const context& c, const term& t, numeric_point& p) {
    switch (t.kind) {
        case op::num: return t.value.to_double();
        case op::idx: return index_value(p, t.id);
        case op::sym: {
            const sym_entry& e = c.at(t.id);
            if (e.kind == sym_kind::extent) return extent_value(c, t.id, p.seed);
            if (is_pi(e)) return pi_value;
            if (e.def >= 0) {
                // an intermediate takes the value of its definition, so that
                // identities that follow from definitions hold numerically
                std::size_t mark = p.index_ids.size();
                std::vector<int> actual;
                for (const term& k : t.kids) actual.push_back(index_value(p, k.id));
                for (const numeric_memo& m : p.memo) {
                    bool same = m.id == t.id;
                    for (std::size_t r = 0; same && r != actual.size(); ++r) same = m.at[r] == actual[r];
                    if (same) return m.value;
                }
                for (int r = 0; r != e.rank; ++r) {
                    p.index_ids.push_back(e.params[r]);
                    p.index_values.push_back(actual[static_cast<std::size_t>(r)]);
                }
                double value = numeric_value(c, c.defs[static_cast<std::size_t>(e.def)], p);
                p.index_ids.resize(mark);
                p.index_values.resize(mark);
                numeric_memo m;
                m.id = t.id;
                for (std::size_t r = 0; r != actual.size(); ++r) m.at[r] = actual[r];
                m.value = value;
                p.memo.push_back(m);
                return value;
            }
            unsigned long long h = name_hash(e.name_view(), p.seed);
            for (const term& k : t.kids) h = mix(h, static_cast<unsigned long long>(index_value(p, k.id)));
            double v = 0.5 + double(h % 1000003ULL) / 1000003.0;
            if (p.mixed_signs && !nonnegative_symbol(e) && (mix(h, 0x5eedULL) & 1) != 0) v = -v;
            return v;
        }
        case op::add: {
            double s = 0;
            for (const term& k : t.kids) s += numeric_value(c, k, p);
            return s;
        }
        case op::mul: {
            double s = 1;
            for (const term& k : t.kids) s *= numeric_value(c, k, p);
            return checked(p, s);
        }
        case op::pow: {
            double b = numeric_value(c, t.kids[0], p), e = numeric_value(c, t.kids[1], p);
            bool integer = double(static_cast<long long>(e)) == e;
            if ((b < 0 && !integer) || (b == 0 && e < 0)) {
                p.out_of_domain = true;
                return 0;
            }
            if (b < 0) {  // an integer power of a negative base
                double r = cmath::pow(-b, e);
                return checked(p, static_cast<long long>(e) % 2 == 0 ? r : -r);
            }
            if (b == 0) return e == 0 ? 1 : 0;
            if (e > 0 && cmath::log(b) * e > 690) {
                p.out_of_domain = true;
                return 0;
            }
            return checked(p, cmath::pow(b, e));
        }
        case op::delta: return index_value(p, t.kids[0].id) == index_value(p, t.kids[1].id) ? 1 : 0;
        case op::sum: {
            int n = extent_value(c, c.extent_of(t.id), p.seed);
            double s = 0;
            p.index_ids.push_back(t.id);
            p.index_values.push_back(0);
            for (int i = 1; i <= n; ++i) {
                p.index_values.back() = i;
                s += numeric_value(c, t.kids[0], p);
            }
            p.index_ids.pop_back();
            p.index_values.pop_back();
            return s;
        }
        default: {  // an elementwise function: its row's value
            double args[2]{};
            for (std::size_t k = 0; k != t.kids.size(); ++k) args[k] = numeric_value(c, t.kids[k], p);
            return checked(p, row(t.kind).value(args));
        }
    }
}

/// Whether a and b agree at `points` pseudo-random points (relative 1e-9),
/// free indices ranging over their extents; the last `mixed` of them give
/// symbols of unknown sign either sign (points where either side leaves the
/// real domain do not count).
constexpr bool numerically_equal(const context& c, const term& a, const term& b, int points = 5, int mixed = 2) {
    std::vector<int> free = free_indices(a);
    for (int f : free_indices(b)) {
        bool have = false;
        for (int g : free) have = have || g == f;
        if (!have) free.push_back(f);
    }
    for (int n = 0; n < points; ++n) {
        numeric_point p{0x1234567ULL + 7919ULL * static_cast<unsigned long long>(n), {}, {}};
        p.mixed_signs = n >= points - mixed;
        for (int f : free) {
            int ext = extent_value(c, c.extent_of(f), p.seed);
            p.index_ids.push_back(f);
            p.index_values.push_back(1 + static_cast<int>(mix(p.seed, static_cast<unsigned long long>(f)) % static_cast<unsigned long long>(ext)));
        }
        double x = numeric_value(c, a, p), y = numeric_value(c, b, p);
        if (p.out_of_domain) continue;  // no witness here either way
        double scale = cmath::abs(x) > cmath::abs(y) ? cmath::abs(x) : cmath::abs(y);
        if (cmath::abs(x - y) > 1e-9 * (scale > 1 ? scale : 1)) return false;
    }
    return true;
}

}  // namespace leibniz::ir
