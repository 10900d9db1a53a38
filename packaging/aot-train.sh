#!/usr/bin/env bash
# Records the AOT configuration (JDK 25, JEP 483/514/515) of a jpackage app image whose runtime is
# JDK 25 or newer:
#
#   packaging/aot-train.sh IMAGE_DIR WORK_DIR [GUI=1]
#
# One training run of the image's own launcher with -XX:AOTMode=record: the window on the demo host
# under Xvfb until the host is shown (when Xvfb and xdotool are there; then SIGTERM, on which the JVM
# still writes the configuration), else the CLI's `--demo tree`. The configuration (the classes loaded
# and linked, and method profiles) goes to IMAGE_DIR/lib/app/vfio-inspector.aotconf. A trial cache is
# then created from it and must map (-XX:AOTMode=on), and is removed again: the postinst creates the
# cache on the installed files, as it dumps the AppCDS archive for a JDK 17 runtime.
#
# One run, not several merged as cds-train.sh does: a JDK 25 AOT configuration is one JVM's record and
# configurations cannot be merged. The window's run loads the most (JavaFX, the CLI's parser, the host
# reading); what it leaves out still loads from the jars as without a cache.
#
# Why create at install rather than ship the cache: the configuration and the cache record the class
# path's jars with their sizes and mtimes. JDK 25 accepts them at another path (tested: the image moved
# with `cp -a`), and dpkg keeps the packaged mtimes, but a changed mtime ("timestamp has changed") makes
# the JVM refuse them. Creating the cache on the installed files by the installed JVM takes that risk
# away; it costs ≈ 10 s of the installation (the configuration, 33 MB, is about as big as the cache).
set -euo pipefail

# shellcheck source=packaging/train-window.sh
. "$(dirname "$0")/train-window.sh"
train_args aot-train "$@"   # IMAGE, W, GUI, NAME, LAUNCHER, log()
CONF="$IMAGE/lib/app/$NAME.aotconf"
AOT="$IMAGE/lib/app/$NAME.aot"

rm -f "$CONF" "$AOT"
RECORD="-XX:AOTMode=record -XX:AOTConfiguration=$CONF"
if [ "$GUI" = 1 ] && command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    log "training: the window on the demo host, under Xvfb"
    train_window "$RECORD" || log "  WARNING: no window within 90 s (see $W/gui.out)"
fi
if [ ! -s "$CONF" ]; then
    log "training: CLI --demo tree"
    JAVA_TOOL_OPTIONS="$RECORD" timeout 120 "$LAUNCHER" --demo tree >"$W/cli.out" 2>&1 || true
fi
[ -s "$CONF" ] || { echo "aot-train.sh: no AOT configuration was recorded" >&2; exit 1; }
log "configuration: $(du -h "$CONF" | cut -f1) -> $CONF"

# The same creation the postinst runs, then a run that must use the cache (AOTMode=on fails otherwise).
JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$CONF -XX:AOTCache=$AOT" \
    timeout 300 "$LAUNCHER" --version >"$W/create.log" 2>&1 || true
[ -s "$AOT" ] || { cat "$W/create.log" >&2; echo "aot-train.sh: creating the AOT cache failed" >&2; exit 1; }
log "trial cache: $(du -h "$AOT" | cut -f1)"
if ! JAVA_TOOL_OPTIONS="-XX:AOTMode=on -XX:AOTCache=$AOT" "$LAUNCHER" --version >"$W/map.log" 2>&1; then
    cat "$W/map.log" >&2; echo "aot-train.sh: the trial AOT cache is not usable" >&2; exit 1
fi
rm -f "$AOT"
