#!/usr/bin/env bash
# Paired start-up comparison of several app images (e.g. the JDK 17 + AppCDS runtime against a JDK 25
# runtime with an AOT cache), as a desktop user (nobody when run as root).
#
#   packaging/bench-variants.sh RUNS TREE LAUNCHER...
#
# Each round runs every command once on every launcher, in turn, so background load hits all alike:
# `--demo tree`, `--root TREE tree`, `--root TREE blast BDF` (the last function of the tree) and, for
# reference, HWLOC_FSROOT=TREE lstopo-no-graphics --whole-io. /usr/bin/time gives wall, CPU (user+sys)
# and peak RSS; prints the medians (peak RSS: the largest seen) as a Markdown table.
set -euo pipefail
RUNS=$1 TREE=$2; shift 2
LAUNCHERS=("$@")
AS_USER=()
[ "$(id -u)" != 0 ] || AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
BDF=$("${LAUNCHERS[0]}" --root "$TREE" tree --json 2>/dev/null | grep -o '"address" *: *"[0-9a-f:.]*"' | tail -1 | cut -d'"' -f4)
[ -n "$BDF" ] || { echo "bench-variants.sh: no function in $TREE" >&2; exit 1; }
one() {  # one() KEY CMD... : appends "wall cpu rss" to $W/KEY
    local key=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$W/t" "$@" >/dev/null 2>"$W/err" || true
    # anything on stderr is shown (a JVM warning the user would see); blast's verdict may exit non-zero
    [ ! -s "$W/err" ] || case "$1" in env) ;; *) { echo "stderr of $*:" >&2; head -3 "$W/err" >&2; } ;; esac
    tail -1 "$W/t" | awk '{printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4 / 1024}' >> "$W/$key"
}
for r in $(seq 0 "$RUNS"); do
    for i in "${!LAUNCHERS[@]}"; do
        L=${LAUNCHERS[$i]}
        one "$i-demo" "${AS_USER[@]}" "$L" --demo tree
        one "$i-tree" "${AS_USER[@]}" "$L" --root "$TREE" tree
        one "$i-blast" "${AS_USER[@]}" "$L" --root "$TREE" blast "$BDF" || true
    done
    one lstopo env HWLOC_FSROOT="$TREE" lstopo-no-graphics --whole-io
    if [ "$r" = 0 ]; then rm -f "$W"/[0-9]*-* "$W/lstopo"; fi   # round 0 warms the page cache
done
med() { sort -n -k"$1" "$2" | awk -v f="$1" '{a[NR]=$f} END {print a[int((NR+1)/2)]}'; }
maxrss() { sort -n -k3 "$1" | tail -1 | awk '{print $3}'; }
echo "$RUNS rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), tree $TREE, blast $BDF"
echo
echo "| launcher | command | wall median (ms) | CPU median (ms) | peak RSS (MB) |"
echo "|---|---|---:|---:|---:|"
for i in "${!LAUNCHERS[@]}"; do
    for c in demo tree blast; do
        echo "| ${LAUNCHERS[$i]} | $c | $(med 1 "$W/$i-$c") | $(med 2 "$W/$i-$c") | $(maxrss "$W/$i-$c") |"
    done
done
echo "| lstopo-no-graphics --whole-io | tree | $(med 1 "$W/lstopo") | $(med 2 "$W/lstopo") | $(maxrss "$W/lstopo") |"
