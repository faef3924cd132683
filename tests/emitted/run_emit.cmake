# Writes `leibniz-derive emit NAME --lang LANG [ARGS...]` to OUT (ARGS: the
# extra arguments joined by commas, e.g. --function,dl_dY,--namespace,ns);
# fails the build when the tool fails (its one-line reason is shown).
string(REPLACE "," ";" ARGS "${ARGS}")
execute_process(COMMAND ${TOOL} emit ${NAME} --lang ${LANG} ${ARGS} OUTPUT_FILE ${OUT} ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "leibniz-derive emit ${NAME} failed (${rc}): ${err}")
endif()
