# cmake/package.cmake — what scripts/package needs to know about this tree
# to make the Debian package, as shell assignments in
# <build>/package.env: the version, the install directories, and the clang
# resource directory the rewriter was built to use (instrumenter/), whose
# builtin headers (stddef.h...) the package depends on.
get_property(_memline_resource_dir GLOBAL PROPERTY memline_clang_resource_dir)
file(WRITE ${PROJECT_BINARY_DIR}/package.env "\
MEMLINE_VERSION='${PROJECT_VERSION}'
MEMLINE_PREFIX='${CMAKE_INSTALL_PREFIX}'
MEMLINE_LIBDIR='${CMAKE_INSTALL_LIBDIR}'
MEMLINE_MANDIR='${CMAKE_INSTALL_MANDIR}'
MEMLINE_CLANG_RESOURCE_DIR='${_memline_resource_dir}'
")
