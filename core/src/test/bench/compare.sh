#!/usr/bin/env bash
# End-to-end comparison of `vfio-inspector --root TREE tree` with `lspci -tv` and `lstopo-no-graphics`
# on the same synthetic sysfs trees (see BENCHMARKS.md).
#
#   core/src/test/bench/compare.sh [FUNCTIONS...]      default: 256 1024 4096 16384
#
# Environment: RUNS (alternating rounds, default 7), SEED (default 20251124, as the JMH benchmarks),
# BENCH_TREES (where trees are written; default tmpfs /dev/shm/vfio-inspector-bench), OUT (results,
# default core/target/bench), HYPERFINE=0 to skip the hyperfine cross-check,
# JAVA (the java to run the jar with, default `java` on PATH), JAR (another build's jar, e.g. a copy of
# app/target with its lib/, for a before/after pair; not rebuilt), LAUNCHER (an installed launcher, e.g.
# /usr/lib/vfio-inspector/bin/vfio-inspector or an app image's bin/vfio-inspector: the cli rows run it instead
# of `java -jar`, without the AppCDS variants, which the launcher has its own way of), JDK25 (a JDK home
# whose java runs the jar in an extra row cli-jdk25; default /usr/lib/jvm/temurin-25-jdk-amd64 when it
# exists; JDK25=none leaves the row out).
#
# Every round runs each command once, in turn (cli, cli+AppCDS, cli+AppCDS+C1/SerialGC, [cli-jdk25,] lspci,
# lstopo, then blast and lspci -vv on one function), so that load from other processes hits all of them alike.
# /usr/bin/time gives wall time, CPU time (user+sys) and peak RSS of each run; the tables have medians (peak
# RSS: the largest seen). The blast pair: `vfio-inspector --root TREE blast BDF` against
# `lspci -A linux-sysfs -O sysfs.path=TREE/sys/bus/pci -s BDF -vv`, BDF the first SR-IOV PF (by address)
# that sits below a switch (an endpoint three bridges down or more), else the first function with VFs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
RUNS=${RUNS:-7}
SEED=${SEED:-20251124}
OUT=${OUT:-$ROOT/core/target/bench}
if [ -z "${BENCH_TREES:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_TREES=/dev/shm/vfio-inspector-bench; else BENCH_TREES=${TMPDIR:-/tmp}/vfio-inspector-bench; fi
fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(256 1024 4096 16384)
JAVA=${JAVA:-java}
BUILD_JAR=$ROOT/app/target/vfio-inspector.jar
JAR=${JAR:-$BUILD_JAR}
LAUNCHER=${LAUNCHER:-}
if [ -z "${JDK25:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then JDK25=/usr/lib/jvm/temurin-25-jdk-amd64; fi
[ "${JDK25:-none}" = none ] && JDK25=
TIME=/usr/bin/time

die() { echo "compare.sh: $*" >&2; exit 1; }
for tool in "$JAVA" lspci lstopo-no-graphics; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install pciutils hwloc, and a JDK 17)"
done
[ -x "$TIME" ] || die "/usr/bin/time is missing (apt-get install time)"
[ -z "$LAUNCHER" ] || [ -x "$LAUNCHER" ] || die "LAUNCHER=$LAUNCHER is not an executable"

mkdir -p "$OUT" "$BENCH_TREES"
# (re)build the jar when it is missing or older than a main source of core or app (only this tree's own jar)
if [ "$JAR" = "$BUILD_JAR" ] && { [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/core/src/main" "$ROOT/app/src/main" -newer "$JAR" -type f -print -quit)" ]; }; then
  echo "building $JAR" >&2
  (cd "$ROOT" && mvn -q -DskipTests package)
fi
[ -f "$JAR" ] || die "no jar at $JAR"
if [ ! -f "$ROOT/core/target/test-classes/org/vfioinspector/core/bench/SyntheticHost.class" ]; then
  echo "compiling the tree generator" >&2
  (cd "$ROOT" && mvn -q -pl core test-compile)
fi
GEN_CP=$ROOT/core/target/test-classes:$ROOT/core/target/classes

tree_for() { # the tree of $1 functions, written once (same layout as BenchTrees.cached)
  local dir=$BENCH_TREES/$1-$SEED
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    java -cp "$GEN_CP" org.vfioinspector.core.bench.SyntheticHost "$dir" "$1" "$SEED" >&2
    echo ok > "$dir/.complete"
  fi
  echo "$dir"
}

# AppCDS: a dynamic archive of the classes one `tree` run loads (JDK 13+), made once per jar and java.
NAMES=(cli)
if [ -z "$LAUNCHER" ]; then
  JSA=$OUT/vfio-inspector-cli-$(echo "$JAR $("$JAVA" -version 2>&1 | head -1)" | cksum | cut -d' ' -f1).jsa
  if [ ! -f "$JSA" ] || [ "$JAR" -nt "$JSA" ]; then
    "$JAVA" -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" --root "$(tree_for "${SIZES[0]}")" tree >/dev/null 2>"$OUT/cds-dump.log" \
      || die "could not write the CDS archive (see $OUT/cds-dump.log)"
  fi
  NAMES+=(cli-cds cli-cds-c1)
fi
[ -z "$JDK25" ] || NAMES+=(cli-jdk25)
NAMES+=(lspci lstopo)
BLAST_NAMES=(blast lspci-vv)

# the function of the blast pair (see the header)
blast_bdf() {
  local tree=$1 d first="" depth
  for d in "$tree"/sys/bus/pci/devices/*; do
    [ -e "$d/virtfn0" ] || continue
    [ -n "$first" ] || first=$(basename "$d")
    depth=$(readlink -f "$d" | tr '/' '\n' | grep -cE '^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$')
    if [ "$depth" -ge 4 ]; then basename "$d"; return; fi
  done
  echo "$first"
}

# the command under test
if [ -n "$LAUNCHER" ]; then CLI=("$LAUNCHER"); else CLI=("$JAVA" -jar "$JAR"); fi

run_one() { # name tree [bdf] → prints "wall user sys maxrss_kb"
  local name=$1 tree=$2 bdf=${3:-} f
  f=$(mktemp)
  case $name in
    cli)        $TIME -o "$f" -f "%e %U %S %M" "${CLI[@]}" --root "$tree" tree >/dev/null 2>&1 ;;
    cli-cds)    $TIME -o "$f" -f "%e %U %S %M" "$JAVA" -XX:SharedArchiveFile="$JSA" -jar "$JAR" --root "$tree" tree >/dev/null 2>&1 ;;
    cli-cds-c1) $TIME -o "$f" -f "%e %U %S %M" "$JAVA" -XX:SharedArchiveFile="$JSA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
                  -jar "$JAR" --root "$tree" tree >/dev/null 2>&1 ;;
    cli-jdk25)  $TIME -o "$f" -f "%e %U %S %M" "$JDK25/bin/java" -jar "$JAR" --root "$tree" tree >/dev/null 2>&1 ;;
    lspci)      $TIME -o "$f" -f "%e %U %S %M" lspci -A linux-sysfs -O sysfs.path="$tree/sys/bus/pci" -tv >/dev/null 2>&1 ;;
    lstopo)     HWLOC_FSROOT=$tree $TIME -o "$f" -f "%e %U %S %M" lstopo-no-graphics --whole-io >/dev/null 2>&1 ;;
    blast)      $TIME -o "$f" -f "%e %U %S %M" "${CLI[@]}" --root "$tree" blast "$bdf" >/dev/null 2>&1 ;;
    lspci-vv)   $TIME -o "$f" -f "%e %U %S %M" lspci -A linux-sysfs -O sysfs.path="$tree/sys/bus/pci" -s "$bdf" -vv >/dev/null 2>&1 ;;
  esac || true # blast exits with its verdict's code; /usr/bin/time's last line is the measurement all the same
  tail -1 "$f"
  rm -f "$f"
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }

REPORT=$OUT/compare.md
{
  echo "## CLI \`tree\` vs lspci -tv vs lstopo-no-graphics --whole-io"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)), $("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS alternating rounds"
  echo
  echo "cli: ${LAUNCHER:-$JAVA -jar $JAR}${JDK25:+; cli-jdk25: $JDK25/bin/java -jar $JAR}"
  echo
  echo "| functions | command | wall median (s) | CPU median (s) | peak RSS (MB) | wall / lstopo | CPU / lstopo |"
  echo "|---:|---|---:|---:|---:|---:|---:|"
} > "$REPORT"
BLAST_REPORT=$OUT/compare-blast.md
{
  echo
  echo "### \`blast BDF\` vs lspci -s BDF -vv"
  echo
  echo "| functions | BDF | command | wall median (s) | CPU median (s) | peak RSS (MB) | wall / lspci -vv | CPU / lspci -vv |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|"
} > "$BLAST_REPORT"

for n in "${SIZES[@]}"; do
  tree=$(tree_for "$n")
  raw=$OUT/compare-$n.raw
  : > "$raw"
  bdf=$(blast_bdf "$tree")
  [ -n "$bdf" ] || die "$tree has no function with VFs for the blast pair"
  for name in "${NAMES[@]}" "${BLAST_NAMES[@]}"; do run_one "$name" "$tree" "$bdf" >/dev/null; done   # warm the page cache and the CDS archive
  for ((r = 1; r <= RUNS; r++)); do
    for name in "${NAMES[@]}" "${BLAST_NAMES[@]}"; do
      echo "$name $(run_one "$name" "$tree" "$bdf")" >> "$raw"
    done
  done
  declare -A WALL CPU RSS
  for name in "${NAMES[@]}" "${BLAST_NAMES[@]}"; do
    WALL[$name]=$(awk -v n="$name" '$1 == n {print $2}' "$raw" | median)
    CPU[$name]=$(awk -v n="$name" '$1 == n {print $3 + $4}' "$raw" | median)
    RSS[$name]=$(awk -v n="$name" '$1 == n {print $5}' "$raw" | sort -g | tail -1)
  done
  for name in "${NAMES[@]}"; do
    awk -v n="$n" -v name="$name" -v w="${WALL[$name]}" -v c="${CPU[$name]}" -v r="${RSS[$name]}" \
        -v lw="${WALL[lstopo]}" -v lc="${CPU[lstopo]}" 'BEGIN {
      printf "| %d | %s | %.3f | %.3f | %.1f | %.2f | %.2f |\n", n, name, w, c, r / 1024, (lw > 0 ? w / lw : 0), (lc > 0 ? c / lc : 0)
    }' >> "$REPORT"
  done
  for name in "${BLAST_NAMES[@]}"; do
    awk -v n="$n" -v bdf="$bdf" -v name="$name" -v w="${WALL[$name]}" -v c="${CPU[$name]}" -v r="${RSS[$name]}" \
        -v lw="${WALL[lspci-vv]}" -v lc="${CPU[lspci-vv]}" 'BEGIN {
      printf "| %d | %s | %s | %.3f | %.3f | %.1f | %.2f | %.2f |\n", n, bdf, name, w, c, r / 1024, (lw > 0 ? w / lw : 0), (lc > 0 ? c / lc : 0)
    }' >> "$BLAST_REPORT"
  done
  unset WALL CPU RSS
  if [ "${HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null; then
    # a cross-check of the wall times with hyperfine's own statistics (runs each command in a block, not alternating)
    hyperfine -N --warmup 1 --runs "$RUNS" --export-markdown "$OUT/hyperfine-$n.md" \
      -n cli "${LAUNCHER:-$JAVA -jar $JAR} --root $tree tree" \
      -n lspci "lspci -A linux-sysfs -O sysfs.path=$tree/sys/bus/pci -tv" \
      -n lstopo "env HWLOC_FSROOT=$tree lstopo-no-graphics --whole-io" >/dev/null 2>&1 || true
  fi
done

cat "$BLAST_REPORT" >> "$REPORT"
cat "$REPORT"
echo
echo "raw runs: $OUT/compare-*.raw; hyperfine: $OUT/hyperfine-*.md" >&2
