// leibniz-derive's outputs cannot be half-written without an error: a full
// device, a closed pipe or a closed stdout fails with one line on stderr,
// and `--out` leaves either the complete file or the target as it was.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_tool.hpp"

using report_test::check_one_line_error;
using report_test::run;
using report_test::run_redirected;
using report_test::slurp;
namespace fs = std::filesystem;

namespace {

/// A fresh, empty folder in the work folder.
fs::path fresh_dir(const std::string& name) {
    fs::path d = report_test::work_dir() / name;
    std::error_code ec;
    fs::permissions(d, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

/// The names in folder d: a failed write leaves no temporary file there.
std::size_t entries(const fs::path& d) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(d)) ++n;
    return n;
}

void check_write_error(const report_test::outcome& o, const std::string& reason) {
    check_one_line_error(o);
    INFO("stderr: " << o.err);
    CHECK(o.err.find(reason) != std::string::npos);
}

const std::string stdout_error = "cannot write to standard output: ";

}  // namespace

TEST_CASE("a full device on stdout: every command fails with one line", "[outputs]") {
    const std::string full = stdout_error + "No space left on device";
    check_write_error(run_redirected({"list"}, ">/dev/full"), full);
    check_write_error(run_redirected({"show", "bn.dl-dY.outside"}, ">/dev/full"), full);
    check_write_error(run_redirected({"show", "bn.dl-dY.outside", "--steps"}, ">/dev/full"), full);
    check_write_error(run_redirected({"emit", "bn.dl-dY.outside"}, ">/dev/full"), full);
    check_write_error(run_redirected({"report"}, ">/dev/full"), full);
    check_write_error(run_redirected({"report", "--only", "bn.dl-dY.outside"}, ">/dev/full"), full);
    check_write_error(run_redirected({"help"}, ">/dev/full"), full);
    // --out naming the device: written in place, and the failure reported
    check_write_error(run_redirected({"report", "--out", "/dev/full"}, ">/dev/null"), "cannot write '/dev/full': No space left on device");
}

TEST_CASE("a closed pipe or a closed stdout: one line, not a silent death", "[outputs]") {
    // the reading end closed before the first write: EPIPE, with SIGPIPE ignored
    check_write_error(report_test::run_into_closed_pipe({"list"}), stdout_error + "Broken pipe");
    check_write_error(report_test::run_into_closed_pipe({"emit", "bn.dl-dY.outside"}), stdout_error + "Broken pipe");
    // no stdout at all
    check_write_error(run_redirected({"list"}, ">&-"), stdout_error + "Bad file descriptor");
    check_write_error(run_redirected({"show", "bn.dl-dY.outside"}, ">&-"), stdout_error + "Bad file descriptor");
}

TEST_CASE("report --out: the whole file, under its name only once written", "[outputs]") {
    fs::path d = fresh_dir("out_ok");
    fs::path target = d / "r.tex";
    put(target, "an older report\n");
    auto o = run({"report", "--out", target.string()});
    CHECK(o.status == 0);
    CHECK(o.out.empty());
    CHECK(o.err.empty());
    CHECK(slurp(target) == run({"report"}).out);
    CHECK(entries(d) == 1);  // no temporary file left beside it
}

TEST_CASE("report --out that fails leaves no partial file and the target untouched", "[outputs]") {
    SECTION("a folder that does not exist") {
        fs::path d = fresh_dir("out_missing");
        fs::path target = d / "no" / "such" / "r.tex";
        check_write_error(run({"report", "--out", target.string()}), "No such file or directory");
        CHECK(!fs::exists(d / "no"));
        CHECK(entries(d) == 0);
    }
    SECTION("a folder component that is a file") {
        fs::path d = fresh_dir("out_not_dir");
        put(d / "plain", "x");
        check_write_error(run({"report", "--out", (d / "plain" / "r.tex").string()}), "Not a directory");
        CHECK(slurp(d / "plain") == "x");
        CHECK(entries(d) == 1);
    }
    SECTION("the target is a folder") {
        fs::path d = fresh_dir("out_is_dir");
        fs::create_directories(d / "r.tex");
        check_write_error(run({"report", "--out", (d / "r.tex").string()}), "Is a directory");
        CHECK(fs::is_directory(d / "r.tex"));
        CHECK(entries(d) == 1);
    }
    SECTION("a folder that is not writable") {
        fs::path d = fresh_dir("out_read_only");
        put(d / "r.tex", "an older report\n");
        fs::permissions(d, fs::perms::owner_read | fs::perms::owner_exec);
        if (::access(d.c_str(), W_OK) == 0) {
            WARN("skipped: the folder stays writable (running as root)");
        } else {
            check_write_error(run({"report", "--out", (d / "r.tex").string()}), "Permission denied");
            CHECK(slurp(d / "r.tex") == "an older report\n");
            CHECK(entries(d) == 1);
        }
        fs::permissions(d, fs::perms::owner_all);
    }
    SECTION("a write that fails halfway (a file size limit of 1 KiB)") {
        // the limit stops the write with EFBIG; SIGXFSZ, ignored by the
        // shell, stays ignored in the tool. Works as root too.
        fs::path d = fresh_dir("out_too_large");
        fs::path target = d / "r.tex";
        put(target, "an older report\n");
        check_write_error(run_redirected({"report", "--out", target.string()}, ">/dev/null", "trap '' XFSZ; ulimit -f 1; "),
                          "cannot write '" + target.string() + "': File too large");
        CHECK(slurp(target) == "an older report\n");
        CHECK(entries(d) == 1);
        // and without a target before
        fs::remove(target);
        check_write_error(run_redirected({"formulas", "--out", target.string()}, ">/dev/null", "trap '' XFSZ; ulimit -f 1; "),
                          "File too large");
        CHECK(entries(d) == 0);
    }
}
