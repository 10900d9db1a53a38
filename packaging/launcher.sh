#!/bin/bash
# vfio-inspector: starts the packaged program (installed as bin/vfio-inspector by packaging/build-deb.sh).
#
# Replaces jpackage's native launcher, which on Linux asks the package manager who owns it at every
# start: `rpm -qf`, then `dpkg -S` and `dpkg -L` (JDK 17's LinuxPackage.c), ≈ 0.4 s here before the
# JVM even starts, and longer on a desktop with thousands of packages. This script reads the same
# lib/app/vfio-inspector.cfg that jpackage wrote (class path, main class, JVM options; $APPDIR is
# lib/app) and runs the bundled runtime's java with it, so the cfg stays the one place for options.
set -e
self=$(readlink -f "$0")
image=${self%/bin/*}
appdir="$image/lib/app"
cfg="$appdir/vfio-inspector.cfg"
java="$image/lib/runtime/bin/java"
if [ ! -r "$cfg" ] || [ ! -x "$java" ]; then
    echo "vfio-inspector: the installation is incomplete (no $cfg or $java); reinstall the package" >&2
    exit 3
fi

cp=""
main=""
opts=()
while IFS= read -r line || [ -n "$line" ]; do
    line=${line//\$APPDIR/$appdir}
    case $line in
        app.classpath=*) cp="$cp${cp:+:}${line#app.classpath=}" ;;
        app.mainclass=*) main=${line#app.mainclass=} ;;
        java-options=*) opts+=("${line#java-options=}") ;;
    esac
done < "$cfg"
if [ -z "$main" ] || [ -z "$cp" ]; then
    echo "vfio-inspector: $cfg names no main class or class path; reinstall the package" >&2
    exit 3
fi
# JDK 17.0.15 maps the class-data sharing archive at a random address and relocates every pointer in it
# (ArchiveRelocationMode=1, for ASLR): ≈ 0.13 s of each start here for our 41 MB archive. An unprivileged
# run maps it where it was dumped instead (the JDK's default until recently); the root process pkexec
# starts for a reset keeps the randomised address.
if [ "${EUID:-0}" != 0 ]; then
    opts+=(-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
fi
# No GPU device node (a lab server, a VM without a virtual GPU): JavaFX would try OpenGL through Mesa's
# software rasteriser, refuse it ("System GPU doesn't meet the es2 pipe requirement") and draw in software
# anyway, and GTK probes OpenGL at start-up as well; both load Mesa and LLVM (≈ 0.2 s of a start here).
# Go straight to JavaFX's software pipeline there. A prism.order the user sets in JAVA_TOOL_OPTIONS or
# _JAVA_OPTIONS wins, and so does a GDK_GL they set.
if ! compgen -G "/dev/dri/*" >/dev/null && ! compgen -G "/dev/nvidia*" >/dev/null; then
    export GDK_GL="${GDK_GL:-disable}"
    case "${JAVA_TOOL_OPTIONS:-} ${_JAVA_OPTIONS:-}" in
        *prism.order*) ;;
        *) opts+=(-Dprism.order=sw) ;;
    esac
fi
exec "$java" "${opts[@]}" -Djpackage.app-path="$self" -cp "$cp" "$main" "$@"
