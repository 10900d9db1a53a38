#!/usr/bin/env bash
# Start-up time of an installed (or app-image) launcher with and without its AppCDS archive.
#
#   packaging/bench-startup.sh [LAUNCHER=/usr/lib/vfio-inspector/bin/vfio-inspector] [RUNS=5]
#
# CLI: wall time of `LAUNCHER --demo tree` (process start to exit), and the CPU time (user+sys,
#      all threads) it used.
# GUI: process start until a visible window named "VFIO Inspector" exists on an Xvfb display,
#      polled with xdotool every 20 ms (the window maps when the first frame is shown), and the
#      CPU time the process had used by then (/proc/PID/stat).
# CPU time is the figure to compare on a busy machine: wall time there mostly measures waiting
# for a core.
# "no CDS" = _JAVA_OPTIONS=-Xshare:off, which the JVM applies after the launcher's own options;
# the jlinked runtime has no default CDS archive, so this is the image without any archive.
# Variants are interleaved so that background load hits both alike. Prints a Markdown table.
set -euo pipefail

L=${1:-/usr/lib/vfio-inspector/bin/vfio-inspector}
RUNS=${2:-5}
W=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$W"' EXIT
XVFB=""

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
variant_env() { if [ "$1" = cds ]; then echo "_BENCH=1"; else echo "_JAVA_OPTIONS=-Xshare:off"; fi; }

cli_run() {  # prints "wall_ms cpu_ms"
    local TIMEFORMAT='%3R %3U %3S' t
    t=$( { time env "$(variant_env "$1")" "$L" --demo tree >/dev/null 2>&1; } 2>&1 )
    echo "$t" | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}

cpu_ms() {  # utime + stime of a live process, in ms
    awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz)}' "/proc/$1/stat"
}

gui_run() {  # prints "wall_ms cpu_ms" at the moment the window is visible
    local t0 t1 app cpu
    t0=$(now_ms)
    env "$(variant_env "$1")" "$L" --demo >/dev/null 2>&1 &   # env execs: $! is the JVM
    app=$!
    t1=""
    for _ in $(seq 3000); do
        if xdotool search --onlyvisible --name "VFIO Inspector" >/dev/null 2>&1; then
            t1=$(now_ms); cpu=$(cpu_ms "$app"); break
        fi
        sleep 0.02
    done
    kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
    [ -n "$t1" ] && echo "$(( t1 - t0 )) $cpu" || echo "999999 999999"
}

stats() {  # min / median / max of field $1 of the "wall cpu" pairs given
    local f=$1; shift
    printf '%s\n' "$@" | awk -v f="$f" '{print $f}' | sort -n \
        | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}'
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
echo "| CLI \`--demo tree\`: wall, start to exit | $(stats 1 "${CLI_CDS[@]}") | $(stats 1 "${CLI_NO[@]}") |"
echo "| CLI \`--demo tree\`: CPU time used | $(stats 2 "${CLI_CDS[@]}") | $(stats 2 "${CLI_NO[@]}") |"
if [ "$HAVE_GUI" = 1 ]; then
    echo "| GUI \`--demo\`: wall, start to visible window (Xvfb) | $(stats 1 "${GUI_CDS[@]}") | $(stats 1 "${GUI_NO[@]}") |"
    echo "| GUI \`--demo\`: CPU time used until the window is visible | $(stats 2 "${GUI_CDS[@]}") | $(stats 2 "${GUI_NO[@]}") |"
fi
echo
echo "raw \"wall cpu\" CLI cds: ${CLI_CDS[*]// /,} | no cds: ${CLI_NO[*]// /,}"
[ "$HAVE_GUI" = 1 ] && echo "raw \"wall cpu\" GUI cds: ${GUI_CDS[*]// /,} | no cds: ${GUI_NO[*]// /,}"
exit 0
