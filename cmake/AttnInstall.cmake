# `cmake --install`: headers (with the ODS .td files and the generated .inc
# files), the libraries, the tools, the mlir-opt plugins, the Python package
# and the CMake package AttnOpt (find_package(AttnOpt CONFIG)).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The libraries a consumer links; exported as AttnOpt::<name>.
set(ATTN_EXPORTED_LIBS AttnSeededRandom AttnMaskPattern AttnReference AttnIR AttnOpSpec AttnRaise
    AttnTiling AttnShard AttnForms AttnCPU AttnKernelDesc AttnNvgpu AttnPipelines AttnSupport AttnRunner AttnOpt AttnCAPI)
set(ATTN_INSTALLED_TOOLS attn-opt attn-run attn-aot)
set(ATTN_PLUGINS AttnDialectPlugin AttnPassPlugin)

# Usage requirements the in-tree build sets with directory-wide
# include_directories/add_definitions: attached to the targets so that the
# exported ones carry them (MLIR's and LLVM's include directories, LLVM's
# definitions, the generated headers).
foreach(lib ${ATTN_EXPORTED_LIBS})
  target_include_directories(${lib} SYSTEM INTERFACE
    ${MLIR_INCLUDE_DIRS} ${LLVM_INCLUDE_DIRS})
  target_include_directories(${lib} INTERFACE
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/dialects>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/dialects>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/gen>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/attn-opt>)
  target_compile_definitions(${lib} INTERFACE ${ATTN_LLVM_DEFS})
endforeach()

# The include roots as in tree: include/ and dialects/ (the dialect's .td
# files and headers: "attn/IR/AttnOps.td") into <prefix>/include; the pass
# stages ("passes/CPU/Passes.h", their Passes.td) into
# <prefix>/include/attn-opt, which the exported targets carry.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/attn ${PROJECT_SOURCE_DIR}/include/attn-c
  ${PROJECT_SOURCE_DIR}/dialects/attn
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/passes
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/attn-opt
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
# Generated ODS headers ("attn/IR/AttnOps.h.inc", "passes/CPU/Passes.h.inc")
# and C API headers ("attn-c/TransformsPasses.capi.h.inc").
install(DIRECTORY ${PROJECT_BINARY_DIR}/dialects/attn ${PROJECT_BINARY_DIR}/gen/attn-c
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h.inc"
  PATTERN "CMakeFiles" EXCLUDE)
install(DIRECTORY ${PROJECT_BINARY_DIR}/passes
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/attn-opt
  FILES_MATCHING PATTERN "*.h.inc"
  PATTERN "CMakeFiles" EXCLUDE)

# Code the runner JIT-compiles with parallel=true calls the OpenMP runtime,
# which must be in the process.
target_link_libraries(AttnRunner INTERFACE ${ATTN_LIBOMP})

install(TARGETS ${ATTN_EXPORTED_LIBS} EXPORT AttnOptTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ${ATTN_INSTALLED_TOOLS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${ATTN_PLUGINS} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
# Installed binaries find libMLIR/libLLVM/libomp (and libAttnOpt.so next to
# them) without LD_LIBRARY_PATH.
set_target_properties(${ATTN_INSTALLED_TOOLS} PROPERTIES
  INSTALL_RPATH "${LLVM_LIBRARY_DIR}")

install(EXPORT AttnOptTargets NAMESPACE AttnOpt::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AttnOpt)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/AttnOptConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/AttnOptConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AttnOpt
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/AttnOptConfigVersion.cmake
  VERSION 0.1.0 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/AttnOptConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/AttnOptConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AttnOpt)

# The wheel of `pip install .` (pyproject.toml): the package with the
# library inside it (attn/libAttnCAPI.so, where python/attn/_native.py
# looks first), component `python`.
if(ATTN_PYTHON_WHEEL)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/attn DESTINATION .
    COMPONENT python PATTERN "__pycache__" EXCLUDE)
  install(TARGETS AttnCAPI LIBRARY DESTINATION attn COMPONENT python)
endif()

# The Python package, next to libAttnCAPI.so's lib directory:
# PYTHONPATH=<prefix>/lib/python3/site-packages.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/attn
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/python3/site-packages
  PATTERN "__pycache__" EXCLUDE)
# lit helpers for downstream test suites (substitutions for the tools and
# plugins): see docs/library.md.
install(FILES ${PROJECT_SOURCE_DIR}/test/attn_lit.py
  DESTINATION ${CMAKE_INSTALL_DATADIR}/attn-opt/lit)
