# memlineProfile.cmake — memline's CMake helper, included by
# memlineConfig.cmake (find_package(memline)):
#
#   memline_profile(<target>... [FUNCTIONS <glob>...])
#
# builds the targets' C sources through memline-cc (so functions marked
# MEMLINE_PROFILE, or matching the FUNCTIONS globs, are instrumented) and
# links them, and everything that links them, with the memline runtime.
# The compile goes through C_COMPILER_LAUNCHER; the link through
# C_LINKER_LAUNCHER (CMake >= 3.21), which puts libmemline.so ahead of libc,
# and memline::memline is added to the target's link libraries and link
# interface (with --no-as-needed), so that an executable linking a profiled
# library loads the runtime too.
include_guard(GLOBAL)

find_program(MEMLINE_CC_EXECUTABLE memline-cc
  HINTS "${PACKAGE_PREFIX_DIR}/bin"
        "${CMAKE_CURRENT_LIST_DIR}/../../../bin"
        "${CMAKE_CURRENT_LIST_DIR}/../../../../bin"
  NO_DEFAULT_PATH)
if(NOT MEMLINE_CC_EXECUTABLE)
  message(FATAL_ERROR "memline: memline-cc not found next to ${CMAKE_CURRENT_LIST_DIR}")
endif()

function(memline_profile)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "" "FUNCTIONS")
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "memline_profile: no target given")
  endif()
  set(launcher "${MEMLINE_CC_EXECUTABLE}")
  if(ARG_FUNCTIONS)
    list(JOIN ARG_FUNCTIONS "," globs)
    set(launcher "${CMAKE_COMMAND};-E;env;MEMLINE_FUNCTIONS=${globs};${MEMLINE_CC_EXECUTABLE}")
  endif()
  foreach(target IN LISTS ARG_UNPARSED_ARGUMENTS)
    if(NOT TARGET ${target})
      message(FATAL_ERROR "memline_profile: ${target} is not a target")
    endif()
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
      message(FATAL_ERROR "memline_profile: ${target} is an interface library: it compiles nothing")
    endif()
    set_property(TARGET ${target} PROPERTY C_COMPILER_LAUNCHER "${launcher}")
    if(NOT CMAKE_VERSION VERSION_LESS 3.21 AND type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
      set_property(TARGET ${target} PROPERTY C_LINKER_LAUNCHER "${MEMLINE_CC_EXECUTABLE}")
    endif()
    # --no-as-needed: an executable that only links a profiled library
    # references nothing in the runtime, yet needs it ahead of libc.
    set(runtime "-Wl,--push-state,--no-as-needed" memline::memline "-Wl,--pop-state")
    set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${runtime})
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${runtime})
  endforeach()
endfunction()
