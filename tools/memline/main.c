/*
** main.c — `memline <subcommand> ...`: dispatches to the subcommands listed
** in commands.h. Adding a subcommand is one line in the table below.
*/
#include "commands.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*main)(int argc, char **argv);
    const char *summary;
} main_commands[] = {
    {"run", run_main, "run a program and record its memory over time"},
    {"plot", plot_main, "draw recorded runs as an SVG chart"},
    {"peak", peak_main, "print the peak memory of recorded runs"},
    {"report", report_main, "print a JSON report as the text tables"},
    {"diff", diff_main, "compare two JSON reports, line by line"},
    {"merge", merge_main, "combine the JSON reports of several processes"},
    {"top", top_main, "the largest lines, functions or files of a report"},
    {"html", html_main, "a report as one self-contained HTML page"},
};

#define MAIN_NCOMMANDS (sizeof main_commands / sizeof main_commands[0])

static void main_usage(FILE *out)
{
    fprintf(out, "usage: memline <command> [ARGS...]\n\ncommands:\n");
    for (size_t i = 0; i < MAIN_NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", main_commands[i].name, main_commands[i].summary);
    fprintf(out, "\n'memline <command> --help' describes one command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        main_usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < MAIN_NCOMMANDS; i++)
        if (strcmp(argv[1], main_commands[i].name) == 0)
            return main_commands[i].main(argc - 1, argv + 1);
    fprintf(stderr, "memline: unknown command '%s' (try 'memline --help')\n", argv[1]);
    return 2;
}
