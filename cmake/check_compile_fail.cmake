# cmake -DCOMMANDS=<compile_commands.json> -DTARGET=cf_<name> -DSOURCE=<file> -P check_compile_fail.cmake
# Runs the compile command CMake generated for SOURCE in the object library
# TARGET (which adds -DLEIBNIZ_COMPILE_FAIL) and checks that it fails with the
# text after "// expect: " on the file's first line, readably: the message is
# the first error, not buried in a cascade of template errors (at most
# MAX_ERRORS "error:" lines and MAX_BYTES of output; a deeply nested
# expression's type alone can take 10 KB a line).
cmake_minimum_required(VERSION 3.25)
set(MAX_ERRORS 3)
set(MAX_BYTES 65536)

file(STRINGS "${SOURCE}" first LIMIT_COUNT 1)
if(NOT first MATCHES "^// expect: (.+)$")
  message(FATAL_ERROR "${SOURCE}: first line must be '// expect: <message substring>'")
endif()
set(expect "${CMAKE_MATCH_1}")

# compile_commands.json as CMake writes it: one "directory", "command", "file"
# line per entry, in that order. The entry of TARGET is the one whose object
# file lies in TARGET's CMakeFiles folder.
if(NOT EXISTS "${COMMANDS}")
  message(FATAL_ERROR "${COMMANDS} is missing (CMAKE_EXPORT_COMPILE_COMMANDS is set by the top-level CMakeLists.txt)")
endif()
file(STRINGS "${COMMANDS}" lines REGEX "^  \"(directory|command)\": ")
set(dir "")
set(cmd "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE ",$" "" field "${line}")
  string(REGEX MATCH "^  \"([a-z]+)\"" key "${line}")
  string(JSON value GET "{${field}}" "${CMAKE_MATCH_1}")  # unescaped
  if(CMAKE_MATCH_1 STREQUAL "directory")
    set(last_dir "${value}")
  elseif(value MATCHES "/${TARGET}\\.dir/")
    set(dir "${last_dir}")
    set(cmd "${value}")
    break()
  endif()
endforeach()
if(cmd STREQUAL "")
  message(FATAL_ERROR "no compile command for ${TARGET} in ${COMMANDS}")
endif()

# Plain ASCII quotes and no colour, so expected messages match reliably.
set(ENV{LC_ALL} C)
execute_process(
  COMMAND sh -c "${cmd} -fdiagnostics-color=never"
  WORKING_DIRECTORY "${dir}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)

# message(FATAL_ERROR) re-wraps text, so the compiler output goes out verbatim first.
function(fail why)
  string(SUBSTRING "${out}" 0 20000 shown)
  if(NOT shown STREQUAL out)
    string(APPEND shown "\n[... the rest of the compiler output is left out]")
  endif()
  message("${cmd}\n${shown}")
  message(FATAL_ERROR "${why}")
endfunction()

if(rc EQUAL 0)
  fail("compiles with LEIBNIZ_COMPILE_FAIL, expected to fail with \"${expect}\"")
endif()
string(FIND "${out}" "${expect}" at)
if(at EQUAL -1)
  fail("fails to compile, but the output lacks \"${expect}\"")
endif()
string(REGEX MATCH "error: [^\n]*" first_error "${out}")
string(FIND "${first_error}" "${expect}" at)
if(at EQUAL -1)
  fail("fails with \"${expect}\", but not as the first error")
endif()
string(LENGTH "${out}" bytes)
string(REGEX MATCHALL "(^|\n)[^\n]*error: " errors "${out}")
list(LENGTH errors n_errors)
if(n_errors GREATER MAX_ERRORS OR bytes GREATER MAX_BYTES)
  fail("fails with \"${expect}\", but buried: ${n_errors} errors and ${bytes} bytes of output (at most ${MAX_ERRORS} and ${MAX_BYTES})")
endif()
message(STATUS "fails as expected with \"${expect}\" (${n_errors} error lines, ${bytes} bytes)")
