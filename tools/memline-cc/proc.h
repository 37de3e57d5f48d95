/*
** proc.h — running the real compiler (prefix proc_).
**
** memline-cc either becomes the compiler (proc_exec, for plain
** pass-through: exit status, signals and terminal stay the compiler's own)
** or runs it and waits (proc_run). A wait status that is a death by signal
** is passed on by dying of the same signal (proc_finish).
*/
#ifndef MCC_PROC_H
#define MCC_PROC_H

/* Run argv (argv[0] looked up in PATH). `stdin_path` and `stderr_path`,
** when not NULL, replace the child's standard input / error (the latter
** created or truncated). Returns the wait status; 127 << 8 when the
** program cannot be started (after saying why). */
int proc_run(const char *const *argv, const char *stdin_path, const char *stderr_path);

/* Replace this process with argv, standard input from `stdin_path` when not
** NULL. Temporaries are removed first. Does not return. */
void proc_exec(const char *const *argv, const char *stdin_path) __attribute__((noreturn));

/* Did the child exit with status 0? */
int proc_ok(int status);

/* End this process the way the child ended. */
void proc_finish(int status) __attribute__((noreturn));

#endif
