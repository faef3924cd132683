// Reference document, 2.3 Problem 4: dl/dv.
#include <derivations/batchnorm.hpp>

namespace {
using namespace leibniz;
namespace bn = leibniz::derivations::batchnorm;
using In = bn::engine<bn::inside>;
using Out = bn::engine<bn::outside>;

static_assert(latex<bn::style>(In::dv) ==
              "-\\frac{\\gamma_{j}}{2 (\\mathbf{v}_{j} + \\epsilon)^{\\frac{3}{2}}} \\sum_{k=1}^{B} \\frac{\\partial "
              "\\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj}) (Y_{kj} - \\mathbf{m}_{j})");
static_assert(compare(In::dv, bn::document<bn::inside>::dv) == verdict::equal);
// under sqrt(v) + ε the derivative of the root differs: −γ/(2 sqrt(v) (sqrt(v) + ε)²)
static_assert(latex<bn::style>(Out::dv) ==
              "-\\frac{\\gamma_{j}}{2 \\sqrt{\\mathbf{v}_{j}} (\\sqrt{\\mathbf{v}_{j}} + \\epsilon)^{2}} \\sum_{k=1}^{B} "
              "\\frac{\\partial \\ell}{\\partial H_{kj}} f(\\hat{Y}_{kj}) (Y_{kj} - \\mathbf{m}_{j})");
static_assert(compare(Out::dv, bn::document<bn::outside>::dv) == verdict::differs);
}  // namespace
