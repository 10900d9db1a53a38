#!/usr/bin/env bash
# Time to the first frame that shows the graph, of the real program as a user starts it (issue 6:
# ≤ 2.5 s for 4,096 functions on two cores with software rendering).
#
#   packaging/bench-first-frame.sh [LAUNCHER] [HOST] [RUNS]
#
#   LAUNCHER  the installed launcher (default /usr/lib/vfio-inspector/bin/vfio-inspector), an app image's
#             bin/vfio-inspector, or "jar" for java -jar app/target/vfio-inspector.jar
#   HOST      a sysfs-like directory (--root), "demo", or big:N for a generated N-function host
#             (default big:4096, written once to $TMPDIR/vfio-big-N by the app's test class Hosts)
#   RUNS      starts to time (default 7); the first, which warms the page cache, is not counted
#
# Run as root, it starts the program as nobody (BENCH_AS_ROOT=1: as root), with a runtime directory in
# /dev/shm as a desktop session has (BENCH_NO_RUNTIME_DIR=1: none).
# Each run starts the program under Xvfb with the software renderer and JAVA_TOOL_OPTIONS asking the
# window's probe (gui.startup.FirstFrame, -Dvfio.timing=true) to print the start-up timeline and to exit at
# the first frame rendered after the graph entered the scene (BENCH_JAVA_OPTS adds JVM options). Prints the timeline of the median run,
# then min / median / max from process start (wall clock) and the CPU time the process had used.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
L=${1:-/usr/lib/vfio-inspector/bin/vfio-inspector}
HOST=${2:-big:4096}
RUNS=${3:-7}
W=$(mktemp -d)
RUNDIR=""
trap 'rm -rf "$W" ${RUNDIR:+"$RUNDIR"}' EXIT

case "$HOST" in
    demo) ARGS=(--demo) ;;
    big:*)
        N=${HOST#big:}
        DIR=${TMPDIR:-/tmp}/vfio-big-$N
        if [ ! -d "$DIR" ]; then
            (cd "$REPO" && { mvn -q -o -pl app -am test-compile -DskipTests >/dev/null 2>&1 \
                || mvn -q -pl app -am test-compile -DskipTests; })
            java -cp "$REPO/app/target/test-classes:$REPO/core/target/test-classes:$REPO/core/target/classes" \
                org.vfioinspector.app.gui.Hosts "$N" "$DIR"
        fi
        ARGS=(--root "$DIR") ;;
    *) ARGS=(--root "$HOST") ;;
esac
if [ "$L" = jar ]; then
    CMD=(java -jar "$REPO/app/target/vfio-inspector.jar")
else
    [ -x "$L" ] || { echo "bench-first-frame.sh: no launcher at $L" >&2; exit 2; }
    CMD=("$L")
fi

# A desktop user starts the window, not root (the launcher treats root differently: see launcher.sh), so
# a root caller runs it as nobody, on an X server without access control (-ac) for that user to reach.
AS_USER=()
if [ "$(id -u)" = 0 ] && [ "${BENCH_AS_ROOT:-0}" != 1 ]; then
    AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups env)
    # with a runtime directory of that user's in memory, as logind makes one for a desktop session (the demo
    # unpacks there); BENCH_NO_RUNTIME_DIR=1: none, as under sudo
    if [ "${BENCH_NO_RUNTIME_DIR:-0}" != 1 ]; then
        RUNDIR=$(mktemp -d /dev/shm/vfio-bench-run-XXXXXX)
        chown 65534:65534 "$RUNDIR"
        AS_USER+=(XDG_RUNTIME_DIR="$RUNDIR")
    else
        AS_USER+=(-u XDG_RUNTIME_DIR)
    fi
    AS_USER+=(HOME=/tmp)
fi
# JavaFX's software renderer, as on a machine without a GPU; BENCH_PRISM=auto leaves the choice to
# JavaFX, which there first tries (and rejects) OpenGL through Mesa's llvmpipe
PRISM="-Dprism.order=sw"
[ "${BENCH_PRISM:-sw}" = auto ] && PRISM=""
PROBE="${BENCH_JAVA_OPTS:-} -Dvfio.timing=true -Dvfio.timing.exit=true $PRISM --add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED"
echo "bench-first-frame: ${CMD[*]} ${ARGS[*]} (as $([ ${#AS_USER[@]} -gt 0 ] && echo nobody || id -un)); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

results=()
for i in $(seq 0 "$RUNS"); do
    log="$W/run-$i.log"
    # /usr/bin/time: wall clock and CPU (user + sys, all threads) of the whole process until it exits
    # at the first graph frame
    env JAVA_TOOL_OPTIONS="$PROBE" xvfb-run -a -s "-screen 0 1920x1200x24 -ac" \
        /usr/bin/time -f "bench wall %e cpu %U %S" "${AS_USER[@]}" "${CMD[@]}" "${ARGS[@]}" >"$log" 2>&1 || true
    ff=$(sed -n 's/^timing *\([0-9]*\) ms  first frame with the graph.*/\1/p' "$log")
    t=$(sed -n 's/^bench wall \([0-9.]*\) cpu \([0-9.]*\) \([0-9.]*\)$/\1 \2 \3/p' "$log")
    if [ -z "$ff" ] || [ -z "$t" ]; then
        echo "run $i: no first frame; its output:" >&2
        tail -20 "$log" >&2
        exit 1
    fi
    read -r wall user sys <<<"$t"
    line=$(awk -v ff="$ff" -v w="$wall" -v u="$user" -v s="$sys" -v i="$i" \
        'BEGIN { printf "%d %d %d %d", ff, w * 1000, (u + s) * 1000, i }')
    echo "run $i: first graph frame ${ff} ms after JVM start; process ${wall}s wall, $(echo "$line" | cut -d' ' -f3) ms CPU"
    [ "$i" -gt 0 ] && results+=("$line")
done

stats() {  # min / median / max of field $1
    printf '%s\n' "${results[@]}" | awk -v f="$1" '{print $f}' | sort -n \
        | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}'
}
median_run=$(printf '%s\n' "${results[@]}" | sort -n -k2 | awk -v n="${#results[@]}" 'NR == int((n+1)/2) {print $4}')
echo
echo "timeline of the median run ($median_run):"
grep -E '^(timing|thread)' "$W/run-$median_run.log" | sed 's/^/  /'
echo
echo "first graph frame, ms after JVM start (min / median / max): $(stats 1)"
echo "process start to exit at that frame, ms:                   $(stats 2)"
echo "CPU time by then (user + sys), ms:                         $(stats 3)"
