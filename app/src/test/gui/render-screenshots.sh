#!/bin/sh
# Renders the inspector window to PNG under Xvfb so anyone can look at it:
#   demo.png           the demo server, the NVMe behind the switch without ACS found by search
#                      (blast radius highlighted); the README's screenshot-demo.png is this one
#   demo-gpu.png       the GPU a VM holds
#   demo-overview.png  the demo as it opens, nothing selected
#   demo-dark.png      the same NVMe in the dark theme
#   demo-sriov.png     the SR-IOV NIC, its VFs collapsed into "N VFs"
#   demo-collapsed.png both switches folded into "N functions below", the upper one selected: its hot reset (a bus
#                      reset by the root port above it) reaches every function folded into it, which the fold marks
#   big-4096.png       a generated 4,096-function host as it opens
#   big-4096-zoom.png  the same host after a search (zoomed in on the match)
#   matrix/HOST-WxH-THEME.png  the demo, the real ThinkPad and two-socket server captures and the
#                      generated 4,096-function host, each at 1600x1000 and 1280x800, light and dark
#                      (MATRIX=0 skips them)
#   live.png           the machine this runs on, read only (on a VM without an IOMMU: the banner)
#   wizard-dark/*.png  the wizard over the dark window
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
shot "$out/demo-collapsed.png" demo collapse=0000:02:00.0,0000:06:00.0 select=0000:02:00.0 size=1600x1000
shot "$out/big-4096.png" big:4096 size=1600x1000
shot "$out/big-4096-zoom.png" big:4096 search=0002:a3:00.0 size=1600x1000
shot "$out/live.png" live size=1280x800
if [ "${MATRIX:-1}" != 0 ]; then
  # the real captures (tar archives of /sys and /proc, see core/src/test/resources/fixtures/real), unpacked once
  tmp=${TMPDIR:-/tmp}
  fixtures="$repo/core/src/test/resources/fixtures/real"
  if [ ! -d "$tmp/vfio-thinkpad/sys" ]; then
    mkdir -p "$tmp/vfio-thinkpad" && tar xzf "$fixtures/thinkpad-x1-carbon-gen10.tar.gz" -C "$tmp/vfio-thinkpad" 2>/dev/null || true
  fi
  if [ ! -d "$tmp/vfio-server/sys" ]; then
    mkdir -p "$tmp/vfio-server" && tar xjf "$fixtures/32em64t-2n8c+dax+nvme+mic+dimms.tar.bz2" -C "$tmp/vfio-server" \
      --strip-components=1 2>/dev/null || true
  fi
  mkdir -p "$out/matrix"
  for size in 1600x1000 1280x800; do
    for theme in light dark; do
      d=""; [ "$theme" = dark ] && d=dark
      shot "$out/matrix/demo-$size-$theme.png" demo search=0000:04:00.0 $d size=$size
      [ -d "$tmp/vfio-thinkpad/sys" ] && shot "$out/matrix/thinkpad-$size-$theme.png" "$tmp/vfio-thinkpad" \
        search=0000:04:00.0 $d size=$size
      [ -d "$tmp/vfio-server/sys" ] && shot "$out/matrix/server-$size-$theme.png" "$tmp/vfio-server" $d size=$size
      shot "$out/matrix/big-4096-$size-$theme.png" big:4096 $d size=$size
    done
  done
fi
xvfb-run -a -s "-screen 0 1920x1200x24" java -Dprism.order=sw \
  --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
  -cp "$cp" org.vfioinspector.app.gui.wizard.WizardScreenshots "$out/wizard"
xvfb-run -a -s "-screen 0 1920x1200x24" java -Dprism.order=sw \
  --module-path "$fxpath" --add-modules javafx.controls,javafx.swing \
  -cp "$cp" org.vfioinspector.app.gui.wizard.WizardScreenshots "$out/wizard-dark" dark
echo "screenshots in $out"
