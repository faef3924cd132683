# leibniz_emit_code(<target> GENERATOR <program.cpp> OUTPUT <file> [ARGS <arg>...])
#
# Emits code at build time for a user's own expressions. <program.cpp> is a
# small program that writes the emitted source to the path given as its
# first argument (its other arguments are ARGS), e.g. with
#   leibniz::write_file(argv[1], leibniz::emit_source({.function = "f"}, ...));
# It is built as <target>_leibniz_<name> against leibniz::leibniz and run
# whenever it changes; OUTPUT (relative paths are under the current binary
# directory) is then a source of <target> and its directory an include
# directory of <target>, so a header output is included by name and a .cpp
# output (emitted with C entry points) is compiled into <target>.
function(leibniz_emit_code target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "GENERATOR;OUTPUT" "ARGS")
  if(NOT arg_GENERATOR OR NOT arg_OUTPUT)
    message(FATAL_ERROR "leibniz_emit_code(${target}): GENERATOR <program.cpp> and OUTPUT <file> are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "leibniz_emit_code(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "leibniz_emit_code(${target}): no target named ${target}")
  endif()
  cmake_path(ABSOLUTE_PATH arg_OUTPUT BASE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} OUTPUT_VARIABLE output)
  cmake_path(GET output PARENT_PATH output_dir)
  cmake_path(GET arg_GENERATOR STEM stem)
  set(generator ${target}_leibniz_${stem})
  if(NOT TARGET ${generator})
    add_executable(${generator} ${arg_GENERATOR})
    target_link_libraries(${generator} PRIVATE leibniz::leibniz)
  endif()
  add_custom_command(OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${generator} ${output} ${arg_ARGS}
    DEPENDS ${generator}
    COMMENT "leibniz: emitting ${output}"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
  target_include_directories(${target} PRIVATE ${output_dir})
endfunction()
