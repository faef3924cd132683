# Precompiled headers for this project's own TUs (LEIBNIZ_PCH, on by default).
#
# Every test, tool and derivation TU starts by parsing the engine's headers
# (about 2 s with g++, before any derivation work); two precompiled headers
# built once per configuration take that off all of them:
#   leibniz_pch_engine : the public headers (tests/static, tools/, derivations,
#                        the generators of emitted code, compile-fail checks)
#   leibniz_pch_catch  : the same plus Catch2 (the runtime tests)
# Targets take one with leibniz_use_pch(<target> ENGINE|CATCH). The headers are
# force-included, so a TU that names them again only skips them (include
# guards); a TU never depends on the PCH to compile, since with LEIBNIZ_PCH=OFF
# nothing is force-included. Not used by the header self-containment check,
# whose point is to compile each header on its own, nor by the consumer test.
#
# <leibniz/eigen.hpp> stays out: it asks __has_include(<Eigen/Core>), which
# depends on the target's include path.

set(_leibniz_pch_engine_headers
  <leibniz/leibniz.hpp> <leibniz/stats.hpp> <leibniz/from_latex.hpp>)

function(_leibniz_pch_owner kind out)
  set(owner leibniz_pch_${kind})
  set(${out} ${owner} PARENT_SCOPE)
  if(TARGET ${owner})
    return()
  endif()
  # An object library whose only source is CMake's own PCH TU (plus an empty
  # file, since a library needs one source of its own).
  set(src "${PROJECT_BINARY_DIR}/pch/${kind}.cpp")
  file(CONFIGURE OUTPUT "${src}" CONTENT "// owner of the ${kind} precompiled header\n")
  add_library(${owner} OBJECT "${src}")
  target_link_libraries(${owner} PRIVATE leibniz_derivations)
  set(headers ${_leibniz_pch_engine_headers})
  if(kind STREQUAL "catch")
    target_link_libraries(${owner} PRIVATE Catch2::Catch2)
    list(APPEND headers <catch2/catch.hpp>)
    if(LEIBNIZ_SANITIZE_RUNTIME_TESTS)  # as every Catch2 test (leibniz_catch_test)
      target_compile_options(${owner} PRIVATE ${LEIBNIZ_SANITIZED_TEST_FLAGS})
    endif()
  endif()
  target_precompile_headers(${owner} PRIVATE ${headers})
endfunction()

# leibniz_use_pch(<target> ENGINE|CATCH)
function(leibniz_use_pch target kind)
  if(NOT LEIBNIZ_PCH)
    return()
  endif()
  string(TOLOWER "${kind}" kind)
  if(NOT kind MATCHES "^(engine|catch)$")
    message(FATAL_ERROR "leibniz_use_pch(${target} ${kind}): the kind is ENGINE or CATCH")
  endif()
  _leibniz_pch_owner(${kind} owner)
  target_precompile_headers(${target} REUSE_FROM ${owner})
endfunction()
