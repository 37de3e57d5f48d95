#!/usr/bin/env bash
# e2e_html.sh — memline html without a browser (e2e_html_browser.sh loads
# the pages in Chromium): the page of types_five.c (types, the peak, leaks
# and who holds them) against its golden copy; nothing on any page that a
# browser would fetch; a hostile source file and title stay text; a page
# of 300 functions within twice its report's size; the timeline embedded;
# bad input: one line, status 2, no page written and an old one untouched.
# Usage: e2e_html.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"
. "$src/html_progs.sh"

cp "$src/types_five.c" .
MEMLINE_TYPES=1 memline-cc -g -o five types_five.c
MEMLINE_TYPES=1 MEMLINE_LEAKS=1 MEMLINE_COLUMNS=at_peak MEMLINE_FORMAT=json MEMLINE_OUTPUT=five.json ./five
memline html five.json --unit B --precision 0 --timeline "$src/data/wordfreq.dat" 2>err.txt ||
    fail "html: status $?: $(cat err.txt)"
[ "$(cat err.txt)" = "memline html: wrote five.html" ] || fail "html said: $(cat err.txt)"

# The page between <body> and the script, the run's process id and the
# peak's time made fixed, and the chart left out (e2e_plot.sh checks it).
body() {
    sed -n '/^<body>$/,/^<script>$/p' "$1" |
        sed -E 's/process [0-9]+;/process PID;/; s/at [0-9]+\.[0-9]{3} s;/at T s;/' |
        sed '/^<div class="chart">$/,/^<\/div>$/d'
}
body five.html | diff -u "$src/data/types_five.html" - >&2 || fail "five.html differs from data/types_five.html"
grep -q '<svg xmlns="http://www.w3.org/2000/svg"' five.html || fail "no chart"
grep -q '<?xml' five.html && fail "the chart kept its XML declaration"

# Nothing fetched: no tag with a source, a link other than to the page's
# own anchors, or a URL (text never holds a raw '<', so every '<' found
# opens a real tag), no CSS import or url(); the policy forbids it besides.
self_contained() {
    local found
    found=$(sed 's/ xmlns="http:\/\/www.w3.org\/2000\/svg"//' "$1" |
        grep -Eo '<[a-zA-Z][^>]*([[:space:]](src|srcset|action|poster|data)=|href="[^#]|https?:)' || true)
    found+=$(sed -n '/^<style>$/,/^<\/style>$/p' "$1" | grep -Eo 'url\(|@import' || true)
    [ -z "$found" ] || fail "$1 refers outside itself: $found"
    grep -q "Content-Security-Policy\" content=\"default-src 'none';" "$1" || fail "$1: no policy"
}
self_contained five.html

# A hostile source: markup, references, quotes, bytes that are not UTF-8,
# controls, in the file's name and its lines, and a hostile title.
write_hostile
memline-cc -g -o hostile 'hostile<b>&amp;.c'
MEMLINE_FORMAT=json MEMLINE_OUTPUT=hostile.json ./hostile
memline html hostile.json -o hostile.html --title '<img src=x onerror=alert(1)> & "t"' 2>/dev/null
self_contained hostile.html
[ "$(grep -c '<script>' hostile.html)" = 1 ] || fail "hostile.html: a second script element"
grep -q '&lt;/script&gt;&lt;script&gt;document.title = &quot;pwned&quot;&lt;/script&gt; &lt;!--' \
    hostile.html || fail "hostile.html: the script line is not text"
grep -q $'\xef\xbf\xbd\xef\xbf\xbd, \xe2\x90\x81, \xef\xbf\xbd, \t' hostile.html ||
    fail "hostile.html: bad bytes and controls not replaced"
grep -q '<h1>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;t&quot;</h1>' hostile.html ||
    fail "hostile.html: the title is not text"
grep -q 'hostile&lt;b&gt;&amp;amp;.c' hostile.html || fail "hostile.html: the file name is not text"

# 300 functions: the page stays within twice the report.
write_many 300 many.c
MEMLINE_FUNCTIONS='*' memline-cc -g -o many many.c
MEMLINE_FORMAT=json MEMLINE_OUTPUT=many.json ./many
memline html many.json 2>/dev/null
[ "$(grep -c '<section class="fn"' many.html)" = 301 ] || fail "many.html: not 301 tables"
json_size=$(stat -c %s many.json)
html_size=$(stat -c %s many.html)
[ "$html_size" -le $((2 * json_size)) ] || fail "many.html is $html_size bytes for a $json_size-byte report"

# Bad input: one line on stderr, status 2, no page and an older page kept.
expect_error() { # STATUS MESSAGE COMMAND...
    local status=$1 message=$2 rc=0
    shift 2
    "$@" >out.txt 2>err.txt || rc=$?
    [ "$rc" = "$status" ] || fail "$*: status $rc, expected $status"
    [ "$(cat err.txt)" = "$message" ] || fail "$*: said [$(cat err.txt)], expected [$message]"
    [ ! -s out.txt ] || fail "$*: wrote to stdout"
}
usage='usage: memline html REPORT.json [-o OUT.html] [--timeline FILE.dat] [--title T] [--top N] [--unit U] [--precision N]'
expect_error 2 "memline html: no report given; $usage" memline html
expect_error 2 "memline html: unknown option '--color'; $usage" memline html five.json --color
expect_error 2 "memline html: -o needs a value; $usage" memline html five.json -o
expect_error 2 "memline html: one report at a time ('five.json' and 'many.json'); $usage" \
    memline html five.json many.json
expect_error 2 "memline html: --top '-1' is not valid (accepted: 0 to 100)" memline html five.json --top -1
expect_error 2 "memline html: nope.json: No such file or directory" memline html nope.json
echo '{"version": 1}' >bad.json
expect_error 2 'memline html: bad.json:report: missing "backend"' memline html bad.json
cp five.html old.html
expect_error 2 "memline html: nope.dat: No such file or directory" \
    memline html five.json -o old.html --timeline nope.dat
cmp -s five.html old.html || fail "a failed run changed the older page"
[ -z "$(ls ./*partial* 2>/dev/null)" ] || fail "a partial page was left behind"
expect_error 1 "memline html: cannot write 'no/such/dir.html'" memline html five.json -o no/such/dir.html
memline html --help | grep -qxF "$usage" || fail "--help"
echo "e2e_html: all passed"
