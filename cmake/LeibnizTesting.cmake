# Test registration helpers. tests/CMakeLists.txt globs the test folders and
# calls these, so a new test is just a new file.

# Name of a test = file name without extension.
function(_leibniz_test_name out file)
  get_filename_component(name "${file}" NAME_WE)
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

# tests/static/<name>.cpp: a TU of static_asserts; compiling it is the test.
# It still becomes a tiny executable so CTest lists it as static.<name>.
function(leibniz_add_static_test file)
  _leibniz_test_name(name "${file}")
  add_executable(static_${name} "${file}")
  target_link_libraries(static_${name} PRIVATE leibniz::leibniz leibniz_derivations leibniz_empty_main)
  leibniz_use_pch(static_${name} ENGINE)
  add_test(NAME static.${name} COMMAND static_${name})
  set_tests_properties(static.${name} PROPERTIES LABELS static)
endfunction()

# Every executable of Catch2 tests: the Catch2 precompiled header and, with
# LEIBNIZ_SANITIZE_RUNTIME_TESTS, ASan and UBSan at -O0 (the tests that run
# code run under the sanitizers; the compile-only tests and the tools stay as
# they are).
function(leibniz_catch_test target)
  leibniz_use_pch(${target} CATCH)
  if(LEIBNIZ_SANITIZE_RUNTIME_TESTS)
    target_compile_options(${target} PRIVATE ${LEIBNIZ_SANITIZED_TEST_FLAGS})
    target_link_options(${target} PRIVATE ${LEIBNIZ_SANITIZER_FLAGS})
  endif()
endfunction()

# tests/runtime/<name>.cpp: Catch2 v2 test cases, sharing one Catch2 main.
function(leibniz_add_runtime_test file)
  _leibniz_test_name(name "${file}")
  add_executable(runtime_${name} "${file}")
  target_link_libraries(runtime_${name} PRIVATE leibniz::leibniz leibniz_derivations leibniz_catch_main Catch2::Catch2)
  leibniz_catch_test(runtime_${name})
  add_test(NAME runtime.${name} COMMAND runtime_${name})
  set_tests_properties(runtime.${name} PROPERTIES LABELS runtime)
endfunction()

# tests/compile_fail/<name>.cpp, first line "// expect: <substring>".
#   compile_fail.<name>.twin : the file as is, built with the other tests (with
#                              the engine's precompiled header); running the
#                              executable is the test, as for tests/static.
#   compile_fail.<name>      : the same file with -DLEIBNIZ_COMPILE_FAIL must
#                              fail to compile, with <substring> in the output.
# The failing half is an object library outside `all` (cf_<name>); the test
# runs its compile command as CMake wrote it to compile_commands.json, so both
# halves compile with exactly the flags of every other test.
function(leibniz_add_compile_fail_test file)
  _leibniz_test_name(name "${file}")
  add_executable(cf_twin_${name} "${file}")
  target_link_libraries(cf_twin_${name} PRIVATE leibniz::leibniz leibniz_derivations)
  file(STRINGS "${file}" own_main REGEX "^int main\\(")
  if(NOT own_main)
    target_link_libraries(cf_twin_${name} PRIVATE leibniz_empty_main)
  endif()
  leibniz_use_pch(cf_twin_${name} ENGINE)
  add_test(NAME compile_fail.${name}.twin COMMAND cf_twin_${name})

  add_library(cf_${name} OBJECT EXCLUDE_FROM_ALL "${file}")
  target_link_libraries(cf_${name} PRIVATE leibniz::leibniz leibniz_derivations)
  target_compile_definitions(cf_${name} PRIVATE LEIBNIZ_COMPILE_FAIL)
  leibniz_use_pch(cf_${name} ENGINE)
  add_test(NAME compile_fail.${name} COMMAND ${CMAKE_COMMAND}
    -DCOMMANDS=${CMAKE_BINARY_DIR}/compile_commands.json -DTARGET=cf_${name}
    -DSOURCE=${file} -P ${PROJECT_SOURCE_DIR}/cmake/check_compile_fail.cmake)
  set_tests_properties(compile_fail.${name}.twin compile_fail.${name}
    PROPERTIES LABELS compile_fail)
endfunction()

# Every include/leibniz/**/*.hpp must compile on its own (and twice, for the
# include guard). All TUs link into one executable, which also catches
# non-inline definitions in headers.
function(leibniz_add_header_check)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS
    RELATIVE "${PROJECT_SOURCE_DIR}/include" "${PROJECT_SOURCE_DIR}/include/leibniz/*.hpp")
  set(tus "")
  foreach(h IN LISTS headers)
    set(tu "${CMAKE_CURRENT_BINARY_DIR}/header_check/${h}.cpp")
    # file(CONFIGURE) rewrites only on change, so rebuilds stay incremental.
    file(CONFIGURE OUTPUT "${tu}" CONTENT "#include <${h}>\n#include <${h}>\n")
    list(APPEND tus "${tu}")
  endforeach()
  # empty_main.cpp gives the executable its main (and the library a source
  # while include/ is still empty).
  add_library(header_check OBJECT ${tus} ${PROJECT_SOURCE_DIR}/tests/support/empty_main.cpp)
  target_link_libraries(header_check PUBLIC leibniz::leibniz)
  add_executable(header_check_main $<TARGET_OBJECTS:header_check>)
  target_link_libraries(header_check_main PRIVATE leibniz::leibniz)
  add_test(NAME headers.self_contained COMMAND header_check_main)
  set_tests_properties(headers.self_contained PROPERTIES LABELS headers)
endfunction()

# The include rules of docs/layers.md, checked by a bash script over
# include/leibniz (headers.layers). Its twin, headers.layers_checker, runs the
# same script over a fixture tree with deliberate violations: it passes when
# the script reports them (and only them) and fails.
function(leibniz_add_layer_check)
  find_program(LEIBNIZ_BASH bash)
  if(NOT LEIBNIZ_BASH)
    message(STATUS "bash not found: the include-rule tests are not registered")
    return()
  endif()
  set(script "${PROJECT_SOURCE_DIR}/tests/layers/check_layers.sh")
  add_test(NAME headers.layers COMMAND ${LEIBNIZ_BASH} ${script} "${PROJECT_SOURCE_DIR}/include")
  add_test(NAME headers.layers_checker COMMAND ${LEIBNIZ_BASH} ${script} "${PROJECT_SOURCE_DIR}/tests/layers/violation")
  # The three broken rules of the fixture, one line each, then the failure
  # summary (printed only when the script exits 1); the allowed includes of
  # print/, stats/ and the top level must not be reported.
  set(expected
    "leibniz/dsl/expr.hpp:3: includes \"\\.\\./ir/term\\.hpp\": library headers include each other as <leibniz/\\.\\.\\.>\n"
    "leibniz/extra/new.hpp: the directory extra has no row in the layer table \\(docs/layers\\.md\\)\n"
    "leibniz/ir/term.hpp:4: includes <leibniz/print/latex\\.hpp>, but ir may include only detail \\(and itself\\)\n"
    "include rules: 3 broken \\(docs/layers\\.md\\)")
  string(JOIN "" expected ${expected})
  set_tests_properties(headers.layers_checker PROPERTIES
    PASS_REGULAR_EXPRESSION "${expected}"
    FAIL_REGULAR_EXPRESSION "(^|\n)leibniz/(print/|stats/|top\\.hpp)")
  set_tests_properties(headers.layers headers.layers_checker PROPERTIES LABELS headers)
endfunction()

# Install into a prefix under the build dir, then build tests/consumer against
# it with find_package(leibniz CONFIG REQUIRED).
function(leibniz_add_consumer_test)
  add_test(NAME consumer.find_package COMMAND ${CMAKE_COMMAND}
    -DBUILD_DIR=${CMAKE_BINARY_DIR}
    -DCONSUMER_SOURCE=${PROJECT_SOURCE_DIR}/tests/consumer
    -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/consumer
    -DCXX=${CMAKE_CXX_COMPILER}
    -DGENERATOR=${CMAKE_GENERATOR}
    -P ${PROJECT_SOURCE_DIR}/cmake/check_consumer.cmake)
  set_tests_properties(consumer.find_package PROPERTIES LABELS consumer)
endfunction()
