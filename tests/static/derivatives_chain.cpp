// The chain rule as a law: d F(u) = F'(u) u' through `equivalent`, for each
// built-in function F and several inner functions u.
#include <leibniz/leibniz.hpp>

using namespace leibniz;
using namespace leibniz::literals;

namespace {
constexpr auto x = symbol<"x">();
constexpr auto y = symbol<"y">();

// d F(u) = F'(u) u' for the built-in functions F
template <class U>
constexpr bool chain_rule(U u) {
    constexpr auto du = d(U{}, x);
    return equivalent(d(exp(u), x), exp(u) * du) &&                 //
           equivalent(d(log(u), x), du / u) &&                      //
           equivalent(d(sqrt(u), x), c<1, 2> * du / sqrt(u)) &&      //
           equivalent(d(pow<3>(u), x), 3_c * u * u * du) &&          //
           equivalent(d(pow<-2, 3>(u), x), c<-2, 3> * pow<-5, 3>(u) * du) &&
           equivalent(d(relu(u), x), step(u) * du);
}
}  // namespace

static_assert(chain_rule(x * x * y));
static_assert(chain_rule(1_c + x * x));
static_assert(chain_rule(exp(x * y)));
static_assert(chain_rule(x / (1_c + y * x)));
static_assert(chain_rule(x * exp(y)));
