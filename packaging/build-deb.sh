#!/usr/bin/env bash
# Builds the VFIO Inspector runtime, app image and .deb.
#
#   packaging/build-deb.sh [--skip-maven] [--no-cds] [--no-gui-training] [--app-image-only] [--runtime-jdk DIR]
#
#   1. mvn package (app/target/vfio-inspector.jar + app/target/lib/*.jar)
#   2. jlink a runtime from the JDK's jmods and the JavaFX *-linux.jar modules, then copy the
#      JavaFX natives into runtime/lib (else JavaFX unpacks them into ~/.openjfx/cache per user)
#   3. jpackage an app image: the non-JavaFX jars go on the class path (JavaFX is in the runtime);
#      bin/vfio-inspector is then our launcher script (packaging/launcher.sh), not jpackage's binary
#   4. fast start, made by the postinst on the installed files: with a JDK 25+ runtime an AOT cache
#      (aot-train.sh records lib/app/vfio-inspector.aotconf; the launcher uses lib/app/vfio-inspector.aot),
#      with JDK 17 AppCDS (cds-train.sh records lib/app/vfio-inspector.classlist; lib/app/vfio-inspector.jsa)
#   5. the .deb with dpkg-deb: the image under /usr/lib/vfio-inspector, the /usr/bin link, desktop entry,
#      icons, polkit policy, manual page, bash completion, copyright and changelog; Depends from
#      dpkg-shlibdeps (packaging/debian/ holds the maintainer scripts, copyright and changelog)
#
# Output: out/vfio-inspector_<version>-1_<arch>.deb and packaging/target/image/vfio-inspector/.
# Needs JDK 17 with jmods (JAVA_HOME or the javac on PATH), dpkg-deb and dpkg-shlibdeps (dpkg-dev); Xvfb + xdotool
# for the GUI part of the CDS training (skipped with a note when absent).
# The bundled runtime: jlinked from the JDK 17 above (with AppCDS), or from --runtime-jdk DIR (RUNTIME_JDK),
# e.g. /usr/lib/jvm/temurin-25-jdk-amd64 (JDK 25+: with an AOT cache instead). The jars are compiled for 17
# either way. JDK 17 stays the default: Temurin 25 did not pay (BENCHMARKS-packaging.md).
set -euo pipefail

SKIP_MAVEN=0 CDS=1 GUI_TRAINING=1 DEB=1
NEXT_IS_JDK=0
for arg in "$@"; do
    if [ "$NEXT_IS_JDK" = 1 ]; then RUNTIME_JDK=$arg; NEXT_IS_JDK=0; continue; fi
    case "$arg" in
        --skip-maven) SKIP_MAVEN=1 ;;
        --no-cds) CDS=0 ;;
        --no-gui-training) GUI_TRAINING=0 ;;
        --app-image-only) DEB=0 ;;
        --runtime-jdk=*) RUNTIME_JDK=${arg#--runtime-jdk=} ;;
        --runtime-jdk) NEXT_IS_JDK=1; continue ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "build-deb.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "$0")/.." && pwd)
PKG="$REPO/packaging"
WORK="$PKG/target"
OUT="${OUT:-$REPO/out}"
NAME=vfio-inspector
MAIN_CLASS=org.vfioinspector.app.Main
JH="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
# Modules the class path needs (jdeps below checks this list against the jars). JNA and JavaFX
# use sun.misc.Unsafe (jdk.unsupported); ControlsFX needs java.desktop and java.net.http.
# java.sql is left out on purpose: only Jackson's optional java.sql handlers use it.
MODULES=java.base,java.desktop,java.logging,java.net.http,jdk.unsupported,javafx.controls,javafx.swing
JDEPS_OPTIONAL=java.sql

log() { printf '[build-deb %s] %s\n' "$(date +%T)" "$*"; }
die() { printf 'build-deb.sh: %s\n' "$*" >&2; exit 1; }
timed() { local t0=$SECONDS; "$@"; log "  took $((SECONDS - t0)) s"; }

[ -x "$JH/bin/jpackage" ] && [ -d "$JH/jmods" ] || die "need a JDK 17 with jmods/ and jpackage (JAVA_HOME=$JH)"
# The runtime's JDK (--runtime-jdk), by default the building JDK 17. jlink of JDK 24+ links from the
# installed run-time image when there is no jmods/ (JEP 493; Temurin's packages have none).
RUNTIME_JDK=${RUNTIME_JDK:-$JH}
[ -x "$RUNTIME_JDK/bin/jlink" ] || die "no jlink in --runtime-jdk $RUNTIME_JDK"
RUNTIME_FEATURE=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$RUNTIME_JDK/release")
[ -n "$RUNTIME_FEATURE" ] && [ "$RUNTIME_FEATURE" -ge 17 ] || die "cannot read a Java 17+ version from $RUNTIME_JDK/release"
# JDK 25's AOT cache where the runtime has it, else (JDK 17..24) AppCDS
if [ "$RUNTIME_FEATURE" -ge 25 ]; then FAST=aot; else FAST=cds; fi
if [ "$DEB" = 1 ]; then
    command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null || die "need dpkg-deb and dpkg-shlibdeps (dpkg-dev)"
fi

# ---- 1. Maven -------------------------------------------------------------------------------
if [ "$SKIP_MAVEN" = 0 ]; then
    log "mvn package"
    timed mvn -B -q -f "$REPO/pom.xml" -DskipTests package
fi
APP_JAR="$REPO/app/target/$NAME.jar"
LIB="$REPO/app/target/lib"
[ -f "$APP_JAR" ] && [ -d "$LIB" ] || die "missing $APP_JAR or $LIB (run without --skip-maven)"

VERSION=$(unzip -p "$APP_JAR" 'META-INF/maven/*/pom.properties' | sed -n 's/^version=//p' | head -1)
VERSION=${VERSION%%-*}   # jpackage wants digits and dots; 0.2.0-SNAPSHOT -> 0.2.0
[ -n "$VERSION" ] || die "cannot read the version from $APP_JAR"

rm -rf "$WORK" && mkdir -p "$WORK/fxmods" "$WORK/input" "$OUT"
# Only the platform jars are real JavaFX modules; the classifier-less ones are empty placeholders.
cp "$LIB"/javafx-*-linux*.jar "$WORK/fxmods/"
[ -n "$(ls "$WORK/fxmods")" ] || die "no javafx-*-linux.jar in $LIB"
cp "$APP_JAR" "$WORK/input/"
find "$LIB" -maxdepth 1 -name '*.jar' ! -name 'javafx-*' -exec cp {} "$WORK/input/" \;
# A signed jar makes the JVM check a digest of every class loaded from it and an RSA signature per jar at
# each start (~0.2 s here with the Eclipse jars the layout once used; none is signed today); dpkg already
# vouches for the installed files.
"$JH/bin/java" "$PKG/StripSignatures.java" --verbose "$WORK/input" > "$WORK/strip.log" 2>&1 \
    || { cat "$WORK/strip.log"; die "could not strip the jar signatures"; }
sed 's/^/  /' "$WORK/strip.log"
# every user starts the program: a jar only its builder can read breaks it for everybody else
UNREADABLE=$(find "$WORK/input" -type f ! -perm -o=r)
[ -z "$UNREADABLE" ] || die "not readable by other users: $UNREADABLE"

# ---- 2. runtime -----------------------------------------------------------------------------
log "jdeps: checking the module list against the class path"
CP=$(find "$WORK/input" -name '*.jar' | sort | tr '\n' ':')
NEEDED=$("$JH/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
            --module-path "$WORK/fxmods" -cp "$CP" "$WORK"/input/*.jar 2>/dev/null | tail -1)
log "  jdeps says: $NEEDED"
for m in ${NEEDED//,/ }; do
    case ",$MODULES,$JDEPS_OPTIONAL," in
        *",$m,"*) ;;
        *) # a module may also come in as a dependency of one we list (java.xml via java.desktop)
           "$JH/bin/java" --module-path "$WORK/fxmods" --add-modules "$MODULES" --list-modules 2>/dev/null \
               | grep -q "^$m@" || die "the class path needs module $m, which is not in MODULES" ;;
    esac
done

# --compress=0 on purpose: the .deb is xz-compressed anyway, and xz shrinks an uncompressed
# jimage far better (63 MB -> 12.8 MB) than a zip-compressed one (29 MB -> 27.6 MB), so the
# .deb is ~15 MB smaller; classes also load without inflating. Costs 34 MB more on disk.
# No --strip-native-commands: our launcher script (step 3) runs the runtime's bin/java; keytool is
# the only other command these modules bring, and it is removed.
log "jlink runtime ($MODULES) from $RUNTIME_JDK (Java $RUNTIME_FEATURE)"
JMODS="" COMPRESS=0
[ ! -d "$RUNTIME_JDK/jmods" ] || JMODS="$RUNTIME_JDK/jmods:"
[ "$RUNTIME_FEATURE" -lt 21 ] || COMPRESS=zip-0   # the same, in JDK 21+'s spelling
timed "$RUNTIME_JDK/bin/jlink" --module-path "$JMODS$WORK/fxmods" --add-modules "$MODULES" \
    --strip-debug --no-header-files --no-man-pages --compress="$COMPRESS" \
    --output "$WORK/runtime"
[ -x "$WORK/runtime/bin/java" ] || die "the runtime has no bin/java"
find "$WORK/runtime/bin" -type f ! -name java -delete
for j in "$WORK"/fxmods/*.jar; do
    unzip -q -o -j "$j" '*.so' -d "$WORK/runtime/lib" 2>/dev/null || true
done
ls "$WORK/runtime/lib"/libglass*.so >/dev/null 2>&1 || die "JavaFX natives were not copied into the runtime"

# ---- 3. app image ---------------------------------------------------------------------------
# --add-exports: the window hears when its first graph frame is painted through JavaFX's frame tracker
# (gui.startup.RenderedFrames), and only then reads the rest of the host.
# JDK 24+ warns on the terminal when JavaFX calls sun.misc.Unsafe's memory methods (Marlin) and when
# JavaFX (javafx.graphics) or JNA (class path) load native code; both are the libraries' design, so the
# launcher allows them. The AOT cache's own messages (a missing or stale cache: the JVM then starts
# without it) go to stdout by default and would end up in the CLI's output or --json: off.
RUNTIME_OPTS=()
if [ "$RUNTIME_FEATURE" -ge 24 ]; then
    RUNTIME_OPTS+=(--java-options '--enable-native-access=javafx.graphics,ALL-UNNAMED'
                   --java-options '--sun-misc-unsafe-memory-access=allow')
fi
[ "$FAST" != aot ] || RUNTIME_OPTS+=(--java-options '-Xlog:aot*=off,cds*=off')
COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "VFIO Inspector"
        --description "Inspect PCI topology and IOMMU groups; plan and perform VFIO hot resets"
        --copyright "VFIO Inspector authors")
log "jpackage app image"
timed "$JH/bin/jpackage" --type app-image "${COMMON[@]}" \
    --runtime-image "$WORK/runtime" --input "$WORK/input" \
    --main-jar "$NAME.jar" --main-class "$MAIN_CLASS" \
    --java-options '-Djna.boot.library.path=$APPDIR' \
    --java-options '-XX:TieredStopAtLevel=1' --java-options '-XX:+UseSerialGC' \
    --java-options '-XX:+UseTransparentHugePages' \
    --java-options '--add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED' \
    "${RUNTIME_OPTS[@]}" \
    --icon "$REPO/icons/png/$NAME-256.png" --dest "$WORK/image"
IMAGE="$WORK/image/$NAME"
CFG="$IMAGE/lib/app/$NAME.cfg"
[ -x "$IMAGE/bin/$NAME" ] && [ -f "$CFG" ] || die "jpackage produced no launcher/cfg"
[ -x "$IMAGE/lib/runtime/bin/java" ] || die "jpackage dropped the runtime's bin/java"
# Our launcher instead of jpackage's native one, which runs rpm -qf, dpkg -S and dpkg -L at every
# start to find its own package (≈ 0.4 s here): packaging/launcher.sh reads the same cfg.
install -m 0755 "$PKG/launcher.sh" "$IMAGE/bin/$NAME"
rm -f "$IMAGE/lib/libapplauncher.so"
# JNA's native part, unpacked next to the jars (jna.boot.library.path above). Without it JNA
# copies libjnidispatch.so out of its jar into ~/.cache/JNA on every run, also for the root
# process pkexec starts for a reset. If this copy is unusable JNA still falls back to that.
JNA_ARCH=linux-$(uname -m | sed 's/^x86_64$/x86-64/')
unzip -q -o -j "$WORK"/input/jna-*.jar "com/sun/jna/$JNA_ARCH/libjnidispatch.so" -d "$IMAGE/lib/app" \
    || die "no com/sun/jna/$JNA_ARCH/libjnidispatch.so in the JNA jar"

# ---- 4. fast start --------------------------------------------------------------------------
if [ "$CDS" = 1 ]; then
    # The launcher expands $APPDIR (= lib/app) at run time. A missing or stale archive or cache only
    # costs start-up time: JDK 17's -Xshare:auto falls back silently (tested on 17.0.15), JDK 25 starts
    # without the cache too (its messages are off, above); the postinst removes a cache it could not make.
    if [ "$FAST" = aot ]; then
        TRAIN=aot-train.sh OPT="-XX:AOTCache=\$APPDIR/$NAME.aot"
    else
        TRAIN=cds-train.sh OPT="-XX:SharedArchiveFile=\$APPDIR/$NAME.jsa"
    fi
    log "fast-start training ($TRAIN, Java $RUNTIME_FEATURE)"
    timed "$PKG/$TRAIN" "$IMAGE" "$WORK/$FAST" "$GUI_TRAINING"
    awk -v opt="java-options=$OPT" '{ print } /^\[JavaOptions\]$/ { print opt }' "$CFG" > "$CFG.new" \
        && mv "$CFG.new" "$CFG"
    grep -qF -- "$OPT" "$CFG" || die "could not add $OPT to $CFG"
fi

# ---- 5. .deb --------------------------------------------------------------------------------
# Built with dpkg-deb from a staging tree, not jpackage --type deb: jpackage can only install under
# /opt (lintian: dir-or-file-in-opt; the package owned /opt itself, so purge warned "directory '/opt'
# not empty") and had to copy the desktop entry, icons and polkit policy into place in postinst,
# outside dpkg's file list. Here every file is dpkg's own, under /usr like other Debian packages.
if [ "$DEB" = 1 ]; then
    log "staging the package tree"
    STAGE="$WORK/deb"
    PREFIX="usr/lib/$NAME"
    SHARE="$STAGE/usr/share"
    rm -rf "$STAGE" && mkdir -p "$STAGE/DEBIAN" "$STAGE/$PREFIX" "$STAGE/usr/bin"
    cp -a "$IMAGE/." "$STAGE/$PREFIX/"
    ln -s "../lib/$NAME/bin/$NAME" "$STAGE/usr/bin/$NAME"
    install -D -m 0644 "$PKG/$NAME.desktop" "$SHARE/applications/$NAME.desktop"
    install -D -m 0644 "$PKG/org.vfioinspector.reset.policy" "$SHARE/polkit-1/actions/org.vfioinspector.reset.policy"
    for png in "$REPO"/icons/png/"$NAME"-*.png; do
        n=$(basename "$png" .png); n=${n##*-}
        install -D -m 0644 "$png" "$SHARE/icons/hicolor/${n}x${n}/apps/$NAME.png"
    done
    install -D -m 0644 "$REPO/icons/$NAME.svg" "$SHARE/icons/hicolor/scalable/apps/$NAME.svg"
    # the manual page and bash completion, from the same command-line model the program parses with
    DATE=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)}" +%F)
    "$JH/bin/java" -cp "$APP_JAR:$LIB/*" org.vfioinspector.app.cli.ShellFiles "$WORK/shellfiles" "$DATE" \
        || die "could not write the manual page and completion"
    install -D -m 0644 "$WORK/shellfiles/$NAME.1" "$SHARE/man/man1/$NAME.1"
    gzip -9n "$SHARE/man/man1/$NAME.1"
    # bash sources completions, it never runs them: no #! line (lintian: bash-completion-with-hashbang)
    install -d "$SHARE/bash-completion/completions"
    sed '1{/^#!/d}' "$WORK/shellfiles/$NAME.bash" > "$SHARE/bash-completion/completions/$NAME"
    install -D -m 0644 "$PKG/debian/copyright" "$SHARE/doc/$NAME/copyright"
    gzip -9n -c "$PKG/debian/changelog" > "$SHARE/doc/$NAME/changelog.Debian.gz"
    chmod 0644 "$SHARE/doc/$NAME/changelog.Debian.gz"
    # every bundled jar must be named in the copyright file
    for j in "$STAGE/$PREFIX"/lib/app/*.jar; do
        b=$(basename "$j")
        found=0
        while IFS= read -r pat; do
            # shellcheck disable=SC2254
            case "$b" in $pat) found=1; break ;; esac
        done < <(sed -n 's,^\(Files:\)\? *usr/lib/vfio-inspector/lib/app/,,p' "$PKG/debian/copyright")
        case "$b" in "$NAME".jar|"$NAME"-core-*.jar) found=1 ;; esac   # ours: "Files: *"
        [ "$found" = 1 ] || die "$b is bundled but not listed in packaging/debian/copyright"
    done
    install -m 0755 "$PKG/debian/postinst" "$PKG/debian/prerm" "$STAGE/DEBIAN/"
    # Debian's modes: directories and executables 0755, everything else 0644 (the JDK's legal files come
    # 0444, JNA's library 0755; an owner-only copy would break the program for other users)
    find "$STAGE" -type d -exec chmod 0755 {} +
    find "$STAGE" -type f -exec chmod 0644 {} +
    chmod 0755 "$STAGE/$PREFIX/bin/$NAME" "$STAGE/$PREFIX/lib/runtime/bin/java" "$STAGE"/DEBIAN/postinst "$STAGE"/DEBIAN/prerm
    for x in jexec jspawnhelper; do
        [ ! -f "$STAGE/$PREFIX/lib/runtime/lib/$x" ] || chmod 0755 "$STAGE/$PREFIX/lib/runtime/lib/$x"
    done
    # native code without its symbol tables, as Debian ships it (lintian: unstripped-binary-or-object);
    # the JDK's and OpenJFX's libraries carry them: ≈ 1.5 MB less in the .deb
    mapfile -t NATIVE < <(find "$STAGE/$PREFIX" -type f \( -name '*.so' -o -path '*/runtime/bin/java' \
                               -o -path '*/runtime/lib/jexec' -o -path '*/runtime/lib/jspawnhelper' \))
    strip --strip-unneeded --remove-section=.comment --remove-section=.note "${NATIVE[@]}"

    log "Depends (dpkg-shlibdeps over the bundled native libraries)"
    SHL="$WORK/shlibdeps"
    mkdir -p "$SHL/debian"
    printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$NAME" "$NAME" > "$SHL/debian/control"
    RT="$STAGE/$PREFIX/lib/runtime"
    mapfile -t ELF < <(find "$STAGE/$PREFIX" -type f \( -name '*.so' -o -path '*/runtime/bin/java' \))
    DEPENDS=$(cd "$SHL" && dpkg-shlibdeps -O --ignore-missing-info -l"$RT/lib" -l"$RT/lib/server" "${ELF[@]}" 2>"$WORK/shlibdeps.log" \
              | sed -n 's/^shlibs:Depends=//p')
    [ -n "$DEPENDS" ] || { cat "$WORK/shlibdeps.log"; die "dpkg-shlibdeps found no dependencies"; }
    ARCH=$(dpkg --print-architecture)
    SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
    cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION-1
Architecture: $ARCH
Maintainer: VFIO Inspector authors <vfio-inspector@users.noreply.github.com>
Installed-Size: $SIZE
Depends: $DEPENDS
Recommends: pkexec
Section: admin
Priority: optional
Description: PCI topology, IOMMU groups and VFIO reset blast radius
 VFIO Inspector shows every PCI function of a host as a graph (domains, root
 ports, switches, endpoints, SR-IOV functions) coloured by IOMMU group, and
 for any function the blast radius of a reset: every function and IOMMU group
 a VFIO hot reset would also reset, and what that takes down on the host
 (disks, network interfaces, displays, virtual machines).
 .
 A wizard performs the reset through the kernel's VFIO interface with
 confirmations and a dry run. The command line (vfio-inspector tree, groups,
 show, blast, reset, bind, restore, snapshot) works without a display.
 .
 The package bundles its own Java runtime with OpenJFX. pkexec is
 recommended: the window runs its privileged steps through it.
CONTROL

    log "dpkg-deb"
    rm -f "$OUT/${NAME}_"*.deb
    DEB_FILE="$OUT/${NAME}_${VERSION}-1_${ARCH}.deb"
    timed dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB_FILE" >/dev/null
    log "deb: $DEB_FILE ($(stat -c %s "$DEB_FILE") bytes, $(du -h "$DEB_FILE" | cut -f1))"
fi
