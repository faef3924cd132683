// Running leibniz-derive from a test: exit status, stdout and stderr.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>

namespace report_test {

struct outcome {
    int status = -1;
    std::string out, err;
};

inline std::filesystem::path work_dir() {
    std::filesystem::path d = LEIBNIZ_REPORT_WORK;
    std::filesystem::create_directories(d);
    return d;
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// Single-quoted for the shell.
inline std::string quoted(const std::string& a) {
    std::string q = "'";
    for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline outcome run(std::initializer_list<std::string> args) {
    std::filesystem::path d = work_dir();
    std::string cmd = quoted(LEIBNIZ_DERIVE);
    // (append, not " " + s: g++ 12 warns falsely on that with -O2)
    for (const std::string& a : args) cmd.append(" ").append(quoted(a));
    cmd.append(" >").append(quoted((d / "stdout.txt").string()));
    cmd.append(" 2>").append(quoted((d / "stderr.txt").string()));
    int raw = std::system(cmd.c_str());
    outcome o;
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    o.out = slurp(d / "stdout.txt");
    o.err = slurp(d / "stderr.txt");
    return o;
}

}  // namespace report_test
