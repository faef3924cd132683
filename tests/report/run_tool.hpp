// Running leibniz-derive from a test: exit status, stdout and stderr.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
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

/// The tool's command line, stderr going to the work folder's stderr.txt.
inline std::string command_line(std::initializer_list<std::string> args) {
    std::string cmd = quoted(LEIBNIZ_DERIVE);
    // (append, not " " + s: g++ 12 warns falsely on that with -O2)
    for (const std::string& a : args) cmd.append(" ").append(quoted(a));
    return cmd.append(" 2>").append(quoted((work_dir() / "stderr.txt").string()));
}

inline outcome finish(int raw, bool with_stdout) {
    outcome o;
    o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    if (with_stdout) o.out = slurp(work_dir() / "stdout.txt");
    o.err = slurp(work_dir() / "stderr.txt");
    return o;
}

/// The tool with its stdout redirected as the shell text `redirect` says
/// (">/dev/full", ">&-"), after the shell commands `before` ("ulimit -f 1; ").
inline outcome run_redirected(std::initializer_list<std::string> args, const std::string& redirect, const std::string& before = "") {
    std::string cmd = before + command_line(args) + " " + redirect;
    return finish(std::system(cmd.c_str()), false);
}

inline outcome run(std::initializer_list<std::string> args) {
    std::string cmd = command_line(args) + " >" + quoted((work_dir() / "stdout.txt").string());
    return finish(std::system(cmd.c_str()), true);
}

/// The tool writing into a pipe whose reading end is already closed, with
/// SIGPIPE as a new process has it (it ends the process unless handled).
inline outcome run_into_closed_pipe(std::initializer_list<std::string> args) {
    std::string cmd = command_line(args);
    int fds[2];
    if (::pipe(fds) != 0) return {};
    ::close(fds[0]);
    pid_t child = ::fork();
    if (child == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[1]);
        std::signal(SIGPIPE, SIG_DFL);
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    int raw = 0;
    if (child < 0 || ::waitpid(child, &raw, 0) != child) return {};
    return finish(raw, false);
}

inline std::size_t count_lines(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n' ? 1 : 0;
    return n;
}

/// One line "leibniz-derive: ..." on stderr, nothing on stdout, a failing status.
inline void check_one_line_error(const outcome& o, int status = 1) {
    INFO("stderr: " << o.err << "stdout: " << o.out);
    CHECK(o.status == status);
    CHECK(o.out.empty());
    CHECK(count_lines(o.err) == 1);
    CHECK(o.err.back() == '\n');
    CHECK(o.err.rfind("leibniz-derive: ", 0) == 0);
}

}  // namespace report_test
