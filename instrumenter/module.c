/*
** module.c — the rewriter as a loadable module (libmemline-rewrite.so).
**
** memline-cc dlopen()s this module for the first file that mli_wants() says
** may need instrumenting, and looks up MLI_MODULE_SYMBOL: one table of the
** library's entry points, so that the wrapper and the module can never
** disagree about a single function's signature.
*/
#include "mli.h"

const struct mli_module MLI_MODULE_ENTRY = {MLI_MODULE_VERSION, mli_rewrite, mli_result_free};
