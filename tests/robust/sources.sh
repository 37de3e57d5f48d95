#!/usr/bin/env bash
# tests/robust/sources.sh BUILD SRC [CFLAGS] — hostile sources, generated
# here: lines with invalid UTF-8 and control characters, CRLF line ends, a
# 100,000-line function, a 100 KB line, 3,000 profiled functions. Each is
# built with memline-cc and run; the JSON report must be valid JSON whose
# `source` (with `source_bytes` where a line is not UTF-8) gives back every
# line's exact bytes, the text table must carry every line verbatim, and
# the counts must be exact.
. "$(dirname "$0")/common.sh" "$@"

# run NAME: builds NAME.c, runs it with a JSON and a text report.
run() {
    memline-cc -O0 -g $cflags -o "$1" "$1.c" || fail "memline-cc could not build $1"
    MEMLINE_FORMAT=json MEMLINE_OUTPUT="$1.json" "./$1" >"$1.out" || fail "$1 failed"
    jq empty "$1.json" || fail "$1: the report is not valid JSON"
    MEMLINE_UNIT=B MEMLINE_OUTPUT="$1.txt" "./$1" >/dev/null || fail "$1 failed"
}

# same_lines NAME FIRST LAST: the report's text of source lines FIRST..LAST
# (JSON, rebuilt from hex where needed; and the table's Line Contents
# column) is byte for byte the file's, line terminators removed.
same_lines() {
    sed -n "$2,$3p" "$1.c" | tr -d '\r' | od -An -v -tx1 | tr -d ' \n' >want.hex
    decode_json "$1.json" | od -An -v -tx1 | tr -d ' \n' >json.hex
    cmp -s want.hex json.hex || fail "$1: JSON source lines differ from the file"
    grep -a -v '^Filename: \|^Line #\|^=====\|^$' "$1.txt" | cut -b48- | od -An -v -tx1 |
        tr -d ' \n' >text.hex
    cmp -s want.hex text.hex || fail "$1: table lines differ from the file"
}

# The first function's source lines as bytes, one per line.
decode_json() {
    jq -r '.functions[0] | . as $f | range(0; .source | length) as $i |
           if (($f.source_bytes // [])[$i]) then "H" + $f.source_bytes[$i]
           else "T" + $f.source[$i] end' "$1" |
        while IFS= read -r line; do
            case $line in
                H*) printf '%s' "${line#H}" | sed 's/../\\x&/g' | xargs -0 printf '%b' ;;
                T*) printf '%s' "${line#T}" ;;
            esac
            printf '\n'
        done
}

# 1. Invalid UTF-8 and control characters in comments and strings.
{
    printf '#include <memline.h>\n#include <stdlib.h>\n#include <string.h>\n'
    printf 'MEMLINE_PROFILE\nstatic size_t odd(void)\n{\n'
    printf '    size_t n = strlen("caf\xc3\xa9 \xff\xfe \xc3\x28"); /* bytes \xed\xa0\x80 */\n'
    printf '    n += strlen("tab\there \\x01"); /* \x01\x02\x1b[31m red \x7f */\n'
    printf '    char *p = malloc(n); /* \f form feed \b "quoted" \\ back */\n'
    printf '    free(p); /* \xf0\x9f\x98\x80 emoji, then overlong \xc0\xaf */\n'
    printf '    return n;\n}\nint main(void) { return odd() == 0; }\n'
} >utf8.c
run utf8
same_lines utf8 4 12
jq -e '.functions[0].source_bytes | length == 9' utf8.json >/dev/null ||
    fail "utf8: source_bytes missing"

# 2. The same with CRLF line ends.
sed 's/$/\r/' utf8.c >crlf.c
run crlf
same_lines crlf 4 12

# 3. A function of 100,000 lines: 10,006 statements (a probe each; gcc
# compiles 100,000 inlined probes in one function slowly), comments between.
{
    printf '#include <memline.h>\n#include <stdlib.h>\nMEMLINE_PROFILE\nstatic long big(void)\n{\n'
    printf '    long x = 0;\n'
    awk 'BEGIN { for (i = 0; i < 9999; i++) {
        printf "    x += %d;\n", i % 7
        for (k = 0; k < 9; k++) printf "    /* %d */\n", k } }'
    printf '    char *p = malloc(100);\n    free(p);\n    x += 4;\n    x += 5;\n    return x;\n}\n'
    printf 'int main(void) { return big() == 0; }\n'
} >big.c
run big
expect "big: lines" "$(jq '.functions[0].last_line - .functions[0].first_line + 1' big.json)" 100000
expect "big: executed lines" "$(jq '.functions[0].lines | length' big.json)" 10006
expect "big: calls" "$(calls big.json big)" 1
expect "big: rows" "$(grep -c '^ *[0-9]' big.txt)" 100000
same_lines big 3 100002

# 4. A line of 100 KB.
{
    printf '#include <memline.h>\n#include <stdlib.h>\n#include <string.h>\n'
    printf 'MEMLINE_PROFILE\nstatic size_t wide(void)\n{\n    size_t n = strlen("'
    head -c 102400 /dev/zero | tr '\0' w
    printf '");\n    char *p = malloc(n);\n    free(p);\n    return n;\n}\n'
    printf 'int main(void) { return wide() != 102400; }\n'
} >wide.c
run wide
same_lines wide 4 11

# 5. 3,000 profiled functions.
{
    printf '#include <memline.h>\n#include <stdlib.h>\n'
    awk 'BEGIN { for (i = 0; i < 3000; i++)
        printf "MEMLINE_PROFILE\nstatic void f%d(void)\n{\n    free(malloc(%d));\n}\n", i, i + 1 }'
    printf 'int main(void)\n{\n'
    awk 'BEGIN { for (i = 0; i < 3000; i++) printf "    f%d();\n", i }'
    printf '    return 0;\n}\n'
} >many.c
run many
expect "many: functions" "$(jq '.functions | length' many.json)" 3000
expect "many: calls" "$(jq '[.functions[].calls] | unique' -c many.json)" "[1]"
expect "many: tables" "$(grep -c '^Filename: ' many.txt)" 3000
echo "ok: invalid UTF-8, control characters, CRLF, 100,000 lines, 100 KB line, 3,000 functions"
