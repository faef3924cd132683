# Writes `leibniz-derive emit NAME --lang LANG` to OUT; fails the build when
# the tool fails (its one-line reason is shown).
execute_process(COMMAND ${TOOL} emit ${NAME} --lang ${LANG} OUTPUT_FILE ${OUT} ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "leibniz-derive emit ${NAME} failed (${rc}): ${err}")
endif()
