// compare / equivalent: equal for algebraically equal pairs (multiplied out,
// or over a common denominator), differs for near misses, undecided where
// equality needs log or exp rules. The calculus laws checked
// through equivalent are in derivatives_laws.cpp.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;

namespace {
constexpr auto a = symbol<"a">();
constexpr auto b = symbol<"b">();
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
constexpr auto z = symbol<"z">();
constexpr auto gam = symbol<"gamma", "\\gamma">();
}  // namespace

// ---- equal: expansions, factorings, reorderings ------------------------------------------------------
static_assert(compare((x + y) * (x + y), x * x + 2_c * x * y + y * y) == verdict::equal);
static_assert(equivalent(pow<3>(x + 1_c), x * x * x + 3_c * x * x + 3_c * x + 1_c));
static_assert(equivalent(x * x - y * y, (x + y) * (x - y)));
static_assert(equivalent(x * y + x * z, x * (y + z)));
static_assert(equivalent(2_c * x * y - 2_c * x * z + 4_c * x, 2_c * x * (y - z + 2_c)));
static_assert(equivalent(x * y * z, z * y * x));
static_assert(equivalent(gam + x + y, y + (gam + x)));
static_assert(equivalent((a + b) / z, a / z + b / z));
static_assert(equivalent(x / (y / z), x * z / y));
static_assert(equivalent(exp(x) * exp(y), exp(x + y)));
static_assert(equivalent(exp(x + y) * exp(-y), exp(x)));
// sqrt(x y) = sqrt(x) sqrt(y) only where x, y >= 0 (both negative: the left
// side is defined, the right is not), so only for symbols declared so
static_assert(compare(sqrt(x * y), sqrt(x) * sqrt(y)) != verdict::equal);
static_assert(equivalent(sqrt(positive(x) * positive(y)), sqrt(positive(x)) * sqrt(positive(y))));
static_assert(equivalent(pow<3, 2>(x), x * sqrt(x)));
static_assert(equivalent(log(exp(x * y)), y * x));
static_assert(equivalent(pow(x, y) * pow(x, 2_c), pow(x, y + 2_c)));
static_assert(equivalent((x + y) * (x + y) * (x + y) - pow<3>(x), 3_c * x * x * y + 3_c * x * y * y + pow<3>(y)));
static_assert(equivalent(relu(x) * (y + 1_c), relu(x) * y + relu(x)));
// a monomial denominator distributes over the numerator
static_assert(equivalent(1_c / x + 1_c / y, (x + y) / (x * y)));
// equal sums of fractions over the same denominator combine term by term
static_assert(equivalent(x / (x + y) + y / (x + y) - 1_c / (x + y), (x + y - 1_c) * pow<-1>(x + y)));

// ---- differs: near misses ----------------------------------------------------------------------------------
static_assert(compare(x - y, y - x) == verdict::differs);                               // sign error
static_assert(compare((x + y) * (x + y), x * x + y * y) == verdict::differs);           // missing cross term
static_assert(compare((x + y) * (x + y), x * x + x * y + y * y) == verdict::differs);   // missing factor 2
static_assert(compare(pow<3>(x), x * x) == verdict::differs);                           // wrong exponent
static_assert(compare(pow<3, 2>(x), pow<2, 3>(x)) == verdict::differs);                 // wrong exponent
static_assert(compare(2_c * x * y, x * y) == verdict::differs);                         // missing factor
static_assert(compare(exp(x + y), exp(x) + exp(y)) == verdict::differs);
static_assert(compare(log(x) / x, log(x)) == verdict::differs);
static_assert(compare(sqrt(x + y), sqrt(x) + sqrt(y)) == verdict::differs);
static_assert(compare(x * step(y), x * relu(y)) == verdict::differs);
static_assert(!equivalent(x / y, y / x));
// the difference shows what is missing
static_assert(latex(difference((x + y) * (x + y), x * x + y * y)) == "2 x y");
static_assert(latex(difference(x - y, y - x)) == "2 x - 2 y");
static_assert(latex(difference(x * (y + z), x * y + x * z)) == "0");

// ---- equal over a common denominator: the canonical forms differ, so the
// second proof clears the sums in denominators before multiplying out. -------
static_assert(compare(a / (a + b) + b / (a + b), 1_c) == verdict::equal);
static_assert(latex(canonical(a / (a + b) + b / (a + b))) != "1");
static_assert(compare(1_c / (x + 1_c) + 1_c / (x - 1_c), 2_c * x / (x * x - 1_c)) == verdict::equal);
static_assert(compare(1_c / (1_c + x) - x / ((1_c + x) * (1_c + x)), pow<-2>(1_c + x)) == verdict::equal);
// and a near miss over a common denominator still differs
static_assert(compare(a / (a + b) + b / (a + b), 2_c) == verdict::differs);
static_assert(compare(1_c / (x + 1_c) + 1_c / (x - 1_c), x / (x * x - 1_c)) == verdict::differs);

// ---- undecided: equal, but only by log and exp rules, which neither proof
// uses; `equivalent` refuses to claim equality, and the numeric witness agrees.
static_assert(compare(log(x * y), log(x) + log(y)) == verdict::undecided);
static_assert(compare(exp(2_c * log(x)), x * x) == verdict::undecided);
// canonical multiplies (x + y) into (x + y)^(-1/2) before the two powers
// can merge, so this pair is not (yet) recognised; it must never be "differs"
static_assert(compare(d(pow<3>(sqrt(x + y)), x), 3_c * (x + y) * c<1, 2> * pow<-1, 2>(x + y)) != verdict::differs);
static_assert(numerically_equal(d(pow<3>(sqrt(x + y)), x), c<3, 2> * sqrt(x + y)));
// the quotient rule's result, as d gives it, equals 1/(1 + x)^2 over a common denominator
static_assert(compare(d(x / (1_c + x), x), pow<-2>(1_c + x)) == verdict::equal);
