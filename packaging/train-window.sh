# Sourced by cds-train.sh and aot-train.sh: their arguments, and the window's training run.
#
#   train_args TAG IMAGE_DIR WORK_DIR [GUI=1]   -> IMAGE, W (made, absolute), GUI, NAME, LAUNCHER, log()
#
#   train_window JAVA_TOOL_OPTIONS   -> 0 when the window came up, 1 when not (see $W/gui.out)
#
# Starts the launcher with `--demo` on a fresh Xvfb display with the given JAVA_TOOL_OPTIONS, waits for
# the window and for its title to name the host (the demo topology is shown), gives it two more seconds
# and stops it with SIGTERM, on which the JVM still writes a class list or AOT configuration.
train_args() {
    LOG_TAG=$1
    IMAGE=$(cd "$2" && pwd)
    W=$3
    GUI=${4:-1}
    NAME=vfio-inspector
    LAUNCHER="$IMAGE/bin/$NAME"
    mkdir -p "$W"
    W=$(cd "$W" && pwd)
}

log() { printf '[%s %s] %s\n' "$LOG_TAG" "$(date +%T)" "$*"; }

train_window() {
    local xvfb app ok=1
    exec 5> "$W/xvfb.display"
    Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp >"$W/xvfb.log" 2>&1 &
    xvfb=$!
    exec 5>&-
    for _ in $(seq 50); do [ -s "$W/xvfb.display" ] && break; sleep 0.1; done
    DISPLAY=":$(cat "$W/xvfb.display")" JAVA_TOOL_OPTIONS="$1" "$LAUNCHER" --demo >"$W/gui.out" 2>&1 &
    app=$!
    if DISPLAY=":$(cat "$W/xvfb.display")" timeout 90 xdotool search --sync --onlyvisible --name "VFIO Inspector" >/dev/null 2>&1; then
        log "  window appeared"
        # The window title gains the host's name ("VFIO Inspector — demo topology") once the
        # background scan is shown; train that path too, else just give it a few seconds.
        DISPLAY=":$(cat "$W/xvfb.display")" timeout 60 xdotool search --sync --name "^VFIO Inspector .+" >/dev/null 2>&1 \
            && log "  topology shown" || log "  (title did not change; stopping anyway)"
        sleep 2
        ok=0
    fi
    kill -TERM "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    return "$ok"
}
