# cmake -DBUILD_DIR=.. -DCONSUMER_SOURCE=.. -DWORK_DIR=.. -DCXX=.. -DGENERATOR=.. -P check_consumer.cmake
# Installs the build tree into WORK_DIR/prefix, then configures and builds the
# consumer project against that prefix only.
cmake_minimum_required(VERSION 3.25)
set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${prefix}" "${build}")  # a stale install must not hide a broken one

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message("${out}")  # verbatim; FATAL_ERROR would re-wrap it
    message(FATAL_ERROR "failed: ${cmd}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE}" -B "${build}" -G "${GENERATOR}"
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run(${CMAKE_COMMAND} --build "${build}")
run("${build}/consumer")
message(STATUS "consumer built and ran against ${prefix}")
