// The data model of a loop plan: the arrays to compute, in order, each
// either element-wise (temp[indices] = body) or a reduction (temp[indices] =
// Σ or max over its bound indices of a sum-free body), and the plan that
// holds them with the context their symbols live in. The planner
// (plan/planner.hpp, driven by plan/loops.hpp) fills it; emit/cpp.hpp prints
// it as source code and eval/array_program.hpp compiles it into loops.
// The IR names every header of plan/ uses are brought in here, once.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include <leibniz/detail/fixed_string.hpp>
#include <leibniz/ir/term.hpp>

namespace leibniz::plan {

using ir::context;
using ir::op;
using ir::rational;
using ir::term;

enum class array_kind : unsigned char {
    elementwise,  ///< temp[indices] = body
    sum,          ///< temp[indices] = Σ_bound body
    maximum       ///< temp[indices] = max_bound body
};

struct array {
    int sym = -1;              ///< its symbol: a temporary, or the intermediate it holds
    std::vector<int> indices;  ///< its indices, in the order of its row-major layout
    term body;                 ///< sum-free; reads inputs and earlier arrays as tensor elements
    array_kind kind = array_kind::elementwise;
    std::vector<int> bound;    ///< sum / maximum: the indices reduced over
    /// sum: body = a * b, two plain arrays sharing the one bound index
    /// (GEMM, GEMV, dot); elementwise: body = a_x b_y (outer product)
    bool contraction = false;
    int output = -1;           ///< the result it is, or -1
    bool fused = false;        ///< computed in the loop nest of the array before it
    std::vector<int> order;    ///< the nest's loops, outer to inner (for the first array of a nest)

    constexpr bool is_output() const { return output >= 0; }
};

struct loop_plan {
    context ctx;
    std::vector<array> arrays;              ///< in the order they are computed
    std::vector<int> inputs;                ///< symbols read from the caller (tensors, scalars)
    std::vector<int> extents;               ///< extents used
    std::vector<std::vector<int>> outputs;  ///< each result's indices, in layout order
    std::vector<int> output_indices;        ///< outputs[0]

    /// The array with symbol `sym`, or -1.
    constexpr int find(int sym) const {
        for (std::size_t i = 0; i != arrays.size(); ++i)
            if (arrays[i].sym == sym) return static_cast<int>(i);
        return -1;
    }
};

/// A new symbol for an array over `indices` (a tensor of their extents, or a
/// scalar), named stem + its number.
constexpr int new_array_symbol(context& ctx, const std::vector<int>& indices, std::string_view stem) {
    ir::sym_entry e;
    detail::text nm(stem);
    nm += detail::to_text(static_cast<long long>(ctx.syms.size())).view();
    detail::copy_name(e.name, nm.view());
    detail::copy_name(e.latex, nm.view());
    e.kind = indices.empty() ? ir::sym_kind::scalar : ir::sym_kind::tensor;
    e.rank = static_cast<int>(indices.size());
    for (std::size_t i = 0; i != indices.size(); ++i) e.dims[i] = ctx.extent_of(indices[i]);
    ctx.syms.push_back(e);
    return static_cast<int>(ctx.syms.size() - 1);
}

}  // namespace leibniz::plan
