// leibniz-fuzz: the seeded fuzzer of tests/support/fuzz.hpp as a tool.
//   leibniz-fuzz [--seed N] [--cases N] [--reports N] [--depth N] [--case SEED]
// (--depth: the largest nesting depth of an expression, 3 by default;
// --case: the one case whose seed a report names).
// Prints the counts, then one line per mismatch; exits 1 on a mismatch.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include <tests/support/fuzz.hpp>

int main(int argc, char** argv) {
    std::uint64_t seed = 1;
    long cases = 1000;
    leibniz::fuzz::options opt;
    bool one = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        bool has_value = i + 1 < argc;
        if (a == "--seed" && has_value) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--cases" && has_value) cases = std::strtol(argv[++i], nullptr, 10);
        else if (a == "--reports" && has_value) opt.max_reports = static_cast<int>(std::strtol(argv[++i], nullptr, 10));
        else if (a == "--case" && has_value) seed = std::strtoull(argv[++i], nullptr, 10), one = true;
        else if (a == "--depth" && has_value) opt.depth = static_cast<int>(std::strtol(argv[++i], nullptr, 10));
        else {
            std::cerr << "usage: leibniz-fuzz [--seed N] [--cases N] [--reports N] [--depth N] [--case SEED]\n";
            return 2;
        }
    }
    auto start = std::chrono::steady_clock::now();
    leibniz::fuzz::stats st;
    if (one) leibniz::fuzz::run_case(seed, opt, st);
    else st = leibniz::fuzz::run(seed, cases, opt);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "seed " << seed << "\ncases " << st.cases << "\ncases left out (undefined everywhere) " << st.undefined << "\nderivative checks " << st.derivative_checks << "\nsimplify checks "
              << st.simplify_checks << "\nequivalence checks " << st.equivalence_checks << "\nlatex checks " << st.latex_checks
              << "\nlatex read back (points) " << st.latex_read_checks
              << "\nskipped points " << st.skipped_points << "\nerrors "
              << st.errors << "\nmismatches " << st.mismatches << "\nseconds " << seconds << '\n';
    for (const std::string& line : st.reports) std::cout << "MISMATCH: " << line << '\n';
    return st.mismatches == 0 ? 0 : 1;
}
