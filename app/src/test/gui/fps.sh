#!/bin/sh
# Pan/zoom frame rate and time to the first frame of the inspector window (issue 6's speed targets), under
# Xvfb with JavaFX's software renderer, as on a machine without a GPU. A benchmark: it prints numbers and
# fails only when the window cannot be shown. BENCHMARKS.md has the method and the results.
# Usage: app/src/test/gui/fps.sh [HOST [SECONDS]]   HOST: demo, big:N (default big:4096) or a directory
# Environment: FPS_JAVA_OPTS (JVM options, e.g. -XX:TieredStopAtLevel=1 -Dvfio.timing=true),
# FPS_ARGS=first-frame (stop after the time to the first frame), FPS_CLASSES=DIR (the app's main classes from DIR,
# e.g. a copy of app/target/classes of an earlier commit, with this tree's FpsMain: paired A/B runs).
# The big host is written once to $TMPDIR/vfio-big-N; delete it to regenerate.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=$(cd "$here/../../.." && pwd)
repo=$(cd "$app/.." && pwd)
host=${1:-big:4096}
seconds=${2:-5}

cd "$repo"
# one reactor run: the core module's classes resolve from the reactor, not from ~/.m2 (a fresh clone has
# not installed them); each module writes its own target/test-classpath.txt
mvn -q -o -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null 2>&1 \
    || mvn -q -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="$app/target/test-classes:${FPS_CLASSES:-$app/target/classes}:$repo/core/target/classes:$repo/core/target/test-classes"
fxpath=""
for jar in $(tr ':' '\n' < "$app/target/test-classpath.txt"); do
  case "$jar" in
    */org/openjfx/*-linux.jar) fxpath="$fxpath${fxpath:+:}$jar" ;;
    */org/openjfx/*) ;;
    */vfio-inspector-core-*) ;;
    *) cp="$cp:$jar" ;;
  esac
done
echo "fps.sh: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
xvfb-run -a -s "-screen 0 1920x1200x24" java ${FPS_JAVA_OPTS:-} -Dprism.order=sw \
  --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
  --add-exports javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED \
  -cp "$cp" org.vfioinspector.app.gui.FpsMain "$host" "seconds=$seconds" ${FPS_ARGS:-}
