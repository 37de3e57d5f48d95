#!/usr/bin/env bash
# tests/man/check_pages.sh — the man pages cannot drift from the commands.
# For `memline`, every subcommand `memline --help` lists and
# memline-instrument: the page's SYNOPSIS is the command's usage line, its
# OPTIONS tag every option the usage names and no other (besides -h,
# --help, which every page tags). memline.1 lists every subcommand with the
# summary `memline --help` gives it (which is also the NAME line of the
# subcommand's page) and every variable runtime/settings.c reads. Every
# page (memline-cc.1 too) names the project's version and has no groff or
# mandoc warning.
# Usage: check_pages.sh BIN_DIR SOURCE_DIR VERSION
set -euo pipefail
bin=$1
src=$2
version=$3
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# The page as man shows it, in plain ASCII on lines too long to wrap.
render() {
    groff -man -Tascii -P-cbou -rLL=400n -rHY=0 "$1"
}

# The body of section $2 of page $1.
section() {
    render "$1" | awk -v s="$2" '$0 == s { on = 1; next } /^[A-Z]/ { on = 0 } on'
}

# Standard input on one line, runs of blanks made one space.
flat() {
    tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# The options a usage line names, one a line.
usage_options() {
    grep -oE '(^|[[ ])--?[a-z][-a-z]*' | sed 's/^[[ ]//' | sort -u
}

# The options the OPTIONS section of page $1 tags, one a line.
tagged_options() {
    section "$1" OPTIONS | grep -E '^ {7}-' | sed -E 's/^ +//; s/   .*//; s/, /\n/g' |
        awk '{ print $1 }' | sort -u
}

# Page $1 against the usage that command "${@:2}" --help prints.
check_command() {
    local page=$1 usage synopsis
    shift
    usage=$("$@" --help | sed -n '1s/^usage: //; /^$/q; p' | flat)
    synopsis=$(section "$page" SYNOPSIS | flat)
    [ "$synopsis" = "$usage" ] ||
        fail "$page: SYNOPSIS is '$synopsis', $* --help says '$usage'"
    local missing extra
    missing=$(comm -23 <(usage_options <<<"$usage") <(tagged_options "$page"))
    [ -z "$missing" ] || fail "$page: OPTIONS lacks $(echo $missing)"
    extra=$(comm -13 <(printf '%s\n' $(usage_options <<<"$usage") -h --help | sort -u) \
        <(tagged_options "$page"))
    [ -z "$extra" ] || fail "$page: OPTIONS has $(echo $extra), which $* --help does not name"
    tagged_options "$page" | grep -x -- --help >/dev/null || fail "$page: OPTIONS lacks --help"
}

man="$src/tools/memline/man"
check_command "$man/memline.1" "$bin/memline"
check_command "$src/instrumenter/memline-instrument.1" "$bin/memline-instrument"

commands=$("$bin/memline" --help | sed -n 's/^  \([a-z][a-z]*\)  *\(.*\)$/\1 \2/p')
[ -n "$commands" ] || fail "memline --help lists no command"
listed=$(section "$man/memline.1" COMMANDS | flat)
while read -r name summary; do
    page="$man/memline-$name.1"
    if [ ! -f "$page" ]; then
        fail "memline $name has no page ($page)"
        continue
    fi
    check_command "$page" "$bin/memline" "$name"
    [ "$(section "$page" NAME | flat)" = "memline-$name - $summary" ] ||
        fail "$page: NAME is not 'memline-$name - $summary'"
    grep -qF "memline-$name(1) $summary" <<<"$listed" ||
        fail "memline.1: COMMANDS lacks 'memline-$name(1) $summary'"
done <<<"$commands"
[ "$(grep -oE 'memline-[a-z]+\(1\)' <<<"$listed" | wc -l)" = "$(wc -l <<<"$commands")" ] ||
    fail "memline.1: COMMANDS lists other commands than memline --help: $listed"
for page in "$man"/memline-*.1; do
    name=$(basename "$page" .1)
    grep -q "^  ${name#memline-} " <<<"$("$bin/memline" --help)" ||
        fail "$page: no such command in memline --help"
done

environment=$(section "$man/memline.1" ENVIRONMENT | flat)
for var in $(grep -oE '"MEMLINE_[A-Z_]+"' "$src/runtime/settings.c" | tr -d '"' | sort -u); do
    grep -qE "(^| )$var(=| |$)" <<<"$environment" || fail "memline.1: ENVIRONMENT lacks $var"
done

for page in "$man"/*.1 "$src/instrumenter/memline-instrument.1" "$src/tools/memline-cc/memline-cc.1"; do
    head -1 "$page" | grep -F "\"memline $version\"" >/dev/null ||
        fail "$page: .TH does not say memline $version: $(head -1 "$page")"
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || fail "$page: groff: $warnings"
    warnings=$(mandoc -Tlint -Wwarning "$page" 2>&1 || true)
    [ -z "$warnings" ] || fail "$page: mandoc: $warnings"
done

[ "$failures" -eq 0 ] || exit 1
echo "man pages: $(ls "$man"/*.1 | wc -l) memline pages and memline-instrument.1 match --help"
