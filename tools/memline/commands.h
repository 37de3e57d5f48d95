/*
** commands.h — the subcommands of the `memline` command. Each lives in its
** own module and is called with argv[0] set to its name; it returns the
** process exit status (2 for a usage error).
*/
#ifndef MEMLINE_COMMANDS_H
#define MEMLINE_COMMANDS_H

int run_main(int argc, char **argv);
int plot_main(int argc, char **argv);
int peak_main(int argc, char **argv);
int report_main(int argc, char **argv);
int diff_main(int argc, char **argv);
int merge_main(int argc, char **argv);
int top_main(int argc, char **argv);
int html_main(int argc, char **argv);

#endif
