#!/usr/bin/env bash
# Fuzzes each Jazzer target of core for a bounded time, after its regression inputs.
#
#   core/src/test/fuzz/run-fuzz.sh [SECONDS] [Class#method ...]
#
# SECONDS (default 30, or $FUZZ_SECONDS) is per target. With no targets, all of them run. Each
# target runs in its own JVM (Jazzer fuzzes one test per JVM), with a per-input timeout so a hang
# is a finding. A crash or hang input that Jazzer saves is moved into the committed regression
# corpus (core/src/test/resources/fuzz/<Class>Inputs/<method>/), where every later `mvn test`
# replays it; the script then exits 1. The coverage corpus Jazzer grows is kept in
# core/target/fuzz-corpus (not committed). Prints one line per target with its exec count.
set -euo pipefail

core="$(cd "$(dirname "$0")/../../.." && pwd)"
repo="$(cd "$core/.." && pwd)"
seconds="${1:-${FUZZ_SECONDS:-30}}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    ConfigSpaceParserFuzzTest#parse
    SysfsValuesFuzzTest#parsers
    SysfsReaderFuzzTest#scanOneFunction
    PciIdsFuzzTest#parse
    PciIdsFuzzTest#earlierEntriesSurviveAnySuffix
    PciAddressFuzzTest#parse
    PciAddressFuzzTest#formatParsesBack
    KernelCommandLineFuzzTest#parse
    SnapshotReaderFuzzTest#unpackArchiveBytes
    SnapshotReaderFuzzTest#unpackGeneratedEntries
    HostParsersFuzzTest#procTables
    HostParsersFuzzTest#mountLinesRoundTrip
    HostParsersFuzzTest#ipv6Format
  )
fi

# Jazzer writes findings beside the test classes' package in src/test/resources and its growing
# corpus to .cifuzz-corpus in the working directory; both are moved to where this project keeps them.
jazzer_inputs="$core/src/test/resources/org/vfioinspector/core/fuzz"
regression="$core/src/test/resources/fuzz"
kept_corpus="$core/target/fuzz-corpus"
logs="$core/target/fuzz-logs"

cd "$repo"
mvn -q -B -Dstyle.color=never -pl core test-compile
mkdir -p "$logs" "$kept_corpus"

failed=0
summary=()
for target in "${targets[@]}"; do
  class="${target%%#*}"
  method="${target##*#}"
  log="$logs/$class-$method.log"
  # bring back what earlier runs learnt, so repeated runs go deeper
  if [ -d "$kept_corpus/$class/$method" ]; then
    mkdir -p "$core/.cifuzz-corpus/org.vfioinspector.core.fuzz.$class"
    cp -r "$kept_corpus/$class/$method" "$core/.cifuzz-corpus/org.vfioinspector.core.fuzz.$class/"
  fi
  status=0
  # Jazzer turns the JUnit timeout into libFuzzer's per-input -timeout (a slower input is a hang
  # finding); JUnit's own enforcement is off, or it would count the whole campaign as one slow test.
  # The outer timeout only guards against the tooling itself getting stuck.
  JAZZER_FUZZ=1 timeout $((seconds + 600)) mvn -B -Dstyle.color=never -pl core surefire:test \
      -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" -Dtests.outputToFile=false \
      -Djunit.jupiter.execution.timeout.testtemplate.method.default=10s \
      -Djunit.jupiter.execution.timeout.mode=disabled \
      >"$log" 2>&1 || status=$?
  done_line="$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
  runs="$(echo "$done_line" | awk '{print $2}')"
  secs="$(echo "$done_line" | awk '{print $5}')"

  # move findings into the committed regression corpus
  findings=0
  if [ -d "$jazzer_inputs/${class}Inputs/$method" ]; then
    while IFS= read -r -d '' f; do
      mkdir -p "$regression/${class}Inputs/$method"
      mv "$f" "$regression/${class}Inputs/$method/"
      echo "new regression input: $regression/${class}Inputs/$method/$(basename "$f")"
      findings=$((findings + 1))
    done < <(find "$jazzer_inputs/${class}Inputs/$method" -type f -print0)
  fi
  if [ -d "$core/.cifuzz-corpus/org.vfioinspector.core.fuzz.$class/$method" ]; then
    mkdir -p "$kept_corpus/$class"
    rm -rf "$kept_corpus/$class/$method"
    mv "$core/.cifuzz-corpus/org.vfioinspector.core.fuzz.$class/$method" "$kept_corpus/$class/"
  fi

  # one line per target as it ends, so the stage is not silent for minutes
  if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ] || [ -z "$runs" ]; then
    failed=$((failed + 1))
    line="FAIL $target: exit $status, $findings finding(s), runs ${runs:-?} (log: $log)"
    echo "$line"
    grep -aE 'ERROR\]|Exception|==[0-9]+== ERROR|Timeout|timeout' "$log" | head -20 || true
  else
    line="ok   $target: $runs runs in ${secs}s"
    echo "$line"
  fi
  summary+=("$line")
done
rm -rf "$core/.cifuzz-corpus"
# only the empty folders Jazzer made are left there now
if [ -d "$jazzer_inputs" ]; then
  find "$jazzer_inputs" -depth -type d -empty -delete
  rmdir -p "$(dirname "$jazzer_inputs")" 2>/dev/null || true
fi

echo "fuzzing: ${#targets[@]} target(s) of ${seconds}s each; logs in $logs"
echo "fuzz: $(( ${#targets[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
