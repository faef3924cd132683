// Counting lines of a printed listing (plan_listing, a program's LaTeX):
// lines that start with a prefix, that contain a part, or both.
#pragma once
#include <cstddef>
#include <string_view>

namespace listing_lines {

template <class Keep>
constexpr int count(std::string_view text, Keep keep) {
    int n = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        if (keep(text.substr(at, end - at))) ++n;
        at = end + 1;
    }
    return n;
}
constexpr int starting(std::string_view text, std::string_view prefix) {
    return count(text, [&](std::string_view line) { return line.starts_with(prefix); });
}
constexpr int containing(std::string_view text, std::string_view part) {
    return count(text, [&](std::string_view line) { return line.find(part) != std::string_view::npos; });
}
constexpr int starting_containing(std::string_view text, std::string_view prefix, std::string_view part) {
    return count(text, [&](std::string_view line) {
        return line.starts_with(prefix) && line.find(part) != std::string_view::npos;
    });
}

}  // namespace listing_lines
