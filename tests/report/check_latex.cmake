# cmake -DDERIVE=<leibniz-derive> -DWHAT=<report|formulas> -DWORK=<dir> -P check_latex.cmake
# Writes the document with `leibniz-derive <WHAT> --out`, compiles it with
# pdflatex -halt-on-error and fails on any LaTeX error (naming the formula
# being typeset, for `formulas`) or on a formula sticking out of the page by
# more than MAX_OVERFULL_PT.
find_program(PDFLATEX pdflatex)
if(NOT PDFLATEX)
  message("pdflatex is not installed")
  return()
endif()
if(NOT DEFINED MAX_OVERFULL_PT)
  set(MAX_OVERFULL_PT 40)
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(tex "${WORK}/${WHAT}.tex")
execute_process(COMMAND "${DERIVE}" ${WHAT} --out "${tex}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "leibniz-derive ${WHAT} failed (${rc}): ${err}")
endif()

execute_process(COMMAND "${PDFLATEX}" -halt-on-error -interaction=nonstopmode -output-directory "${WORK}" "${tex}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT EXISTS "${WORK}/${WHAT}.pdf")
  string(REGEX MATCHALL "leibniz-formula: [^\n]*" formulas "${out}")
  list(LENGTH formulas n)
  if(n GREATER 0)
    list(GET formulas -1 last)
    set(where " while typesetting ${last}")
  endif()
  string(REGEX MATCHALL "\n![^\n]*\n[^\n]*\n[^\n]*" errors "${out}")
  message(FATAL_ERROR "pdflatex failed on ${tex}${where}:\n${errors}")
endif()

if(WHAT STREQUAL "report")
  string(REGEX MATCHALL "Overfull \\\\hbox \\(([0-9.]+)pt too wide\\)[^\n]*" overfull "${out}")
  foreach(o IN LISTS overfull)
    string(REGEX REPLACE "Overfull \\\\hbox \\(([0-9]+).*" "\\1" pt "${o}")
    if(pt GREATER MAX_OVERFULL_PT)
      message(FATAL_ERROR "a line of ${tex} is too wide: ${o}")
    endif()
  endforeach()
endif()
message(STATUS "${WHAT}: pdflatex ok")
