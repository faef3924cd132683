// How the library reports an error. Each error is a non-constexpr function
// named leibniz_error_<what>: called during constant evaluation it makes the
// evaluation fail with a diagnostic that names it; called at run time (when
// the IR algorithms run on values built at run time) it throws.
#pragma once
#include <stdexcept>

namespace leibniz::detail {

/// Throw a std::logic_error whose message is the name of the error.
[[noreturn]] inline void fail(const char* what) { throw std::logic_error(what); }

}  // namespace leibniz::detail
