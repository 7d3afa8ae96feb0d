# Build time on a 2-core machine (the test command is budgeted at 25 minutes on a clean clone).
#
# -g1: line tables only. Full -g made every object 4x larger and compiled ~30 % slower, for
# local variables in a debugger that a Debug build gives anyway; backtraces keep their lines.
set(CMAKE_C_FLAGS_RELWITHDEBINFO "-O2 -g1 -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O2 -g1 -DNDEBUG")

# ccache caches objects built with a precompiled header only with these sloppiness settings.
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${CCACHE_PROGRAM})
endif()

# Headers that most files of a target parse (Boost.JSON alone is ~2 s per file): parsed once
# per target, for the targets with many files (a handful gains nothing from it).
function(guichet_precompile target)
  target_precompile_headers(${target} PRIVATE
    <algorithm> <chrono> <filesystem> <functional> <map> <memory> <optional> <set> <string>
    <string_view> <vector> <boost/json.hpp> ${ARGN})
endfunction()

# The targets that link spdlog (compiled, shared) may precompile it with fmt.
set(GUICHET_LOG_HEADERS <fmt/format.h> <spdlog/spdlog.h>)

# Test files: GoogleTest too; their own code is exercised, not optimised, so -O1.
function(guichet_test_target target)
  guichet_precompile(${target} <gtest/gtest.h> <fstream> <thread> ${ARGN})
  target_compile_options(${target} PRIVATE -O1)
endfunction()
