#!/bin/sh
# Renders the inspector window to PNG under Xvfb so anyone can look at it:
#   demo.png           the demo server, the NVMe behind the switch without ACS found by search
#                      (blast radius highlighted); the README's screenshot-demo.png is this one
#   demo-gpu.png       the GPU a VM holds
#   demo-overview.png  the demo as it opens, nothing selected
#   demo-dark.png      the same NVMe in the dark theme
#   demo-sriov.png     the SR-IOV NIC, its VFs collapsed into "N VFs"
#   demo-collapsed.png both switches folded into "N functions below", the root port above one selected
#                      (its blast radius marks the fold)
#   big-4096.png       a generated 4,096-function host as it opens
#   big-4096-zoom.png  the same host after a search (zoomed in on the match)
#   wizard/*.png       every step of the reset wizard on a fixture host (WizardScreenshots), also its
#                      blocked, differing, failed, pkexec-less and FLR pages
# Usage: app/src/test/gui/render-screenshots.sh [OUTDIR]   (default app/target/screenshots)
# Needs xvfb-run (apt-get install xvfb xauth fonts-dejavu-core). The big host is written once to
# $TMPDIR/vfio-big-4096 (about a minute); delete it to regenerate.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=$(cd "$here/../../.." && pwd)
repo=$(cd "$app/.." && pwd)
out=${1:-$app/target/screenshots}
mkdir -p "$out"

cd "$repo"
# one reactor run: the core module's classes resolve from the reactor, not from ~/.m2 (a fresh clone has
# not installed them); each module writes its own target/test-classpath.txt
mvn -q -pl app -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="$app/target/test-classes:$app/target/classes:$repo/core/target/classes:$repo/core/target/test-classes"
fxpath=""
for jar in $(tr ':' '\n' < "$app/target/test-classpath.txt"); do
  case "$jar" in
    */org/openjfx/*-linux.jar) fxpath="$fxpath${fxpath:+:}$jar" ;;
    */org/openjfx/*) ;;                                  # empty placeholder jars
    */vfio-inspector-core-*) ;;                          # use the reactor's classes above
    *) cp="$cp:$jar" ;;
  esac
done

shot() {
  xvfb-run -a -s "-screen 0 1920x1200x24" java -Dprism.order=sw \
    --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
    -cp "$cp" org.vfioinspector.app.gui.ScreenshotMain "$@"
}

shot "$out/demo.png" demo search=0000:08:00.0 size=1600x1000
shot "$out/demo-gpu.png" demo search=0000:04:00.0 size=1600x1000
[ -n "${ONLY_DEMO:-}" ] && exit 0
shot "$out/demo-overview.png" demo size=1600x1000
shot "$out/demo-dark.png" demo search=0000:08:00.0 dark size=1600x1000
shot "$out/demo-sriov.png" demo search=0001:01:00.0 size=1600x1000
shot "$out/demo-collapsed.png" demo collapse=0000:02:00.0,0000:06:00.0 select=0000:00:02.0 size=1600x1000
shot "$out/big-4096.png" big:4096 size=1600x1000
shot "$out/big-4096-zoom.png" big:4096 search=0002:a3:00.0 size=1600x1000
xvfb-run -a -s "-screen 0 1920x1200x24" java -Dprism.order=sw \
  --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
  -cp "$cp" org.vfioinspector.app.gui.wizard.WizardScreenshots "$out/wizard"
echo "screenshots in $out"
