/*
** install.h — locating memline's own installation (prefix install_).
**
** memline-cc lives in <prefix>/bin; the header is in <prefix>/include and
** the runtime in <prefix>/<libdir> (the libdir the build was configured
** with, else <prefix>/lib). The build tree has the same layout, so a
** memline-cc run from the build tree uses the build tree's runtime. The
** prefix comes from /proc/self/exe, so a moved installation still works.
*/
#ifndef MCC_INSTALL_H
#define MCC_INSTALL_H

/* <prefix>/include. */
const char *install_include_dir(void);

/* The directory holding libmemline.so, or NULL when it is missing. */
const char *install_lib_dir(void);

/* <lib dir>/libmemline.so, or NULL when it is missing. */
const char *install_runtime(void);

/* <lib dir>/memline/libmemline-rewrite.so (the instrumenter), or NULL when
** it is missing. */
const char *install_rewriter(void);

/* The absolute path of the running memline-cc. */
const char *install_self(void);

#endif
