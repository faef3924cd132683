# cmake -DFLAGS_FILE=.. -DSOURCE=.. -DOBJECT=.. -DEXPECT_FAIL=ON|OFF -P check_compile_fail.cmake
# EXPECT_FAIL=OFF: SOURCE must compile as is (the passing twin).
# EXPECT_FAIL=ON : SOURCE must fail to compile with -DLEIBNIZ_COMPILE_FAIL, and
#                  the output must contain the text after "// expect: " on line 1.
cmake_minimum_required(VERSION 3.25)  # policies (IN_LIST) for -P mode
include("${FLAGS_FILE}")  # CF_COMPILER, CF_INCLUDES, CF_DEFINES, CF_OPTIONS, CF_IMPLICIT_INCLUDES

set(args ${CF_OPTIONS})
foreach(d IN LISTS CF_INCLUDES)
  if(NOT d IN_LIST CF_IMPLICIT_INCLUDES)  # -I/usr/include would break #include_next
    list(APPEND args "-I${d}")
  endif()
endforeach()
foreach(d IN LISTS CF_DEFINES)
  list(APPEND args "-D${d}")
endforeach()
if(EXPECT_FAIL)
  list(APPEND args -DLEIBNIZ_COMPILE_FAIL)
  file(STRINGS "${SOURCE}" first LIMIT_COUNT 1)
  if(NOT first MATCHES "^// expect: (.+)$")
    message(FATAL_ERROR "${SOURCE}: first line must be '// expect: <message substring>'")
  endif()
  set(expect "${CMAKE_MATCH_1}")
endif()

# Plain ASCII quotes and no colour, so expected messages match reliably.
set(ENV{LC_ALL} C)
get_filename_component(objdir "${OBJECT}" DIRECTORY)
file(MAKE_DIRECTORY "${objdir}")
execute_process(
  COMMAND "${CF_COMPILER}" ${args} -fdiagnostics-color=never -c "${SOURCE}" -o "${OBJECT}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REPLACE ";" " " cmdline "${CF_COMPILER};${args}")

# message(FATAL_ERROR) re-wraps text, so the compiler output goes out verbatim first.
function(fail why)
  message("${cmdline} -c ${SOURCE}\n${out}")
  message(FATAL_ERROR "${why}")
endfunction()

if(NOT EXPECT_FAIL)
  if(NOT rc EQUAL 0)
    fail("the twin (without LEIBNIZ_COMPILE_FAIL) does not compile")
  endif()
  message(STATUS "twin compiles")
elseif(rc EQUAL 0)
  fail("compiles with LEIBNIZ_COMPILE_FAIL, expected to fail with \"${expect}\"")
else()
  string(FIND "${out}" "${expect}" at)
  if(at EQUAL -1)
    fail("fails to compile, but the output lacks \"${expect}\"")
  endif()
  message(STATUS "fails as expected with \"${expect}\"")
endif()
