/*
** text.h — lexical helpers over the raw bytes of a C source file (prefix
** mlt_): line table, skipping blanks and comments, bracket matching, the
** three parts of a `for` header, flattening a range onto one line and
** escaping bytes into a string literal.
**
** Invariants: these helpers never look through a preprocessor directive
** (but mlt_skip_directive, which skips one): a `#` that starts a line
** inside a scanned range makes the scan fail, so that a caller never
** pairs brackets across `#if` branches. Newlines are
** "\n", "\r\n" and a lone "\r", as clang counts lines.
*/
#ifndef MLI_TEXT_H
#define MLI_TEXT_H

#include <stddef.h>

#include "buf.h"

struct mlt_lines {
    size_t *start; /* start[i] = offset of line i+1 */
    size_t count;
};

int mlt_lines_init(struct mlt_lines *l, const char *s, size_t n);
void mlt_lines_free(struct mlt_lines *l);
/* 1-based line of byte offset `off`. */
unsigned mlt_line_of(const struct mlt_lines *l, size_t off);
/* Line `line` (1-based) without its terminator: *begin and *len. */
void mlt_line_span(const struct mlt_lines *l, const char *s, size_t n, unsigned line, size_t *begin,
                   size_t *len);

/* First offset at or after i that is not white space, a comment or a
** backslash-newline (n when none). */
size_t mlt_skip_blank(const char *s, size_t n, size_t i);

/* When s[i] is the `#` of a directive (first on its line) that brings in
** no text (anything but #include, #include_next, #import and #embed):
** the offset after its last line (continuations and comments included),
** else i. */
size_t mlt_skip_directive(const char *s, size_t n, size_t i);

/* s[i] is '(' '[' or '{': offset of the matching closer, or -1 (unbalanced,
** end of text, or a preprocessor directive in between). */
long mlt_match(const char *s, size_t n, size_t i);

/* s[open] is the '(' of a `for` header: the offsets of its two top-level
** semicolons and of the closing ')'. Returns 0, or -1 when the header is
** not three clauses written out in the text. */
int mlt_for_header(const char *s, size_t n, size_t open, size_t *semi1, size_t *semi2,
                   size_t *close);

/* Whether s[from, to) holds a comma outside brackets, literals and
** comments: 1, 0, or -1 when unsure (unbalanced, a `#`). */
int mlt_bare_comma(const char *s, size_t n, size_t from, size_t to);

/* Whether an identifier outside comments and literals starts with
** `prefix`. */
int mlt_has_ident_prefix(const char *s, size_t n, const char *prefix);

/* Whether s[from, to) holds a plain assignment `=` (not `==`, `<=`, `+=`
** ...) outside literals and comments: 1 or 0. */
int mlt_assigns(const char *s, size_t n, size_t from, size_t to);

/* The start of the first identifier at or after s[i] outside comments and
** literals (numbers are no identifiers), its length in *len; n if none. */
size_t mlt_next_ident(const char *s, size_t n, size_t i, size_t *len);

/* Adds to counts[j] how often names[j] (NULL: none) is spelled as an
** identifier in s[0, n), outside comments and literals. Returns 0, or -1
** when out of memory. */
int mlt_count_names(const char *s, size_t n, const char *const *names, size_t nnames,
                    size_t *counts);

/* Whether c may be part of an identifier (`$` too, as gcc allows). */
int mlt_is_ident(char c);

/* Whether the identifier `word` is spelled at s[i] (and not a longer one). */
int mlt_is_word(const char *s, size_t n, size_t i, const char *word);

/* Appends s[from, to) to b on one line: comments and newlines become
** spaces. Returns -1 (appending nothing) when the range holds a
** backslash-newline or a directive. */
int mlt_flatten(struct mlb *b, const char *s, size_t from, size_t to);

/* Appends s[0, n) as the inside of a C string literal that means the same
** bytes in every C standard (octal escapes for non-printable and non-ASCII
** bytes, no trigraphs). */
void mlt_escape(struct mlb *b, const char *s, size_t n);

#endif
