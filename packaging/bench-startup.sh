#!/usr/bin/env bash
# Start-up time of an installed (or app-image) launcher with and without its AppCDS archive.
#
#   packaging/bench-startup.sh [LAUNCHER=/opt/vfio-inspector/bin/vfio-inspector] [RUNS=5]
#
# CLI: wall time of `LAUNCHER --demo tree` (process start to exit).
# GUI: process start until a visible window named "VFIO Inspector" exists on an Xvfb display,
#      polled with xdotool every 20 ms (the window maps when the first frame is shown).
# "no CDS" = _JAVA_OPTIONS=-Xshare:off, which the JVM applies after the launcher's own options;
# the jlinked runtime has no default CDS archive, so this is the image without any archive.
# Variants are interleaved so that background load hits both alike. Prints a Markdown table.
set -euo pipefail

L=${1:-/opt/vfio-inspector/bin/vfio-inspector}
RUNS=${2:-5}
W=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$W"' EXIT
XVFB=""

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
variant_env() { if [ "$1" = cds ]; then echo "_BENCH=1"; else echo "_JAVA_OPTIONS=-Xshare:off"; fi; }

cli_run() {
    local t0; t0=$(now_ms)
    env "$(variant_env "$1")" "$L" --demo tree >/dev/null 2>&1
    echo $(( $(now_ms) - t0 ))
}

gui_run() {
    local t0 t1 app
    t0=$(now_ms)
    env "$(variant_env "$1")" "$L" --demo >/dev/null 2>&1 &
    app=$!
    t1=""
    for _ in $(seq 3000); do
        if xdotool search --onlyvisible --name "VFIO Inspector" >/dev/null 2>&1; then t1=$(now_ms); break; fi
        sleep 0.02
    done
    kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
    [ -n "$t1" ] && echo $(( t1 - t0 )) || echo "timeout"
}

stats() {  # min / median / max of the numbers given
    printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}'
}

# Warm the page cache once per variant so the first measured run is not a disk read.
cli_run cds >/dev/null; cli_run nocds >/dev/null
declare -a CLI_CDS CLI_NO GUI_CDS GUI_NO
for _ in $(seq "$RUNS"); do
    CLI_CDS+=("$(cli_run cds)"); CLI_NO+=("$(cli_run nocds)")
done

HAVE_GUI=0
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    exec 5>"$W/display"
    Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB=$!
    exec 5>&-
    for _ in $(seq 100); do [ -s "$W/display" ] && break; sleep 0.1; done
    export DISPLAY=":$(cat "$W/display")"
    gui_run cds >/dev/null
    for _ in $(seq "$RUNS"); do
        GUI_CDS+=("$(gui_run cds)"); GUI_NO+=("$(gui_run nocds)")
    done
    HAVE_GUI=1
fi

echo "launcher: $L, $RUNS runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measurement | with AppCDS, ms (min / median / max) | without, ms (min / median / max) |"
echo "|---|---|---|"
echo "| CLI \`--demo tree\`, process start to exit | $(stats "${CLI_CDS[@]}") | $(stats "${CLI_NO[@]}") |"
if [ "$HAVE_GUI" = 1 ]; then
    echo "| GUI \`--demo\`, process start to visible window (Xvfb) | $(stats "${GUI_CDS[@]}") | $(stats "${GUI_NO[@]}") |"
fi
echo
echo "raw CLI cds: ${CLI_CDS[*]} | no cds: ${CLI_NO[*]}"
[ "$HAVE_GUI" = 1 ] && echo "raw GUI cds: ${GUI_CDS[*]} | no cds: ${GUI_NO[*]}"
exit 0
