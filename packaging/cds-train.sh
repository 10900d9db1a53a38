#!/usr/bin/env bash
# Trains the AppCDS class list for a jpackage app image:
#
#   packaging/cds-train.sh IMAGE_DIR WORK_DIR [GUI=1]
#
# Runs the image's own launcher with -XX:DumpLoadedClassList for a few CLI commands and, when
# Xvfb and xdotool are present, for the GUI until its window is up, and merges the class lists
# into IMAGE_DIR/lib/app/vfio-inspector.classlist. It then proves the list dumps and maps
# (-Xshare:dump, then -Xshare:on) and removes that trial archive again.
#
# Why the package ships the class list and the postinst dumps the archive (JDK 17): a static
# archive records the absolute path and mtime of every class-path jar, and JDK 17 refuses it
# when the jars are elsewhere (tested: "APP classpath mismatch" after moving the image) or
# newer (jpackage's copy into the .deb resets mtimes). Dumping on the installed files avoids
# both. Static rather than dynamic (-XX:ArchiveClassesAtExit): several training runs can be
# merged, the GUI run can simply be killed, and the jlinked runtime needs no base archive.
set -euo pipefail

# shellcheck source=packaging/train-window.sh
. "$(dirname "$0")/train-window.sh"
train_args cds-train "$@"   # IMAGE, W, GUI, NAME, LAUNCHER, log()
JSA="$IMAGE/lib/app/$NAME.jsa"
CLASSLIST="$IMAGE/lib/app/$NAME.classlist"

n=0
train_cli() {
    n=$((n + 1))
    # Failing commands are fine here: they still load the classes of their code path.
    JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$W/cli-$n.classlist" \
        timeout 60 "$LAUNCHER" "$@" >"$W/cli-$n.out" 2>&1 || true
}

log "training: CLI"
train_cli --demo tree
train_cli --demo tree --json
train_cli --demo groups --json
train_cli --help
# Any device exercises the show/blast code paths; take the last one of the demo tree.
BDF=$(grep -o '"address" *: *"[0-9a-f:.]*"' "$W/cli-2.out" 2>/dev/null | tail -1 | cut -d'"' -f4 || true)
if [ -n "$BDF" ]; then
    train_cli --demo show "$BDF"
    train_cli --demo blast "$BDF" --json
fi

if [ "$GUI" = 1 ] && command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    log "training: GUI under Xvfb"
    train_window "-XX:DumpLoadedClassList=$W/gui.classlist" \
        || log "  WARNING: no GUI window within 90 s; the archive covers the CLI only (see $W/gui.out)"
else
    log "training: GUI skipped (needs Xvfb and xdotool); the archive covers the CLI only"
fi

# Lambda-proxy entries are dropped: merged from several runs they crash the JDK 17 dump
# (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary).
# Builtin-loader entries carry no ids, so the lists can be concatenated; keep the first of
# each line so the order of the first run (start-up path) is preserved.
# JDK 21+ numbers every class ("java/lang/Object id: 0") and each run numbers them anew: the ids
# are dropped (they matter only for classes of custom loaders, "source:", which we have none of).
cat "$W"/*.classlist | grep -v "^@lambda-proxy" | grep -v " source: " | sed -E 's/ id: [0-9]+$//' \
    | awk '!seen[$0]++' > "$CLASSLIST"
log "class list: $(grep -vc '^[#@]' "$CLASSLIST") classes -> $CLASSLIST"

# The same dump the postinst runs (lib/system/... is not involved), then a run that must map it.
rm -f "$JSA"
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$CLASSLIST -XX:SharedArchiveFile=$JSA" \
    timeout 300 "$LAUNCHER" --help >"$W/dump.log" 2>&1 || true
[ -s "$JSA" ] || { cat "$W/dump.log" >&2; echo "cds-train.sh: the CDS dump failed" >&2; exit 1; }
log "trial archive: $(du -h "$JSA" | cut -f1)"
if ! JAVA_TOOL_OPTIONS="-Xshare:on -XX:SharedArchiveFile=$JSA" "$LAUNCHER" --help >"$W/map.log" 2>&1; then
    cat "$W/map.log" >&2; echo "cds-train.sh: the trial archive does not map" >&2; exit 1
fi
rm -f "$JSA"
