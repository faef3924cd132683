// A seeded fuzzer for the symbolic algorithms, run on the IR at run time:
// random expressions (scalar or with free indices) over scalars, extents,
// tensor elements, sums, Kronecker deltas, the op table's functions and
// named intermediates, and per expression
//   - each derivative (ir::derivative, and the program of adjoints where it
//     applies), simplified and not, and with the intermediates folded back
//     (in_terms_of), against central finite differences of an evaluator
//     written here (independent of the library's own);
//   - simplify(e) against e;
//   - canonical(e) against e, and two expressions whose canonical forms (or
//     cleared difference) say they are equal against each other;
//   - the LaTeX of e and of its derivatives: balanced braces, matched
//     \left/\right, no empty sub/superscripts, no nan or inf;
// at random points that include negative values. Points where e is out of
// the real domain or near a kink (relu, abs, step, sign, max, min) or a
// pole are skipped. Every disagreement is a mismatch.
//
// Every report names the seed of its case: `leibniz-fuzz --case SEED`
// (tools/fuzz) runs that case alone.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <leibniz/calculus/adjoint.hpp>
#include <leibniz/calculus/derivative.hpp>
#include <leibniz/parse/latex.hpp>
#include <leibniz/print/latex.hpp>
#include <leibniz/simplify/canonical.hpp>
#include <leibniz/simplify/clear_denominators.hpp>
#include <leibniz/simplify/fold.hpp>

namespace leibniz::fuzz {

using ir::op;
using ir::term;

// ---- random numbers -------------------------------------------------------
struct rng {
    std::uint64_t state;
    std::uint64_t next() {  // splitmix64
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(int percent) { return below(100) < percent; }
    /// A value in [-2, -0.3] or [0.3, 2].
    double signed_value() {
        double m = 0.3 + 1.7 * uniform();
        return chance(50) ? -m : m;
    }
};

// ---- the symbols of a case ------------------------------------------------
struct world {
    ir::context c;
    int x = -1, y = -1, z = -1;  ///< scalars
    int B = -1, M = -1;          ///< extents
    int X = -1, w = -1;          ///< tensors X(B, M), w(M)
    int s = -1, t = -1;          ///< indices of the variables X(s, t), w(t)
    std::vector<int> b_pool, m_pool;  ///< indices over B and over M
    int u = -1, h = -1, a = -1;  ///< intermediates u, h(M), a(B)
    int B_value = 2, M_value = 3;

    int add(std::string_view name, std::string_view latex, ir::sym_kind kind, int rank = 0, int d0 = -1, int d1 = -1) {
        ir::sym_entry e;
        detail::copy_name(e.name, name);
        detail::copy_name(e.latex, latex);
        e.kind = kind;
        e.rank = rank;
        e.dims[0] = d0;
        e.dims[1] = d1;
        if (kind == ir::sym_kind::extent) e.prio = -100;
        return c.intern(e);
    }
    world() {
        x = add("x", "x", ir::sym_kind::scalar);
        y = add("y", "y", ir::sym_kind::scalar);
        z = add("z", "z", ir::sym_kind::scalar);
        B = add("B", "B", ir::sym_kind::extent);
        M = add("M", "M", ir::sym_kind::extent);
        X = add("X", "X", ir::sym_kind::tensor, 2, B, M);
        w = add("w", "w", ir::sym_kind::tensor, 1, M);
        s = add("s", "s", ir::sym_kind::index, 0, B);
        t = add("t", "t", ir::sym_kind::index, 0, M);
        for (std::string_view n : {"b", "c", "d"}) b_pool.push_back(add(n, n, ir::sym_kind::index, 0, B));
        for (std::string_view n : {"m", "n", "k", "l"}) m_pool.push_back(add(n, n, ir::sym_kind::index, 0, M));
    }
    /// Intern an intermediate with the given formal index (or none) and definition.
    int define(std::string_view name, int param, term body) {
        ir::sym_entry e;
        detail::copy_name(e.name, name);
        detail::copy_name(e.latex, name);
        e.kind = param < 0 ? ir::sym_kind::scalar : ir::sym_kind::tensor;
        e.rank = param < 0 ? 0 : 1;
        if (param >= 0) {
            e.params[0] = param;
            e.dims[0] = c.extent_of(param);
        }
        int id = c.intern(e);
        c.defs.push_back(std::move(body));
        c.at(id).def = static_cast<int>(c.defs.size() - 1);
        return id;
    }
    int extent_size(int extent_id) const { return extent_id == B ? B_value : M_value; }
    int index_size(int index_id) const { return extent_size(c.extent_of(index_id)); }
};

inline term element(int tensor, std::vector<int> indices) {
    term e = ir::sym(tensor);
    for (int i : indices) e.kids.push_back(ir::idx(i));
    return e;
}

// ---- the generator --------------------------------------------------------
inline constexpr op unary_functions[] = {op::exp,     op::log, op::tanh, op::sigmoid, op::erf, op::softplus, op::abs,
                                         op::sign,    op::sin, op::cos,  op::relu,    op::step};
inline constexpr op binary_functions[] = {op::max, op::min};

struct generator {
    rng& r;
    world& W;
    bool intermediates = false;  ///< whether u, h, a may be referenced

    bool in_scope(const std::vector<int>& scope, int i) const { return std::find(scope.begin(), scope.end(), i) != scope.end(); }
    std::vector<int> scoped(const std::vector<int>& scope, int extent) const {
        std::vector<int> out;
        for (int i : scope)
            if (W.c.extent_of(i) == extent) out.push_back(i);
        return out;
    }
    int pick(const std::vector<int>& v) { return v[static_cast<std::size_t>(r.below(static_cast<int>(v.size())))]; }

    term number() {
        static constexpr long long nums[][2] = {{1, 1}, {2, 1}, {3, 1}, {-1, 1}, {1, 2}, {-3, 2}, {2, 3}, {5, 1}};
        const auto& q = nums[r.below(8)];
        return ir::num(q[0], q[1]);
    }
    /// An element that uses index i (and possibly others in scope).
    term uses(int i, const std::vector<int>& scope) {
        bool over_b = W.c.extent_of(i) == W.B;
        std::vector<int> others = scoped(scope, over_b ? W.M : W.B);
        if (over_b) {
            if (intermediates && W.a >= 0 && (others.empty() || r.chance(40))) return element(W.a, {i});
            if (others.empty()) return ir::sum(W.m_pool.back(), element(W.X, {i, W.m_pool.back()}));
            return element(W.X, {i, pick(others)});
        }
        int k = r.below(3);
        if (k == 0 && intermediates && W.h >= 0) return element(W.h, {i});
        if (k == 1 && !others.empty()) return element(W.X, {pick(others), i});
        return element(W.w, {i});
    }
    term atom(const std::vector<int>& scope) {
        int k = r.below(10);
        if (k <= 1) return number();
        if (k <= 5) return ir::sym(pick({W.x, W.y, W.z}));
        if (k == 6 && intermediates && W.u >= 0) return ir::sym(W.u);
        if (k == 7 && r.chance(40)) return ir::sym(r.chance(50) ? W.B : W.M);
        if (k >= 7 && !scope.empty()) {
            int i = pick(scope);
            std::vector<int> same = scoped(scope, W.c.extent_of(i));
            if (k == 9 && same.size() > 1) return ir::delta(i, pick(same));
            return uses(i, scope);
        }
        return ir::sym(pick({W.x, W.y, W.z}));
    }
    term gen(int depth, std::vector<int>& scope) {
        if (depth <= 0 || r.chance(15)) return atom(scope);
        int k = r.below(20);
        // two operands drawn in order (not as two arguments of one call, whose
        // order of evaluation differs between compilers): one seed, one case
        auto two = [&](term (*combine)(term, term)) {
            term a = gen(depth - 1, scope);
            term b = gen(depth - 1, scope);
            return combine(std::move(a), std::move(b));
        };
        switch (k) {
            case 0: case 1: case 2: return two(ir::add);
            case 3: return two(ir::sub);
            case 4: case 5: case 6: return two(ir::mul);
            case 7: return two(ir::div);
            case 8: return ir::neg(gen(depth - 1, scope));
            case 9: {
                static constexpr long long ints[] = {2, 3, -1, -2};
                term base = gen(depth - 1, scope);
                return ir::pow(std::move(base), ir::num(ints[r.below(4)]));
            }
            case 10: {
                static constexpr long long halves[] = {1, 3, -1, 5};
                term base = gen(depth - 1, scope);
                // a base that is often positive, so that points are not all skipped
                int k2 = r.below(10);
                if (k2 < 3) base = ir::mul(base, base);
                else if (k2 < 6) base = ir::add(ir::mul(base, base), ir::num(1));
                return ir::pow(std::move(base), ir::num(halves[r.below(4)], 2));
            }
            case 11: case 12: case 13: {
                op f = unary_functions[r.below(static_cast<int>(std::size(unary_functions)))];
                term arg = gen(depth - 1, scope);
                if (f == op::log && r.chance(50)) arg = ir::add(ir::mul(arg, arg), ir::num(1, 2));
                return ir::unary(f, std::move(arg));
            }
            case 14: {
                op f = binary_functions[r.below(2)];
                term a = gen(depth - 1, scope);
                term b = gen(depth - 1, scope);
                return ir::binary(f, std::move(a), std::move(b));
            }
            case 15: case 16: {  // a sum over an index not in scope
                bool over_b = r.chance(40);
                std::vector<int> free;
                for (int i : over_b ? W.b_pool : W.m_pool)
                    if (!in_scope(scope, i)) free.push_back(i);
                if (free.empty()) return gen(depth - 1, scope);
                int i = pick(free);
                scope.push_back(i);
                term body = gen(depth - 1, scope);
                if (!ir::contains_index(body, i) || r.chance(30))
                    body = r.chance(60) ? ir::mul(std::move(body), uses(i, scope)) : ir::add(std::move(body), uses(i, scope));
                scope.pop_back();
                return ir::sum(i, std::move(body));
            }
            case 17: {  // δ times something
                if (scope.empty()) return gen(depth - 1, scope);
                int i = pick(scope);
                term d = ir::delta(i, pick(scoped(scope, W.c.extent_of(i))));
                return ir::mul(std::move(d), gen(depth - 1, scope));
            }
            case 18: {  // a general power with a positive base
                term base = ir::unary(op::exp, ir::mul(ir::num(1, 2), gen(depth - 1, scope)));
                return ir::pow(std::move(base), atom(scope));
            }
            default: return atom(scope);
        }
    }
    /// An expression with exactly the given free indices.
    term with_free(int depth, std::vector<int> free) {
        std::vector<int> scope = free;
        term e = gen(depth, scope);
        for (int i : free)
            if (!ir::contains_index(e, i)) e = r.chance(50) ? ir::mul(std::move(e), uses(i, scope)) : ir::add(std::move(e), uses(i, scope));
        return e;
    }
    /// The intermediates u, h(m), a(b) with random definitions.
    void make_intermediates() {
        intermediates = false;
        W.u = W.define("u", -1, with_free(2, {}));
        int p = W.m_pool[0];
        W.h = W.define("h", p, with_free(2, {p}));
        intermediates = true;
        int q = W.b_pool[0];
        W.a = -1;
        W.a = W.define("a", q, with_free(2, {q}));
    }
};

// ---- an independent evaluator ---------------------------------------------
/// Values of the scalars and tensor entries at a point.
struct point {
    std::vector<double> scalar;               ///< by symbol id
    std::vector<std::vector<double>> tensor;  ///< by symbol id, row-major
};

struct evaluator {
    const world& W;
    const point* p;
    /// Intermediates held fixed (a partial derivative): their definitions
    /// are evaluated at `held_at`, the point before any perturbation.
    std::vector<int> held;
    const point* held_at = nullptr;
    std::vector<int> at;  ///< index values by symbol id
    double kink = std::numeric_limits<double>::infinity();  ///< nearest kink of a non-smooth function
    double pole = std::numeric_limits<double>::infinity();  ///< nearest singularity (log, x^-r, x^(1/2))
    bool bad = false;                                        ///< out of the real domain, or huge
    bool unknown = false;                                    ///< a symbol it cannot evaluate

    evaluator(const world& w, const point& pt) : W(w), p(&pt), at(w.c.syms.size(), 0) {}

    int index(int id) {
        if (static_cast<std::size_t>(id) >= at.size()) at.resize(static_cast<std::size_t>(id) + 1, 0);
        return at[static_cast<std::size_t>(id)];
    }
    void set(int id, int v) {
        index(id);
        at[static_cast<std::size_t>(id)] = v;
    }
    double peak = 0;  ///< the largest magnitude of a sum, product or power on the way (for rounding)

    double check(double v) {
        if (!std::isfinite(v) || std::abs(v) > 1e7) bad = true;
        peak = std::max(peak, std::abs(v));
        return v;
    }
    double element(const term& t) {
        const ir::sym_entry& e = W.c.at(t.id);
        std::size_t flat = 0;
        for (int r = 0; r != e.rank; ++r) {
            int size = W.extent_size(e.dims[r]);
            flat = flat * static_cast<std::size_t>(size) + static_cast<std::size_t>(index(t.kids[static_cast<std::size_t>(r)].id));
        }
        return p->tensor[static_cast<std::size_t>(t.id)][flat];
    }
    double value(const term& t) {
        switch (t.kind) {
            case op::num: return static_cast<double>(t.value.num) / static_cast<double>(t.value.den);
            case op::idx: return index(t.id);
            case op::sym: {
                const ir::sym_entry& e = W.c.at(t.id);
                if (e.def >= 0) {
                    std::vector<int> actual;
                    for (const term& k : t.kids) actual.push_back(index(k.id));
                    std::vector<int> saved;
                    for (int r = 0; r != e.rank; ++r) saved.push_back(index(e.params[r]));
                    for (int r = 0; r != e.rank; ++r) set(e.params[r], actual[static_cast<std::size_t>(r)]);
                    const point* was = p;
                    if (held_at && std::find(held.begin(), held.end(), t.id) != held.end()) p = held_at;
                    double v = value(W.c.defs[static_cast<std::size_t>(e.def)]);
                    p = was;
                    for (int r = 0; r != e.rank; ++r) set(e.params[r], saved[static_cast<std::size_t>(r)]);
                    return v;
                }
                if (e.kind == ir::sym_kind::extent) return W.extent_size(t.id);
                if (ir::is_pi(e)) return 3.14159265358979323846;
                if (e.kind == ir::sym_kind::tensor) return element(t);
                if (e.kind == ir::sym_kind::scalar && static_cast<std::size_t>(t.id) < p->scalar.size()) return p->scalar[static_cast<std::size_t>(t.id)];
                unknown = bad = true;
                return 0;
            }
            case op::add: {
                double v = 0;
                for (const term& k : t.kids) v += value(k);
                return check(v);
            }
            case op::mul: {
                double v = 1;
                for (const term& k : t.kids) v *= value(k);
                return check(v);
            }
            case op::pow: {
                double b = value(t.kids[0]);
                const term& ex = t.kids[1];
                if (ex.is_num() && ex.value.den == 1) {
                    if (ex.value.num < 0) pole = std::min(pole, std::abs(b));
                    if (b == 0 && ex.value.num < 0) return check(std::numeric_limits<double>::infinity());
                    return check(std::pow(b, static_cast<double>(ex.value.num)));
                }
                double e = value(ex);
                if (b <= 0) {
                    bad = true;
                    return 0;
                }
                pole = std::min(pole, b);
                return check(std::pow(b, e));
            }
            case op::exp: return check(std::exp(value(t.kids[0])));
            case op::log: {
                double a = value(t.kids[0]);
                if (a <= 0) {
                    bad = true;
                    return 0;
                }
                pole = std::min(pole, a);
                return check(std::log(a));
            }
            case op::relu: case op::step: case op::abs: case op::sign: {
                double a = value(t.kids[0]);
                kink = std::min(kink, std::abs(a));
                if (t.kind == op::relu) return a > 0 ? a : 0;
                if (t.kind == op::step) return a > 0 ? 1 : 0;
                if (t.kind == op::abs) return std::abs(a);
                return a > 0 ? 1 : (a < 0 ? -1 : 0);
            }
            case op::max: case op::min: {
                double a = value(t.kids[0]), b = value(t.kids[1]);
                kink = std::min(kink, std::abs(a - b));
                return t.kind == op::max ? std::max(a, b) : std::min(a, b);
            }
            case op::tanh: return std::tanh(value(t.kids[0]));
            case op::sigmoid: return 1 / (1 + std::exp(-value(t.kids[0])));
            case op::erf: return std::erf(value(t.kids[0]));
            case op::softplus: {
                double a = value(t.kids[0]);
                return std::max(a, 0.0) + std::log1p(std::exp(-std::abs(a)));
            }
            case op::sin: return std::sin(value(t.kids[0]));
            case op::cos: return std::cos(value(t.kids[0]));
            case op::delta: return index(t.kids[0].id) == index(t.kids[1].id) ? 1 : 0;
            case op::sum: {
                int saved = index(t.id), n = W.index_size(t.id);
                double v = 0;
                for (int i = 0; i != n; ++i) {
                    set(t.id, i);
                    v += value(t.kids[0]);
                }
                set(t.id, saved);
                return check(v);
            }
        }
        unknown = bad = true;
        return 0;
    }
};

/// A value with the margins to kinks and poles met on the way.
struct reading {
    double v = 0;
    bool ok = false;
    bool unknown = false;
    double peak = 0;  ///< see evaluator::peak
};
inline constexpr double kink_margin = 1e-3, pole_margin = 2e-2;

inline reading evaluate(const world& W, const point& p, const term& t, const std::vector<int>& ids, const std::vector<int>& vals,
                        const std::vector<int>& held = {}, const point* held_at = nullptr) {
    evaluator e(W, p);
    e.held = held;
    e.held_at = held_at;
    for (std::size_t i = 0; i != ids.size(); ++i) e.set(ids[i], vals[i]);
    double v = e.value(t);
    reading r;
    r.v = v;
    r.unknown = e.unknown;
    r.peak = std::max(e.peak, std::abs(v));
    r.ok = !e.bad && e.kink > kink_margin && e.pole > pole_margin && std::isfinite(v);
    return r;
}

// ---- what a run counts -------------------------------------------------------
struct options {
    int max_reports = 20;  ///< reasons kept
    int depth = 3;
};

struct stats {
    long cases = 0, derivative_checks = 0, simplify_checks = 0, equivalence_checks = 0, latex_checks = 0;
    long latex_read_checks = 0;  ///< points where the LaTeX read back (parse/latex.hpp) agrees with the term
    long skipped_points = 0, mismatches = 0, errors = 0;
    long undefined = 0;  ///< cases left out: no expression defined at any of their points
    std::vector<std::string> reports;  ///< one line per mismatch (up to max_reports)
    void add(const stats& o) {
        cases += o.cases;
        derivative_checks += o.derivative_checks;
        simplify_checks += o.simplify_checks;
        equivalence_checks += o.equivalence_checks;
        latex_checks += o.latex_checks;
        latex_read_checks += o.latex_read_checks;
        skipped_points += o.skipped_points;
        mismatches += o.mismatches;
        errors += o.errors;
        undefined += o.undefined;
        reports.insert(reports.end(), o.reports.begin(), o.reports.end());
    }
};

inline std::string latex_of(const ir::context& c, const term& t, const latex_options& o = {}) {
    try {
        return std::string(ir::print(c, t, o).view());
    } catch (const std::exception& ex) {
        return std::string("<latex failed: ") + ex.what() + ">";
    }
}

/// What is wrong with a LaTeX string, or empty.
inline std::string latex_problem(std::string_view s) {
    long depth = 0;
    for (std::size_t i = 0; i != s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
            ++i;
            continue;
        }
        if (s[i] == '{') ++depth;
        if (s[i] == '}' && --depth < 0) return "a } without its {";
    }
    if (depth != 0) return "unbalanced braces";
    auto count = [&](std::string_view what) {
        long n = 0;
        for (std::size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
        return n;
    };
    if (count("\\left") != count("\\right")) return "\\left and \\right do not match";
    if (count("_{}") || count("^{}")) return "an empty subscript or superscript";
    if (count("nan") || count("inf")) return "nan or inf";
    return "";
}

// ---- one case -------------------------------------------------------------------
struct fuzz_case {
    std::uint64_t seed;
    const options& opt;
    stats& st;
    rng r{seed};
    world W;
    std::vector<point> points;
    std::string current;  ///< the LaTeX of the expression being checked (for errors)
    std::string stage;    ///< what was being done to it
    std::vector<int> held;  ///< intermediates held fixed by the derivative being checked

    bool defined_somewhere(const term& e) {
        std::vector<int> ids = ir::free_indices(e);
        for (const point& p : points)
            for (const auto& vals : assignments(ids, 2))
                if (evaluate(W, p, e, ids, vals).ok) return true;
        return false;
    }

    fuzz_case(std::uint64_t s, const options& o, stats& out) : seed(s), opt(o), st(out) {}

    point random_point() {
        point p;
        p.scalar.assign(W.c.syms.size(), 0);
        p.tensor.assign(W.c.syms.size(), {});
        for (int id : {W.x, W.y, W.z}) p.scalar[static_cast<std::size_t>(id)] = r.signed_value();
        for (int id : {W.X, W.w}) {
            std::size_t n = id == W.X ? static_cast<std::size_t>(W.B_value * W.M_value) : static_cast<std::size_t>(W.M_value);
            for (std::size_t i = 0; i != n; ++i) p.tensor[static_cast<std::size_t>(id)].push_back(r.signed_value());
        }
        return p;
    }
    std::string describe(const point& p, const std::vector<int>& ids, const std::vector<int>& vals) const {
        std::ostringstream o;
        o.precision(17);
        o << "x=" << p.scalar[static_cast<std::size_t>(W.x)] << " y=" << p.scalar[static_cast<std::size_t>(W.y)]
          << " z=" << p.scalar[static_cast<std::size_t>(W.z)] << " w=(";
        for (double v : p.tensor[static_cast<std::size_t>(W.w)]) o << v << ' ';
        o << ") X=(";
        for (double v : p.tensor[static_cast<std::size_t>(W.X)]) o << v << ' ';
        o << ")";
        for (std::size_t i = 0; i != ids.size(); ++i) o << ' ' << W.c.at(ids[i]).name_view() << '=' << vals[i];
        return o.str();
    }
    void report(const std::string& line) {
        ++st.mismatches;
        if (static_cast<int>(st.reports.size()) < opt.max_reports) st.reports.push_back(line);
    }
    std::string header(const char* what) const {
        std::ostringstream o;
        o << what << " (case seed " << seed << ")";
        return o.str();
    }

    /// Every assignment of the given indices (up to `limit`, chosen at random).
    std::vector<std::vector<int>> assignments(const std::vector<int>& ids, int limit) {
        std::vector<std::vector<int>> all{{}};
        for (int id : ids) {
            std::vector<std::vector<int>> next;
            for (const auto& a : all)
                for (int v = 0; v != W.index_size(id); ++v) {
                    next.push_back(a);
                    next.back().push_back(v);
                }
            all = std::move(next);
        }
        while (static_cast<int>(all.size()) > limit) all.erase(all.begin() + r.below(static_cast<int>(all.size())));
        return all;
    }

    static std::vector<int> merge(std::vector<int> a, const std::vector<int>& b) {
        for (int i : b)
            if (std::find(a.begin(), a.end(), i) == a.end()) a.push_back(i);
        return a;
    }

    // A variable of differentiation: a scalar, or a tensor element.
    struct variable {
        term t;
        int id;
        std::vector<int> indices;
    };

    /// The finite-difference check of g = de/dv at one point and assignment;
    /// 1 match, 0 skipped, -1 mismatch (values in `an`, `fd`).
    int derivative_at(const term& e, const term& g, const variable& v, point p, const std::vector<int>& ids, const std::vector<int>& vals,
                      double& an, double& fd) {
        reading gr = evaluate(W, p, g, ids, vals);
        reading er = evaluate(W, p, e, ids, vals);
        if (!er.ok) return 0;
        if (gr.unknown) {
            an = fd = 0;
            return -2;
        }
        if (!gr.ok) return 0;
        double* slot;
        if (v.indices.empty()) {
            slot = &p.scalar[static_cast<std::size_t>(v.id)];
        } else {
            std::size_t flat = 0;
            const ir::sym_entry& en = W.c.at(v.id);
            for (int k = 0; k != en.rank; ++k) {
                int iv = vals[static_cast<std::size_t>(std::find(ids.begin(), ids.end(), v.indices[static_cast<std::size_t>(k)]) - ids.begin())];
                flat = flat * static_cast<std::size_t>(W.extent_size(en.dims[k])) + static_cast<std::size_t>(iv);
            }
            slot = &p.tensor[static_cast<std::size_t>(v.id)][flat];
        }
        const point base = p;
        double x0 = *slot, h = 1e-6 * std::max(1.0, std::abs(x0)), scale = er.peak;
        // central differences with steps h and h/2; where they disagree the
        // function varies too fast here for either to be trusted
        auto central = [&](double step, bool& ok) {
            *slot = x0 + step;
            reading up = evaluate(W, p, e, ids, vals, held, &base);
            *slot = x0 - step;
            reading down = evaluate(W, p, e, ids, vals, held, &base);
            *slot = x0;
            ok = ok && up.ok && down.ok;
            scale = std::max({scale, up.peak, down.peak});
            return (up.v - down.v) / (2 * step);
        };
        bool ok = true;
        double coarse = central(h, ok), fine = central(h / 2, ok);
        if (!ok) return 0;
        an = gr.v;
        fd = (4 * fine - coarse) / 3;
        // truncation O(h^2) (O(h^4) after extrapolation), rounding O(eps peak / h)
        // where peak is the largest value met while evaluating e (cancellation)
        double tol = 1e-5 * (1 + std::abs(an) + std::abs(fd)) + 1e-12 * scale / h;
        if (std::abs(fine - coarse) > tol) return 0;
        return std::abs(an - fd) <= tol ? 1 : -1;
    }

    void check_derivative(const term& e, const term& g, const variable& v, const char* method) {
        std::vector<int> fe = ir::free_indices(e);
        std::vector<int> ids = merge(merge(fe, v.indices), ir::free_indices(g));
        for (const point& p : points) {
            for (const auto& vals : assignments(ids, 3)) {
                double an = 0, fd = 0;
                int res = derivative_at(e, g, v, p, ids, vals, an, fd);
                if (res == 0) {
                    ++st.skipped_points;
                    continue;
                }
                ++st.derivative_checks;
                if (res > 0) continue;
                std::ostringstream o;
                o.precision(17);
                o << header("derivative") << ' ' << method << ": d/d " << latex_of(W.c, v.t)
                  << " of " << current;
                for (int id : held) o << " (" << W.c.at(id).name_view() << " held fixed)";
                o << " = " << latex_of(W.c, g) << " at " << describe(p, ids, vals);
                if (res == -2) o << ": the derivative has a symbol the evaluator does not know";
                else o << ": symbolic " << an << ", finite difference " << fd;
                report(o.str());
                return;
            }
        }
    }

    /// e and b (claimed equal) agree at the points; `what` names the claim.
    void check_same(const term& a, const term& b, const char* what, long& counter) {
        std::vector<int> ids = merge(ir::free_indices(a), ir::free_indices(b));
        for (const point& p : points) {
            for (const auto& vals : assignments(ids, 3)) {
                reading ra = evaluate(W, p, a, ids, vals), rb = evaluate(W, p, b, ids, vals);
                if (!ra.ok || !rb.ok) {
                    ++st.skipped_points;
                    continue;
                }
                ++counter;
                if (std::abs(ra.v - rb.v) <= 1e-9 * (1 + std::abs(ra.v) + std::abs(rb.v)) + 1e-12 * std::max(ra.peak, rb.peak)) continue;
                std::ostringstream o;
                o.precision(17);
                o << header("mismatch") << ' ' << what << ": " << current << " vs "
                  << latex_of(W.c, b) << " at " << describe(p, ids, vals) << ": " << ra.v << " vs " << rb.v;
                report(o.str());
                return;
            }
        }
    }

    /// The LaTeX of t with the default options, then with random ones.
    void check_latex(const term& t, const char* what) {
        check_latex(t, what, latex_options{});
        latex_options o;
        o.step = static_cast<step_style>(r.below(3));
        o.relu = static_cast<relu_style>(r.below(3));
        o.fractions = r.chance(50);
        o.merge_products = r.chance(50);
        check_latex(t, what, o);
    }
    void check_latex(const term& t, const char* what, const latex_options& o) {
        ++st.latex_checks;
        std::string s = latex_of(W.c, t, o);
        std::string problem = latex_problem(s);
        if (!problem.empty()) {
            report(header("latex") + ' ' + what + ": " + problem + ": " + s);
            return;
        }
        // read back, it is the same function (unless the options spell two
        // functions alike: relu as \sigma next to the logistic sigmoid)
        if (o.relu == relu_style::sigma && contains_kind(t, op::sigmoid)) return;
        parse::parse_result back = parse::parse_latex(W.c, s, o);
        if (!back.ok()) {
            std::ostringstream m;
            m << header("latex") << ' ' << what << ": not read back (problem " << static_cast<int>(back.what) << " at "
              << back.position << "): " << s;
            report(m.str());
            return;
        }
        check_same(t, back.root, "read back from its LaTeX", st.latex_read_checks);
    }
    static bool contains_kind(const term& t, op k) {
        if (t.kind == k) return true;
        for (const term& c : t.kids)
            if (contains_kind(c, k)) return true;
        return false;
    }

    /// A copy of t with one node changed (a number, a symbol, a function, + and *).
    term mutate(term t, int& at) {
        if (t.kind == op::idx || t.kind == op::delta) return t;  // indices stay valid
        if (at-- == 0) {
            if (t.is_num()) return ir::num(t.value.num + 1, t.value.den);
            if (t.kind == op::sym && t.kids.empty() && (t.id == W.x || t.id == W.y || t.id == W.z)) return ir::sym(t.id == W.x ? W.y : W.x);
            if (t.kind == op::add) t.kind = op::mul;
            else if (t.kind == op::mul) t.kind = op::add;
            else if (t.kind == op::sin) t.kind = op::cos;
            else if (t.kind == op::tanh) t.kind = op::sigmoid;
            else if (t.kind == op::max) t.kind = op::min;
            else return ir::add(std::move(t), ir::num(1));
            return t;
        }
        if (t.kind != op::sym)
            for (term& k : t.kids) k = mutate(std::move(k), at);
        return t;
    }

    void run() {
        ++st.cases;
        generator g{r, W};
        g.make_intermediates();
        for (int i = 0; i != 3; ++i) points.push_back(random_point());
        int l = W.m_pool[3], d = W.b_pool[2];
        // the intermediates to fold back: those defined somewhere (not 1 / (z - z))
        std::vector<int> fold;
        if (defined_somewhere(ir::sym(W.u))) fold.push_back(W.u);
        if (defined_somewhere(element(W.h, {l}))) fold.push_back(W.h);
        if (defined_somewhere(element(W.a, {d}))) fold.push_back(W.a);
        int shape = r.below(4);
        std::vector<int> free;
        if (shape == 1) free = {W.m_pool[r.below(4)]};
        if (shape == 2) free = {W.b_pool[r.below(3)]};
        if (shape == 3) free = {W.b_pool[r.below(3)], W.m_pool[r.below(4)]};
        // an expression defined at one of the points at least (not 1/(z - z))
        term e;
        for (int tries = 0;; ++tries) {
            e = g.with_free(1 + r.below(opt.depth), free);
            if (defined_somewhere(e)) break;
            if (tries == 20) {  // an intermediate is undefined everywhere: a / (z - z)
                ++st.undefined;
                return;
            }
        }
        current = latex_of(W.c, e);
        if (ir::names_an_intermediate(W.c, e))
            for (int id : {W.u, W.h, W.a})
            {
                const ir::sym_entry& en = W.c.at(id);
                term named = en.rank ? element(id, {en.params[0]}) : ir::sym(id);
                current += ", " + latex_of(W.c, named) + " := " + latex_of(W.c, W.c.defs[static_cast<std::size_t>(en.def)]);
            }
        stage = "latex";
        check_latex(e, "e");

        // derivatives, by each variable
        std::vector<variable> vars;
        for (int id : {W.x, W.y, W.z})
            if (ir::contains_symbol(e, id) || ir::contains_symbol(ir::inline_definitions(W.c, e), id) || r.chance(10))
                vars.push_back({ir::sym(id), id, {}});
        vars.push_back({element(W.X, {W.s, W.t}), W.X, {W.s, W.t}});
        vars.push_back({element(W.w, {W.t}), W.w, {W.t}});
        for (int i : free)
            if (W.c.extent_of(i) == W.M && r.chance(50)) vars.push_back({element(W.w, {i}), W.w, {i}});
        if (free.size() == 2 && r.chance(50)) vars.push_back({element(W.X, {free[0], free[1]}), W.X, {free[0], free[1]}});
        if (r.chance(40)) {  // indices of the pools, perhaps bound in e: the derivative must not capture them
            int i = W.b_pool[static_cast<std::size_t>(r.below(3))], j = W.m_pool[static_cast<std::size_t>(r.below(4))];
            vars.push_back({element(W.X, {i, j}), W.X, {i, j}});
            vars.push_back({element(W.w, {j}), W.w, {j}});
        }
        for (const variable& v : vars) {
            stage = "derivative by " + latex_of(W.c, v.t);
            term raw = ir::derivative(W.c, e, v.t, {});
            check_derivative(e, raw, v, "ir::derivative");
            term simple = ir::simplify_folded(W.c, raw, {});
            check_derivative(e, simple, v, "simplified");
            check_latex(simple, "d(e)");
            if (!fold.empty() && ir::names_an_intermediate(W.c, e)) {  // in_terms_of: definitions folded back
                stage = "folding " + latex_of(W.c, v.t);
                check_derivative(e, ir::simplify_folded(W.c, raw, fold), v, "folded");
            }
            if (!fold.empty() && ir::names_an_intermediate(W.c, e) && r.chance(40)) {  // a partial derivative
                for (int id : fold)
                    if (r.chance(50)) held.push_back(id);
                stage = "partial derivative by " + latex_of(W.c, v.t);
                term partial = ir::derivative(W.c, e, v.t, held);
                check_derivative(e, partial, v, "partial (held fixed)");
                check_derivative(e, ir::simplify_folded(W.c, partial, {}), v, "partial (held fixed), simplified");
                held.clear();
            }
            if (ir::reverse_mode_applies(W.c, e, {})) {
                stage = "adjoints by " + latex_of(W.c, v.t);
                ir::adjoint_program prog = ir::adjoints(W.c, e, {v.t}, {}, "f");
                term rev = ir::simplify_folded(W.c, ir::inline_adjoints(W.c, prog.gradients[0]), {});
                check_derivative(e, rev, v, "adjoints");
            }
        }

        // simplify and canonical forms
        stage = "simplify";
        term s = ir::simplify_folded(W.c, e, {});
        check_same(e, s, "simplify", st.simplify_checks);
        check_latex(s, "simplify(e)");
        stage = "canonical";
        term ce = ir::canonical(W.c, e);
        check_same(e, ce, "canonical", st.equivalence_checks);
        for (int k = 0; k != 3; ++k) {
            stage = "canonical forms compared";
            term other;
            switch (r.below(4)) {
                case 0: other = ir::add(ir::sub(ir::mul(e, e), ir::pow(e, ir::num(2))), e); break;
                case 1: other = ir::sub(ir::add(e, ir::sym(W.x)), ir::sym(W.x)); break;
                default: {
                    int at = r.below(static_cast<int>(ir::node_count(e)));
                    other = mutate(e, at);
                }
            }
            if (!defined_somewhere(other)) continue;  // a number changed to 0 in 1/(-1)
            bool same = ir::canonical(W.c, other) == ce;
            if (!same && ir::free_indices(other) == ir::free_indices(e)) same = ir::cleared_difference(W.c, e, other).is_zero();
            if (same) check_same(e, other, "equal canonical forms", st.equivalence_checks);
        }
    }
};

/// The seed of case i of a run.
inline std::uint64_t case_seed(std::uint64_t seed, long i) {
    rng r{seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(i)};
    return r.next();
}

/// One case, by its own seed; an exception from the library is a mismatch.
inline void run_case(std::uint64_t seed, const options& opt, stats& st) {
    fuzz_case fc(seed, opt, st);
    try {
        fc.run();
    } catch (const std::exception& ex) {
        ++st.errors;
        fc.report(fc.header("error") + " in " + fc.stage + " on " + fc.current + ": " + ex.what());
    }
}

inline stats run(std::uint64_t seed, long cases, const options& opt = {}) {
    stats st;
    for (long i = 0; i != cases; ++i) run_case(case_seed(seed, i), opt, st);
    return st;
}

}  // namespace leibniz::fuzz
