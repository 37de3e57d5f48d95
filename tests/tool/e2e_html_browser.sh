#!/usr/bin/env bash
# e2e_html_browser.sh — memline html's pages in a real browser (Debian's
# chromium, headless, pages opened from disk): html_check.js compares the
# DOM with the JSON report line by line (every function's table, every
# line's numbers and text), sorts the index by each column and checks the
# order, and finds the chart, the types and the leaks; on types_five.c
# (with a timeline), holders_prog.c (several functions, leaks and who holds
# them), a hostile source file and 300 functions; and once with scripts
# off (a sandboxed frame): the tables read the same. A screenshot must not be
# blank. Skipped (status 77) without chromium.
# Usage: e2e_html_browser.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"
. "$src/html_progs.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "SKIP: no chromium on PATH (Debian: apt-get install chromium); memline html's pages were not loaded in a browser"
    exit 77
fi
run_browser() { # ARGS...: headless, its own profile, no sandbox (tests run as root)
    timeout 300 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$work/profile" --allow-file-access-from-files "$@" 2>>browser.log
}

# check NAME TITLE [FLAGS]: loads NAME.html beside NAME.json in a harness.
check() {
    local name=$1 title=$2 flags=${3:-} sandbox=
    case $flags in *noscript*) sandbox=' sandbox="allow-same-origin"' ;; esac
    {
        printf 'window.REPORT = '
        cat "$name.json"
        printf ';\nwindow.EXPECT = {"title": %s%s};\n' "$(jq -Rn --arg t "$title" '$t')" "${flags:+, $flags}"
    } >"$name.expect.js"
    cat >"$name.harness.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out">harness did not run</pre>
<script src="$name.expect.js"></script><script src="html_check.js"></script>
<iframe id="page"$sandbox src="$name.html" onload="htmlCheck(this)" style="width:1200px;height:800px"></iframe>
</body></html>
HTML
    run_browser --dump-dom "file://$work/$name.harness.html" >"$name.dom"
    sed -n '/<pre id="out">/,/<\/pre>/p' "$name.dom" | sed 's/<[^>]*>//g; /^$/d' >"$name.results"
    cat "$name.results"
    grep -q '^ok every line' "$name.results" || fail "$name: the checks did not run (see $name.dom)"
    ! grep -q '^not ok' "$name.results" || fail "$name: $(grep '^not ok' "$name.results" | head -3)"
}
cp "$src/html_check.js" .

cp "$src/types_five.c" "$src/holders_prog.c" "$src/holders_lib.c" .
MEMLINE_TYPES=1 memline-cc -g -o five types_five.c
MEMLINE_TYPES=1 MEMLINE_LEAKS=1 MEMLINE_COLUMNS=at_peak MEMLINE_FORMAT=json MEMLINE_OUTPUT=five.json ./five
memline html five.json --unit B --precision 0 --timeline "$src/data/wordfreq.dat" 2>/dev/null
check five "memline: ./five" '"timeline": true, "types": true, "leaks": true'
# Without scripts: the same tables and numbers, the index in net-change order.
cp five.html five_noscript.html
cp five.json five_noscript.json
check five_noscript "memline: ./five" '"noscript": true, "types": true, "leaks": true'

memline-cc -O0 -g -shared -fPIC -o libholders.so holders_lib.c
memline-cc -O0 -g -o holders holders_prog.c -L. -lholders -Wl,-rpath,"$work"
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=holders.json ./holders >/dev/null
memline html holders.json --unit B --precision 0 2>/dev/null
[ "$(jq '.functions | length' holders.json)" -ge 3 ] || fail "holders.json: fewer than 3 functions"
check holders "memline: ./holders" '"leaks": true'

write_hostile
memline-cc -g -o hostile 'hostile<b>&amp;.c'
MEMLINE_FORMAT=json MEMLINE_OUTPUT=hostile.json ./hostile
title='<img src=x onerror="document.title=1"> & </title>'
memline html hostile.json --unit B --precision 0 --title "$title" 2>/dev/null
check hostile "$title" ""

write_many 300 many.c
MEMLINE_FUNCTIONS='*' memline-cc -g -o many many.c
MEMLINE_FORMAT=json MEMLINE_OUTPUT=many.json ./many
memline html many.json --unit B --precision 0 2>/dev/null
check many "memline: ./many" ""

# A screenshot of the first screen: drawn, not blank.
run_browser --window-size=1280,1000 --screenshot="$work/five.png" "file://$work/five.html" >/dev/null
read -r width height ink < <(python3 "$src/png_ink.py" five.png)
[ "$width $height" = "1280 1000" ] || fail "screenshot is ${width}x$height"
awk -v ink="$ink" 'BEGIN { exit !(ink > 0.02) }' || fail "screenshot is blank (ink $ink)"
echo "screenshot: ${width}x$height, ink $ink"
echo "e2e_html_browser: all passed"
