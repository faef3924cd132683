// A compile-time text at its exact size. Printer::print() (a constexpr
// function returning detail::text) runs once, into a staging buffer of
// Capacity characters; the characters are then copied into a fixed_string of
// the printed size. A text longer than Capacity calls TooLong, a function
// that is declared and never defined, so that its name is the compiler's
// message (leibniz_error_latex_too_long, ...).
#pragma once
#include <cstddef>

#include <leibniz/detail/fixed_string.hpp>

namespace leibniz::detail {

template <class Printer, std::size_t Capacity, void (*TooLong)()>
struct staged_text {
    struct staged_t {
        char data[Capacity];
        std::size_t size;
    };
    static constexpr staged_t staged = [] {
        text s = Printer::print();
        if (s.size() > Capacity) TooLong();
        staged_t out{};
        for (std::size_t i = 0; i != s.size(); ++i) out.data[i] = s.chars[i];
        out.size = s.size();
        return out;
    }();
    static constexpr std::size_t size = staged.size;
    static constexpr fixed_string<size> value = [] {
        fixed_string<size> out{};
        for (std::size_t i = 0; i != size; ++i) out.data[i] = staged.data[i];
        return out;
    }();
};

}  // namespace leibniz::detail
