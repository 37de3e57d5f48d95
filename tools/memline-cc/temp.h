/*
** temp.h — memline-cc's temporary files (prefix temp_).
**
** All temporaries of one memline-cc process live in one private directory,
** `$TMPDIR/memline-cc.XXXXXX` (mkdtemp, so parallel builds never collide),
** created on first use. Everything in it is removed when the process ends:
** on exit, on a fatal error, and on SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGPIPE
** (after which the signal is re-raised, so the parent sees the same death).
** Children are started with the signals of temp_child_signals() reset to
** their defaults (posix_spawn's POSIX_SPAWN_SETSIGDEF), and signals ignored
** when memline-cc started stay ignored.
**
** An instrumented copy lives at a stable path instead, the same in every
** process that writes the same file: a compiler cache hashes the input
** path and the preprocessor's line markers that name it (ccache, in both of
** its modes), so a random path would make every rebuild a miss. The path is
** `$TMPDIR/memline-cc.<uid>.<hash of name and contents>/<name>`, shared by
** concurrent processes that write the same bytes there and removed by the
** last of them to end (temp.c says how).
*/
#ifndef MCC_TEMP_H
#define MCC_TEMP_H

#include <signal.h>
#include <stddef.h>

/* A new path "<dir>/<n>/<name>" whose directory exists, where n is unique
** in the process; the file itself is not created. Registered for removal.
** The string lives until exit. */
const char *temp_path(const char *name);

/* A file named `name` holding text[0..len), at a path that depends only on
** $TMPDIR, the user, `name` and the text; in the private directory when
** that path cannot be had (taken by another user, or holding other bytes).
** Removed when the last process using it ends. The string lives until
** exit. */
const char *temp_stable_file(const char *name, const char *text, size_t len);

void temp_block_signals(sigset_t *saved);
void temp_unblock_signals(const sigset_t *saved);
/* The signals a child must get back at their default disposition. */
void temp_child_signals(sigset_t *reset);

/* Remove everything now (also done automatically at exit). */
void temp_cleanup(void);

#endif
