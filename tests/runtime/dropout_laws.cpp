// Sections 1.3 to 1.5 of the reference document, numerically: the binomial
// law of kept units, its Poisson limit (with the Le Cam bound), each line
// of the document's limit, and Poisson thinning.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "../../derivations/dropout_laws.hpp"

using namespace leibniz::derivations::dropout;
using namespace leibniz::derivations::dropout::laws;
using leibniz::verdict;

TEST_CASE("1.3: the number of kept units is binomial") {
    for (double p : {0.1, 0.3, 0.5, 0.9}) {
        std::vector<double> e = kept_by_enumeration(10, p);
        std::vector<double> b = binomial_pmf(10, 1 - p);
        double total = 0, mean = 0;
        for (int k = 0; k <= 10; ++k) {
            auto K = static_cast<std::size_t>(k);
            CHECK(e[K] == Approx(binomial_formula(10, k, p)).epsilon(1e-12));
            CHECK(b[K] == Approx(e[K]).epsilon(1e-12));
            total += e[K];
            mean += k * e[K];
        }
        CHECK(total == Approx(1).epsilon(1e-14));
        CHECK(mean == Approx(10 * (1 - p)).epsilon(1e-12));  // M (1 - p) expected kept
    }
}

TEST_CASE("1.4: Bin(M, alpha/M) -> Poisson(alpha), within the Le Cam bound alpha^2/M") {
    for (double alpha : {0.5, 1.0, 3.0}) {
        double previous = 1;
        for (int M : {10, 100, 1000, 10000}) {
            double tv = total_variation(M, alpha);
            INFO("alpha = " << alpha << ", M = " << M << ", d_TV = " << tv);
            CHECK(tv <= le_cam_bound(M, alpha));
            CHECK(tv < previous);  // shrinks as M grows
            // and at the rate 1/M: the Barbour-Hall lower bound is of order alpha min(alpha, 1) / M
            CHECK(tv * M > 0.01 * alpha * std::min(alpha, 1.0));
            previous = tv;
        }
    }
    // pointwise at M = 10^6
    std::vector<double> b = binomial_pmf(1000000, 3.0 / 1e6);
    for (int k = 0; k < 12; ++k) CHECK(std::abs(b[static_cast<std::size_t>(k)] - poisson_pmf(k, 3.0)) <= le_cam_bound(1000000, 3.0));
}

TEST_CASE("1.4: lines 1 and 2 are identities at every M") {
    for (int k : {0, 1, 2, 5})
        for (double M : {10.0, 100.0, 1000.0, 10000.0}) {
            limit_steps s{M, 3.0, k};
            CHECK(s.line1() == Approx(s.line0()).epsilon(1e-9));
            CHECK(s.line2() == Approx(s.line0()).epsilon(1e-9));
        }
}

TEST_CASE("1.4: line 3 as written has exponent M/alpha and tends to alpha^k e^-1 / k!, not the Poisson pmf") {
    // the factor itself: (1 - alpha/M)^(M/alpha) -> e^-1, while (1 - alpha/M)^M -> e^-alpha
    for (double alpha : {0.5, 3.0, 10.0}) {
        double M = 1e8;
        CHECK(std::pow(1 - alpha / M, M / alpha) == Approx(std::exp(-1.0)).epsilon(1e-6));
        CHECK(std::pow(1 - alpha / M, M) == Approx(std::exp(-alpha)).epsilon(1e-6));
        CHECK(std::pow(std::pow(1 - alpha / M, M / alpha), alpha) == Approx(std::exp(-alpha)).epsilon(1e-6));
        CHECK(std::pow(1 - alpha / M, -2.0) == Approx(1).epsilon(1e-6));
    }
    for (int k : {0, 2, 4}) {
        limit_steps big{1e7, 3.0, k};
        // the scaled falling factorial tends to alpha^k
        CHECK(big.scaled_falling() == Approx(std::pow(3.0, k)).epsilon(1e-5));
        // as written: a different limit
        CHECK(big.line3_as_written() == Approx(big.limit_as_written()).epsilon(1e-5));
        CHECK(relative_gap(big.line3_as_written(), big.claimed_limit()) > 0.8);
        // with the power alpha restored, the claimed limit
        CHECK(big.line3_intended() == Approx(big.claimed_limit()).epsilon(1e-5));
        CHECK(big.line0() == Approx(big.claimed_limit()).epsilon(1e-5));
        // and already at finite M, line 3 as written is not line 2
        limit_steps small{100, 3.0, k};
        CHECK(relative_gap(small.line3_as_written(), small.line2()) > 0.5);
    }
    // only for alpha = 1 do the two exponents agree, which hides the slip
    limit_steps one{1e7, 1.0, 2};
    CHECK(one.line3_as_written() == Approx(one.claimed_limit()).epsilon(1e-5));
}

TEST_CASE("1.5: Poisson thinning, summed with a tail bound, is Poisson(lambda (1-p))") {
    for (double lambda : {0.3, 1.0, 4.0, 12.0})
        for (double p : {0.1, 0.5, 0.95})
            for (int x : {0, 1, 2, 5, 9}) {
                series_sum s = thinning_series(lambda, p, x, 1e-15);
                double closed = thinning_closed_form(lambda, p, x);
                INFO("lambda = " << lambda << ", p = " << p << ", x = " << x);
                CHECK(s.tail_bound < 1e-15 * s.value);
                // the series falls short of the closed form by at most the tail (and rounding)
                CHECK(std::abs(s.value - closed) <= s.tail_bound + 1e-12 * closed);
                // a version truncated early falls short, by no more than its tail
                series_sum early = thinning_series(lambda, p, x, 1e-3);
                CHECK(early.terms < s.terms);
                CHECK(closed - early.value >= -1e-12 * closed);
                CHECK(closed - early.value <= early.tail_bound + 1e-12 * closed);
            }
}

TEST_CASE("1.5: each line of the thinning derivation") {
    for (double lambda : {0.5, 2.0, 7.5})
        for (double p : {0.2, 0.5, 0.9}) {
            thinning_steps t{lambda, p};
            for (int x : {0, 1, 4}) {
                for (int M = x; M < x + 10; ++M) CHECK(t.joint(M, x) == Approx(t.joint_rearranged(M, x)).epsilon(1e-10));
                CHECK(t.shifted_sum(x, 60) == Approx(t.factored_sum(x, 60)).epsilon(1e-12));
                CHECK(t.before_last(x) == Approx(thinning_closed_form(lambda, p, x)).epsilon(1e-12));
            }
            CHECK(t.exp_series(80) == Approx(std::exp(lambda * p)).epsilon(1e-13));
        }
}

TEST_CASE("1.3-1.5: the verdicts of the report") {
    std::vector<leibniz::derivations::record> r = records();
    REQUIRE(r.size() == 11);
    int differs = 0;
    for (const leibniz::derivations::record& x : r) {
        CHECK(x.how == leibniz::derivations::method::numeric);
        INFO(x.section << " " << x.title << ": " << x.note);
        CHECK(!x.document_latex.empty());
        CHECK(!x.engine_latex.empty());
        if (x.title.find("as written") != std::string::npos) {
            CHECK(x.result == verdict::differs);
            ++differs;
        } else {
            CHECK(x.result == verdict::equal);
        }
    }
    CHECK(differs == 1);
    // with alpha = 1 the slip is invisible
    for (const leibniz::derivations::record& x : records(1.0, 2)) CHECK(x.result == verdict::equal);
}
