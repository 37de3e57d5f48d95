# tests/tool/html_progs.sh — sourced by e2e_html.sh and e2e_html_browser.sh:
# the generated programs whose pages they check.
#   write_hostile: 'hostile<b>&amp;.c', whose lines (and name) hold markup,
#     `</script>`, references, quotes, bytes that are not UTF-8 and controls.
#   write_many N FILE: N small functions, each called 1 to 4 times, with
#     every function instrumented a report of N + 1 tables.
write_hostile() {
    {
        printf '#include <memline.h>\n#include <stdlib.h>\n#include <string.h>\n\nMEMLINE_PROFILE\n'
        printf 'int main(void)\n{\n'
        printf '    char *s = malloc(100); /* </script><script>document.title = "pwned"</script> <!-- */\n'
        printf '    strcpy(s, "<b>&amp; \\"q\\" '"'"'a'"'"'</b>"); /* \xff\xfe, \x01, \xc2\x85, \t */\n'
        printf '    free(s); /* <img src=x onerror="document.title=1"> ]]> */\n    return 0;\n}\n'
    } >'hostile<b>&amp;.c'
}

write_many() {
    local n=$1 i
    {
        printf '#include <memline.h>\n#include <stdlib.h>\n'
        for ((i = 0; i < n; i++)); do
            printf 'static long f%d(int n)\n{\n    char *a = malloc(%d);\n    long s = n;\n\n' "$i" $((i % 7 * 100 + 8))
            printf '    if (n > %d)\n        free(a);\n    return s + (a != 0);\n}\n' $((i % 3))
        done
        printf 'int main(void)\n{\n    long s = 0;\n\n'
        for ((i = 0; i < n; i++)); do
            printf '    for (int k = 0; k < %d; k++)\n        s += f%d(k);\n' $((i % 4 + 1)) "$i"
        done
        printf '    return s == -1;\n}\n'
    } >"$2"
}
