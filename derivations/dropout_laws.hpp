// Dropout counting laws (reference document, sections 1.3 to 1.5), checked
// numerically: the binomial law of the number of kept units, its Poisson
// limit with M (1 - p) = α fixed, each intermediate step of the document's
// limit, and Poisson thinning by summing the series with a tail bound.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "record.hpp"

namespace leibniz::derivations::dropout::laws {

// ---- 1.3: the binomial law -----------------------------------------------------------------------
/// P(kept = k) for k = 0..M when each of M units is kept with probability q
/// = 1 - p, by the recurrence b_{k+1} = b_k (M - k) q / ((k + 1) (1 - q)).
inline std::vector<double> binomial_pmf(int units, double q) {
    std::vector<double> b(static_cast<std::size_t>(units) + 1, 0.0);
    if (q >= 1) {
        b.back() = 1;
        return b;
    }
    b[0] = std::pow(1 - q, units);
    for (int k = 0; k < units; ++k) b[static_cast<std::size_t>(k) + 1] = b[static_cast<std::size_t>(k)] * (units - k) * q / ((k + 1) * (1 - q));
    return b;
}

/// The document's formula C(M, k) (1-p)^k p^(M-k), through log-gamma.
inline double binomial_formula(int units, int k, double p) {
    double log_c = std::lgamma(units + 1.0) - std::lgamma(k + 1.0) - std::lgamma(units - k + 1.0);
    return std::exp(log_c + k * std::log(1 - p) + (units - k) * std::log(p));
}

/// P(kept = k) by summing over all 2^M keep/drop patterns (M ≤ 20).
inline std::vector<double> kept_by_enumeration(int units, double p) {
    std::vector<double> out(static_cast<std::size_t>(units) + 1, 0.0);
    for (std::uint32_t mask = 0; mask < (1u << units); ++mask) {
        double prob = 1;
        int kept = 0;
        for (int u = 0; u < units; ++u) {
            bool keep = (mask >> u) & 1u;
            prob *= keep ? 1 - p : p;
            kept += keep;
        }
        out[static_cast<std::size_t>(kept)] += prob;
    }
    return out;
}

// ---- 1.4: the Poisson limit --------------------------------------------------------------------------
inline double poisson_pmf(int k, double lambda) { return std::exp(k * std::log(lambda) - lambda - std::lgamma(k + 1.0)); }

/// ½ Σ_k |Bin(M, α/M)(k) - Poi(α)(k)|, the Poisson mass above M included.
inline double total_variation(int units, double alpha) {
    std::vector<double> b = binomial_pmf(units, alpha / units);
    double sum = 0, poisson_mass = 0, pk = std::exp(-alpha);
    for (int k = 0; k <= units; ++k) {
        sum += std::abs(b[static_cast<std::size_t>(k)] - pk);
        poisson_mass += pk;
        pk *= alpha / (k + 1);
    }
    sum += std::max(0.0, 1 - poisson_mass);
    return sum / 2;
}

/// Le Cam: d_TV(Bin, Poi) ≤ Σ_i q_i² = M (α/M)² = α²/M.
inline double le_cam_bound(int units, double alpha) { return alpha * alpha / units; }

/// The lines of the document's limit at finite M, with p = 1 - α/M.
struct limit_steps {
    double M, alpha;
    int k;

    double q() const { return alpha / M; }  // 1 - p
    double factorial_k() const { return std::exp(std::lgamma(k + 1.0)); }
    double falling() const {  // M (M-1) ... (M-k+1)
        double f = 1;
        for (int j = 0; j < k; ++j) f *= M - j;
        return f;
    }
    double scaled_falling() const {  // (M (1-p)) ((M-1)(1-p)) ... ((M-k+1)(1-p))
        double f = 1;
        for (int j = 0; j < k; ++j) f *= (M - j) * q();
        return f;
    }
    double base() const { return 1 - alpha / M; }  // 1 - α/M = p

    /// C(M, k) (1-p)^k p^(M-k)
    double line0() const {
        double log_c = std::lgamma(M + 1) - std::lgamma(k + 1.0) - std::lgamma(M - k + 1);
        return std::exp(log_c + k * std::log(q()) + (M - k) * std::log(base()));
    }
    /// M (M-1) ... (M-k+1) / k! (1-p)^k (1 - α/M)^(M-k)
    double line1() const { return falling() / factorial_k() * std::pow(q(), k) * std::pow(base(), M - k); }
    /// (M(1-p)) ((M-1)(1-p)) ... / k! (1 - α/M)^(M-k)
    double line2() const { return scaled_falling() / factorial_k() * std::pow(base(), M - k); }
    /// as written: ... (1 - α/M)^(M/α) (1 - α/M)^(-k)
    double line3_as_written() const {
        return scaled_falling() / factorial_k() * std::pow(base(), M / alpha) * std::pow(base(), -k);
    }
    /// as intended: ... ((1 - α/M)^(M/α))^α (1 - α/M)^(-k)
    double line3_intended() const {
        return scaled_falling() / factorial_k() * std::pow(std::pow(base(), M / alpha), alpha) * std::pow(base(), -k);
    }
    /// the claimed limit α^k e^(-α) / k!
    double claimed_limit() const { return std::pow(alpha, k) * std::exp(-alpha) / factorial_k(); }
    /// the limit of line 3 as written: α^k e^(-1) / k!
    double limit_as_written() const { return std::pow(alpha, k) * std::exp(-1.0) / factorial_k(); }
};

// ---- 1.5: Poisson thinning --------------------------------------------------------------------------------
/// A truncated series and a bound on what was left off.
struct series_sum {
    double value = 0;
    double tail_bound = 0;
    int terms = 0;
};

/// Σ_{n > last} λ^n e^(-λ) / n! ≤ Poi(last + 1) / (1 - λ / (last + 2)) (a geometric bound; last + 2 > λ).
inline double poisson_tail_bound(int last, double lambda) {
    return poisson_pmf(last + 1, lambda) / (1 - lambda / (last + 2));
}

/// P(x kept) = Σ_{M ≥ x} Poi(M; λ) C(M, x) (1-p)^x p^(M-x), summed until the
/// tail bound (each binomial factor is ≤ 1) is below tol times the sum.
inline series_sum thinning_series(double lambda, double p, int x, double tol = 1e-15) {
    series_sum s;
    for (int n = x;; ++n) {
        s.value += poisson_pmf(n, lambda) * binomial_formula(n, x, p);
        ++s.terms;
        if (n + 2 > 2 * lambda) {
            s.tail_bound = poisson_tail_bound(n, lambda);
            if (s.tail_bound < tol * s.value) return s;
        }
    }
}

/// The document's closed form e^(-λ(1-p)) (λ(1-p))^x / x!.
inline double thinning_closed_form(double lambda, double p, int x) { return poisson_pmf(x, lambda * (1 - p)); }

/// The document's lines for one term (M, x).
struct thinning_steps {
    double lambda, p;

    /// λ^M e^(-λ) / M! · C(M, x) (1-p)^x p^(M-x)
    double joint(int M, int x) const { return poisson_pmf(M, lambda) * binomial_formula(M, x, p); }
    /// e^(-λ) / x! · (1-p)^x · λ^M p^(M-x) / (M-x)!
    double joint_rearranged(int M, int x) const {
        return std::exp(-lambda - std::lgamma(x + 1.0)) * std::pow(1 - p, x) *
               std::exp(M * std::log(lambda) + (M - x) * std::log(p) - std::lgamma(M - x + 1.0));
    }
    /// Σ_{M'} λ^(M'+x) p^(M') / M'!  and  λ^x Σ_{M'} (λp)^(M') / M'!, to n terms
    double shifted_sum(int x, int n) const {
        double s = 0;
        for (int m = 0; m < n; ++m) s += std::exp((m + x) * std::log(lambda) + m * std::log(p) - std::lgamma(m + 1.0));
        return s;
    }
    double factored_sum(int x, int n) const {
        double s = 0;
        for (int m = 0; m < n; ++m) s += std::exp(m * std::log(lambda * p) - std::lgamma(m + 1.0));
        return std::pow(lambda, x) * s;
    }
    /// Σ_{M'} (λp)^(M') / M'! to n terms, against e^(λp)
    double exp_series(int n) const { return factored_sum(0, n); }
    /// e^(-λ) / x! (1-p)^x λ^x e^(λp)
    double before_last(int x) const {
        return std::exp(-lambda - std::lgamma(x + 1.0)) * std::pow(1 - p, x) * std::pow(lambda, x) * std::exp(lambda * p);
    }
};

// ---- verdicts -------------------------------------------------------------------------------------------
inline double relative_gap(double a, double b) {
    double scale = std::max(std::abs(a), std::abs(b));
    return scale == 0 ? 0 : std::abs(a - b) / scale;
}

/// A numeric verdict: equal when the largest relative gap is within tol.
inline verdict numeric_verdict(double worst_gap, double tol) { return worst_gap <= tol ? verdict::equal : verdict::differs; }

inline std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

/// A record of a numeric check: `check` describes it, `result` says what it found.
inline record numeric_record(std::string section, std::string title, std::string document, std::string check, verdict v,
                             std::string result, std::string assumptions) {
    record r = record_of(std::move(section), std::move(title), std::move(document), std::move(check), v, "",
                         std::move(assumptions), std::move(result));
    r.how = method::numeric;
    return r;
}

/// The records of 1.3 to 1.5: verdicts computed now.
inline std::vector<record> records(double alpha = 3, int k = 2) {
    std::vector<record> out;
    const std::string bin_assume = "units kept independently, each with probability 1-p";

    // 1.3: enumeration of all keep/drop patterns of 12 units
    double worst = 0;
    for (double p : {0.1, 0.3, 0.5, 0.8}) {
        std::vector<double> e = kept_by_enumeration(12, p);
        for (int kk = 0; kk <= 12; ++kk) worst = std::max(worst, relative_gap(e[static_cast<std::size_t>(kk)], binomial_formula(12, kk, p)));
    }
    out.push_back(numeric_record("1.3", "P(kept = k)", "P(\\text{kept} = k) = \\binom{M}{k} \\cdot (1-p)^k \\cdot p^{M-k}",
                   "\\sum_{|S| = k} (1-p)^{|S|} p^{M-|S|} \\text{ over all } 2^{12} \\text{ patterns}", numeric_verdict(worst, 1e-10),
                   "largest relative gap " + number(worst), bin_assume));

    // 1.4: the lines at M = 10^6
    limit_steps big{1e6, alpha, k};
    double g1 = 0, g2 = 0;
    for (double M : {10.0, 100.0, 1000.0, 10000.0}) {
        limit_steps s{M, alpha, k};
        g1 = std::max(g1, relative_gap(s.line1(), s.line0()));
        g2 = std::max(g2, relative_gap(s.line2(), s.line0()));
    }
    const std::string lim_assume = "M(1-p) = \\alpha fixed, \\alpha = " + number(alpha) + ", k = " + std::to_string(k);
    out.push_back(numeric_record("1.4", "line 1: C(M,k) as a falling factorial",
                   "\\frac{M(M-1) \\cdot (M-k+1)}{k!} (1-p)^k \\left(1 - \\frac{\\alpha}{M}\\right)^{M-k}",
                   "exact at M = 10, 100, 1000, 10000", numeric_verdict(g1, 1e-9), "largest relative gap " + number(g1), lim_assume));
    out.push_back(numeric_record("1.4", "line 2: (1-p) into each factor",
                   "\\frac{(M \\cdot (1-p)) \\cdots ((M-k+1)(1-p))}{k!} \\cdot \\left(1 - \\frac{\\alpha}{M}\\right)^{M-k}",
                   "exact at M = 10, 100, 1000, 10000", numeric_verdict(g2, 1e-9), "largest relative gap " + number(g2), lim_assume));
    double g3 = relative_gap(big.line3_as_written(), big.claimed_limit());
    out.push_back(numeric_record("1.4", "line 3 as written: exponent M/alpha",
                   "\\left(1 - \\frac{\\alpha}{M}\\right)^{\\frac{M}{\\alpha}} \\cdot \\left(1 - \\frac{\\alpha}{M}\\right)^{-k}",
                   "\\left(1 - \\frac{\\alpha}{M}\\right)^{M/\\alpha} \\to e^{-1}: \\text{ the line tends to } \\frac{\\alpha^k}{k!} e^{-1}",
                   numeric_verdict(g3, 1e-4),
                   "at M = 10^6 the line is " + number(big.line3_as_written()) + ", the claimed limit " + number(big.claimed_limit()) +
                       "; correct as ((1 - \\alpha/M)^{M/\\alpha})^{\\alpha}, or with exponent M",
                   lim_assume));
    double g3i = relative_gap(big.line3_intended(), big.claimed_limit());
    out.push_back(numeric_record("1.4", "line 3 with the power alpha restored",
                   "\\left(\\left(1 - \\frac{\\alpha}{M}\\right)^{\\frac{M}{\\alpha}}\\right)^{\\alpha} \\left(1 - \\frac{\\alpha}{M}\\right)^{-k}",
                   "\\text{value at } M = 10^6", numeric_verdict(g3i, 1e-4), "relative gap to the limit " + number(g3i), lim_assume));
    double tv = total_variation(10000, alpha);
    out.push_back(numeric_record("1.4", "the Poisson limit", "\\frac{\\alpha^k}{k!} e^{-\\alpha} = \\frac{(M(1-p))^k}{k!} e^{-M(1-p)}",
                   "d_{TV}(\\mathrm{Bin}(M, \\alpha/M), \\mathrm{Poi}(\\alpha)) \\le \\alpha^2 / M", tv <= le_cam_bound(10000, alpha) ? verdict::equal : verdict::differs,
                   "d_TV = " + number(tv) + " at M = 10000 (Le Cam bound " + number(le_cam_bound(10000, alpha)) + ")", lim_assume));

    // 1.5: thinning, over a grid
    double ga = 0, gb = 0, gc = 0, gd = 0, gs = 0;
    for (double lambda : {0.5, 2.0, 7.5})
        for (double p : {0.2, 0.5, 0.9}) {
            thinning_steps t{lambda, p};
            for (int x : {0, 1, 3, 6}) {
                for (int M = x; M < x + 12; ++M) ga = std::max(ga, relative_gap(t.joint(M, x), t.joint_rearranged(M, x)));
                gb = std::max(gb, relative_gap(t.shifted_sum(x, 60), t.factored_sum(x, 60)));
                gd = std::max(gd, relative_gap(t.before_last(x), thinning_closed_form(lambda, p, x)));
                // the gap beyond what the tail bound allows, relative to the value
                series_sum s = thinning_series(lambda, p, x);
                double closed = thinning_closed_form(lambda, p, x);
                gs = std::max(gs, std::max(0.0, std::abs(s.value - closed) - s.tail_bound) / closed);
            }
            gc = std::max(gc, relative_gap(t.exp_series(80), std::exp(lambda * p)));
        }
    const std::string thin_assume = "M \\sim \\mathrm{Poisson}(\\lambda); each unit kept independently with probability 1-p";
    out.push_back(numeric_record("1.5", "joint probability, rearranged",
                   "\\frac{e^{-\\lambda}}{x!} \\cdot (1-p)^x \\cdot \\frac{\\lambda^M \\cdot p^{M-x}}{(M-x)!}", "exact on a grid of \\lambda, p, x, M",
                   numeric_verdict(ga, 1e-10), "largest relative gap " + number(ga), thin_assume));
    out.push_back(numeric_record("1.5", "substitution M' = M - x", "\\lambda^x \\cdot \\sum_{M'=0}^{\\infty} \\frac{(\\lambda p)^{M'}}{M'!}",
                   "term by term, 60 terms", numeric_verdict(gb, 1e-12), "largest relative gap " + number(gb), thin_assume));
    out.push_back(numeric_record("1.5", "the exponential series", "\\sum_{M'=0}^{\\infty} \\frac{(\\lambda p)^{M'}}{M'!} = e^{\\lambda p}",
                   "80 terms", numeric_verdict(gc, 1e-12), "largest relative gap " + number(gc), thin_assume));
    out.push_back(numeric_record("1.5", "collecting the exponentials",
                   "\\frac{e^{-\\lambda(1-p)} \\cdot \\{\\lambda(1-p)\\}^x}{x!}", "\\frac{e^{-\\lambda}}{x!} (1-p)^x \\lambda^x e^{\\lambda p}",
                   numeric_verdict(gd, 1e-12), "largest relative gap " + number(gd), thin_assume));
    out.push_back(numeric_record("1.5", "P(x kept) by summing the series",
                   "P(x \\text{ units kept}) = \\frac{e^{-\\lambda(1-p)} \\cdot \\{\\lambda(1-p)\\}^x}{x!}",
                   "\\sum_{M \\ge x} \\mathrm{Poi}(M; \\lambda) \\binom{M}{x} (1-p)^x p^{M-x}, \\text{ tail} < 10^{-15} \\text{ of the sum}",
                   numeric_verdict(gs, 1e-10), "largest relative gap beyond the tail bound " + number(gs), thin_assume));
    return out;
}

}  // namespace leibniz::derivations::dropout::laws
