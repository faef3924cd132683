// Compile-time strings: a structural fixed_string usable as a template
// argument, and a growable constexpr buffer used while printing.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include <leibniz/detail/error.hpp>

namespace leibniz {

/// A string of N characters usable as a non-type template argument.
template <std::size_t N>
struct fixed_string {
    char data[N + 1]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&s)[N + 1]) {
        for (std::size_t i = 0; i != N; ++i) data[i] = s[i];
    }
    static constexpr std::size_t size() { return N; }
    constexpr std::string_view view() const { return {data, N}; }
    constexpr operator std::string_view() const { return view(); }
    constexpr const char* c_str() const { return data; }

    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const char (&b)[M]) {
        return a.view() == std::string_view(b, M - 1);
    }
    friend constexpr bool operator==(const fixed_string& a, std::string_view b) {
        return a.view() == b;
    }
    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const fixed_string<M>& b) {
        return a.view() == b.view();
    }
};
template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

namespace detail {

/// A growable character buffer for constant evaluation (std::string is not
/// usable in constant expressions with clang 14 and libstdc++ 12).
struct text {
    std::vector<char> chars;

    constexpr text() = default;
    constexpr text(std::string_view s) { append(s); }
    // One insertion per piece, not a push_back per character: constant
    // evaluation pays for every call, and most of a printer's time is here.
    constexpr text& append(std::string_view s) {
        chars.insert(chars.end(), s.begin(), s.end());
        return *this;
    }
    constexpr text& append(const text& t) {
        if (&t == this) {  // a range of the vector itself may not be inserted into it
            const std::size_t n = chars.size();
            chars.reserve(2 * n);
            for (std::size_t i = 0; i != n; ++i) chars.push_back(chars[i]);
            return *this;
        }
        chars.insert(chars.end(), t.chars.begin(), t.chars.end());
        return *this;
    }
    constexpr text& operator+=(std::string_view s) { return append(s); }
    constexpr text& operator+=(const text& t) { return append(t); }
    constexpr text& operator+=(char c) {
        chars.push_back(c);
        return *this;
    }
    constexpr std::size_t size() const { return chars.size(); }
    constexpr bool empty() const { return chars.empty(); }
    constexpr std::string_view view() const { return {chars.data(), chars.size()}; }
    constexpr bool operator==(std::string_view s) const { return view() == s; }
};

constexpr text to_text(long long v) {
    text t;
    if (v < 0) {
        t += '-';
        // Negate digit by digit so that the most negative value is handled.
        text digits;
        do {
            digits += char('0' - v % 10);
            v /= 10;
        } while (v != 0);
        for (std::size_t i = digits.size(); i-- > 0;) t += digits.chars[i];
        return t;
    }
    text digits;
    do {
        digits += char('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (std::size_t i = digits.size(); i-- > 0;) t += digits.chars[i];
    return t;
}

/// Where `what` first occurs in s at or after `from` (npos if nowhere): as
/// std::string_view::find, which g++ 12 with -fsanitize=address or
/// undefined does not evaluate in a constant expression over a string that
/// is a template argument (a fixed_string's characters).
constexpr std::size_t find_in(std::string_view s, std::string_view what, std::size_t from = 0) {
    if (what.size() > s.size()) return std::string_view::npos;
    for (std::size_t at = from; at + what.size() <= s.size(); ++at) {
        std::size_t k = 0;
        while (k != what.size() && s[at + k] == what[k]) ++k;
        if (k == what.size()) return at;
    }
    return std::string_view::npos;
}

/// Copy a short string into a fixed char array, failing constant evaluation
/// when it does not fit.
[[noreturn]] inline void leibniz_error_name_too_long() { ::leibniz::detail::fail("leibniz_error_name_too_long"); }
template <std::size_t N>
constexpr void copy_name(char (&dst)[N], std::string_view src) {
    if (src.size() >= N) leibniz_error_name_too_long();
    for (std::size_t i = 0; i != src.size(); ++i) dst[i] = src[i];
    for (std::size_t i = src.size(); i != N; ++i) dst[i] = '\0';
}
template <std::size_t N>
constexpr std::string_view name_view(const char (&src)[N]) {
    std::size_t n = 0;
    while (n != N && src[n] != '\0') ++n;
    return {src, n};
}

}  // namespace detail
}  // namespace leibniz
