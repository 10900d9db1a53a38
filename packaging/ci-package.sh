#!/usr/bin/env bash
# CI stage for the package (issue 8): build the .deb, install it with apt-get, run the CLI, start
# the GUI under Xvfb and wait for its window, remove the package and check nothing is left.
#
#   packaging/ci-package.sh [--skip-maven] [--deb FILE]
#
#   --skip-maven  reuse app/target from an earlier `mvn package` (passed to build-deb.sh)
#   --deb FILE    test an existing .deb instead of building one
#
# Runs as root (it installs and removes the package). Bounded: the whole stage is given
# CI_PACKAGE_BUDGET seconds (default 360) and every step gets what is left, at most its own cap.
# Logs and a screenshot of the GUI go to out/ci-package/. On failure the package is still removed.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT="$REPO/out"
LOGS="$OUT/ci-package"
NAME=vfio-inspector
BUDGET=${CI_PACKAGE_BUDGET:-360}
BUILD_ARGS=() DEB=""
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-maven) BUILD_ARGS+=(--skip-maven) ;;
        --deb) DEB=$(readlink -f "$2"); shift ;;
        *) echo "ci-package.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

START=$SECONDS
mkdir -p "$LOGS"
log() { printf '[ci-package %3ds] %s\n' "$((SECONDS - START))" "$*"; }
fail() { log "FAIL: $*"; exit 1; }
# Runs a step with `timeout`: min(cap, what is left of the budget).
step() {
    local cap=$1; shift
    local left=$((BUDGET - (SECONDS - START)))
    [ "$left" -gt 5 ] || fail "time budget of ${BUDGET}s used up before: $*"
    [ "$cap" -lt "$left" ] || cap=$left
    timeout --kill-after=10 "$cap" "$@"
}
APT=(apt-get -y -q -o DPkg::Lock::Timeout=120)

[ "$(id -u)" = 0 ] || fail "must run as root (installs and removes the package)"

XVFB="" APP="" INSTALLED=0
cleanup() {
    local rc=$?
    [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
    [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true
    if [ "$INSTALLED" = 1 ]; then
        log "cleanup: removing the package after a failure"
        timeout 120 "${APT[@]}" remove "$NAME" >>"$LOGS/apt-remove.log" 2>&1 || true
    fi
    [ "$rc" = 0 ] && log "PASS (total $((SECONDS - START)) s)" || log "logs: $LOGS"
    exit "$rc"
}
trap cleanup EXIT

# ---- tools ----------------------------------------------------------------------------------
missing=()
for t in Xvfb:xvfb xdotool:xdotool dpkg-deb:dpkg dpkg-shlibdeps:dpkg-dev lintian:lintian; do
    command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    step 180 "${APT[@]}" install "${missing[@]}" >"$LOGS/apt-tools.log" 2>&1 || fail "apt-get install ${missing[*]}"
fi

# ---- build ----------------------------------------------------------------------------------
if [ -z "$DEB" ]; then
    log "building the .deb"
    step "$BUDGET" "$REPO/packaging/build-deb.sh" "${BUILD_ARGS[@]}" >"$LOGS/build.log" 2>&1 \
        || { tail -30 "$LOGS/build.log"; fail "build-deb.sh (log: $LOGS/build.log)"; }
    grep -E 'took|deb:|class list' "$LOGS/build.log" | sed 's/^/    /'
    DEB=$(ls "$OUT/${NAME}_"*.deb)
fi
[ -f "$DEB" ] || fail "no .deb at $DEB"
SIZE=$(stat -c %s "$DEB")
log ".deb: $(basename "$DEB") $SIZE bytes ($((SIZE / 1048576)) MiB)"
[ "$SIZE" -le $((45 * 1048576)) ] || fail ".deb is larger than 45 MiB"
dpkg-deb -f "$DEB" Recommends | grep -qw pkexec || fail "the .deb does not recommend pkexec"
dpkg-deb -c "$DEB" | awk '{print $6}' | grep -qx './opt/' && fail "the .deb ships /opt"

# ---- lintian --------------------------------------------------------------------------------
# Every tag it reports is either fixed or explained in packaging/README.md ("lintian"); the counts
# below must match what that section says, so a new tag fails the stage until it is looked at.
log "lintian"
step 300 lintian --tag-display-limit 0 --display-level '>=warning' "$DEB" >"$LOGS/lintian.txt" 2>&1 || true
E=$(grep -c '^E: ' "$LOGS/lintian.txt" || true)
W=$(grep -c '^W: ' "$LOGS/lintian.txt" || true)
log "  lintian: $E errors, $W warnings (tags: $(sed -n 's/^[EW]: [^ ]*: \([^ ]*\).*/\1/p' "$LOGS/lintian.txt" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'))"
UNEXPLAINED=$(sed -n 's/^[EW]: [^ ]*: \([^ ]*\).*/\1/p' "$LOGS/lintian.txt" | sort -u \
    | while read -r tag; do grep -q "\`$tag\`" "$REPO/packaging/README.md" || echo "$tag"; done)
[ -z "$UNEXPLAINED" ] || { cat "$LOGS/lintian.txt"; fail "lintian tags not explained in packaging/README.md: $UNEXPLAINED"; }

# ---- install --------------------------------------------------------------------------------
status() { dpkg-query -W -f='${db:Status-Status}' "$NAME" 2>/dev/null || true; }
case "$(status)" in
    ""|not-installed|config-files) ;;
    *)
    log "removing a $NAME left installed by an earlier run"
    step 120 "${APT[@]}" remove "$NAME" >"$LOGS/apt-pre-remove.log" 2>&1 || fail "could not remove the old package" ;;
esac
log "apt-get install $(basename "$DEB")"
INSTALLED=1
step 240 "${APT[@]}" install "$DEB" >"$LOGS/apt-install.log" 2>&1 \
    || { tail -20 "$LOGS/apt-install.log"; fail "apt-get install"; }
[ "$(status)" = installed ] || fail "package not configured (dpkg status: $(status))"

[ "$(readlink -f /usr/bin/$NAME)" = "/usr/lib/$NAME/bin/$NAME" ] || fail "/usr/bin/$NAME is not a link to the launcher"
[ "$(command -v $NAME)" = "/usr/bin/$NAME" ] || fail "$NAME is not on PATH"
for f in /usr/share/applications/$NAME.desktop \
         /usr/share/polkit-1/actions/org.vfioinspector.reset.policy \
         /usr/share/icons/hicolor/48x48/apps/$NAME.png \
         /usr/share/icons/hicolor/256x256/apps/$NAME.png \
         /usr/share/man/man1/$NAME.1.gz \
         /usr/share/bash-completion/completions/$NAME \
         /usr/share/doc/$NAME/copyright \
         /usr/share/doc/$NAME/changelog.Debian.gz; do
    [ -s "$f" ] || fail "missing after install: $f"
done
# the fast-start cache the postinst made: an AOT cache for a JDK 25 runtime, else the AppCDS archive
if [ -f /usr/lib/$NAME/lib/app/$NAME.aotconf ]; then
    FAST=aot FAST_CHECK="-XX:AOTMode=on"
else
    FAST=jsa FAST_CHECK="-Xshare:on"
fi
[ -s /usr/lib/$NAME/lib/app/$NAME.$FAST ] || fail "missing after install: /usr/lib/$NAME/lib/app/$NAME.$FAST"
grep -q '^Categories=.*System' /usr/share/applications/$NAME.desktop || fail "desktop entry not in System"
dpkg -S /usr/share/polkit-1/actions/org.vfioinspector.reset.policy >/dev/null 2>&1 || fail "the polkit policy is not dpkg's file"
man -w "$NAME" >/dev/null 2>&1 || fail "man $NAME finds no page"
step 30 bash -c "source /usr/share/bash-completion/completions/$NAME && COMP_WORDS=($NAME bl) COMP_CWORD=1 && _complete_$NAME 2>/dev/null; printf '%s\\n' \"\${COMPREPLY[@]}\"" \
    | grep -qx blast || fail "bash completion does not complete 'bl' to blast"
log "installed: launcher, menu entry, icons, polkit policy, man page, completion, copyright" 

# ---- CLI ------------------------------------------------------------------------------------
HOME_T=$(mktemp -d)   # a fresh HOME shows whether anything unpacks natives per user
log "$NAME --demo tree"
step 60 env HOME="$HOME_T" "$NAME" --demo tree >"$LOGS/tree.txt" 2>"$LOGS/tree.err" \
    || { cat "$LOGS/tree.err"; fail "$NAME --demo tree exited with $?"; }
[ -s "$LOGS/tree.txt" ] || fail "--demo tree printed nothing"
# nothing from the JVM may reach the user's terminal (JDK 24+: Unsafe and native-access warnings)
[ ! -s "$LOGS/tree.err" ] || { cat "$LOGS/tree.err"; fail "--demo tree wrote to stderr"; }
! grep -q '^\[[0-9.]*s\]' "$LOGS/tree.txt" || fail "JVM log lines in the output of --demo tree"
head -5 "$LOGS/tree.txt" | sed 's/^/    /'
step 60 env HOME="$HOME_T" "$NAME" --demo tree --json >"$LOGS/tree.json" 2>"$LOGS/tree-json.err" \
    || fail "$NAME --demo tree --json"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["devices"], "no devices"' \
        "$LOGS/tree.json" || fail "--demo tree --json is not the expected JSON"
fi
# -Xshare:on (CDS) or -XX:AOTMode=on (AOT cache) turns a silently unusable cache into a start-up error.
step 60 env HOME="$HOME_T" JAVA_TOOL_OPTIONS="$FAST_CHECK" "$NAME" --demo tree >/dev/null 2>"$LOGS/cds.err" \
    || { cat "$LOGS/cds.err"; fail "the installed $FAST cache is not usable"; }
if [ "$FAST" = aot ]; then
    # and the JVM says it loaded classes from it (_JAVA_OPTIONS comes after the launcher's -Xlog:aot*=off)
    step 60 env HOME="$HOME_T" _JAVA_OPTIONS="-Xlog:class+load=info" "$NAME" --version 2>/dev/null \
        | grep -q 'source: shared objects file' || fail "no class was loaded from the AOT cache"
fi
log "CLI ok, the $FAST cache is used"

# ---- GUI ------------------------------------------------------------------------------------
log "GUI under Xvfb"
exec 5>"$LOGS/xvfb.display"
Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 &
XVFB=$!
exec 5>&-
for _ in $(seq 100); do [ -s "$LOGS/xvfb.display" ] && break; sleep 0.1; done
[ -s "$LOGS/xvfb.display" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$LOGS/xvfb.display")"
T0=$SECONDS
HOME="$HOME_T" "$NAME" --demo >"$LOGS/gui.out" 2>&1 &
APP=$!
if ! WID=$(step 90 xdotool search --sync --onlyvisible --name "VFIO Inspector" 2>/dev/null | head -1) || [ -z "$WID" ]; then
    cat "$LOGS/gui.out"; fail "no 'VFIO Inspector' window appeared"
fi
log "window $WID '$(xdotool getwindowname "$WID")' after $((SECONDS - T0)) s"
# The menu entry's StartupWMClass must name the window's class (JavaFX uses the Application
# class name), else desktops show a second, icon-less entry in the task bar.
WANT=$(sed -n 's/^StartupWMClass=//p' /usr/share/applications/$NAME.desktop)
if command -v xprop >/dev/null && [ -n "$WANT" ]; then
    xprop -id "$WID" WM_CLASS | grep -q "\"$WANT\"" \
        || fail "window class $(xprop -id "$WID" WM_CLASS) does not match StartupWMClass=$WANT"
fi
sleep 3
kill -0 "$APP" 2>/dev/null || { cat "$LOGS/gui.out"; fail "the GUI exited on its own"; }
! grep -E '^WARNING|^\[[0-9.]*s\]' "$LOGS/gui.out" || fail "the GUI printed JVM warnings (log: $LOGS/gui.out)"
if command -v import >/dev/null; then
    import -window root "$LOGS/gui.png" 2>/dev/null && log "screenshot: $LOGS/gui.png" || true
fi
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
kill "$XVFB"; wait "$XVFB" 2>/dev/null || true; XVFB=""
[ ! -e "$HOME_T/.openjfx" ] || fail "JavaFX unpacked natives into \$HOME/.openjfx (natives missing from the runtime)"
rm -rf "$HOME_T"

# ---- remove ---------------------------------------------------------------------------------
log "apt-get remove $NAME"
step 120 "${APT[@]}" remove "$NAME" >"$LOGS/apt-remove.log" 2>&1 || fail "apt-get remove"
INSTALLED=0
left=()
for f in /usr/lib/$NAME /usr/bin/$NAME /usr/share/applications/$NAME.desktop \
         /usr/share/man/man1/$NAME.1.gz /usr/share/bash-completion/completions/$NAME \
         /usr/share/polkit-1/actions/org.vfioinspector.reset.policy; do
    [ -e "$f" ] || [ -L "$f" ] && left+=("$f")
done
for f in /usr/share/icons/hicolor/*/apps/$NAME.*; do [ -e "$f" ] && left+=("$f"); done
[ ${#left[@]} -eq 0 ] || fail "left behind after remove: ${left[*]}"
case "$(status)" in ""|not-installed|config-files) ;; *) fail "dpkg status after remove: $(status)" ;; esac
log "removed cleanly"
# nothing may warn on the way out (the jpackage .deb owned /opt: "directory '/opt' not empty")
! grep -i "warning" "$LOGS/apt-remove.log" || fail "removing the package warned (log: $LOGS/apt-remove.log)"
if [ "$(status)" = config-files ]; then
    step 60 dpkg --purge "$NAME" >"$LOGS/dpkg-purge.log" 2>&1 || fail "dpkg --purge"
    ! grep -i "warning" "$LOGS/dpkg-purge.log" || fail "dpkg --purge warned (log: $LOGS/dpkg-purge.log)"
fi
[ ! -e /usr/share/doc/$NAME ] || fail "left behind after removal: /usr/share/doc/$NAME"
