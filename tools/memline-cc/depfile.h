/*
** depfile.h — where dependency files go (prefix depfile_).
**
** An instrumented source is compiled from a temporary copy, so its
** dependency file is not asked from that compile: the compiler writes it
** while preprocessing the real source (-E, output discarded), which makes
** it exactly what a plain compile writes, names and line breaks included.
** That run, and a source compiled to a temporary object when linking, must
** name the file and the rule's target explicitly, as gcc would by default:
** depfile_default_path() and depfile_default_target().
*/
#ifndef MCC_DEPFILE_H
#define MCC_DEPFILE_H

#include "args.h"

/* Where gcc writes the dependencies of `source` under `a` (-MF; else the
** output with its extension replaced by .d; else <base>.d, or a-<base>.d
** when linking without -o, as gcc 12 does). Caller frees. */
char *depfile_default_path(const struct args *a, const char *source);

/* The rule's target when no -MT/-MQ is given: the output, else <base>.o.
** Caller frees. */
char *depfile_default_target(const struct args *a, const char *source);

#endif
