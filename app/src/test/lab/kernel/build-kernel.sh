#!/usr/bin/env bash
# Builds the lab's third kernel (issue 20): Debian's own linux-source-6.12 with IOMMUFD and the vfio
# device cdev (Debian's packaged kernels have neither), everything built in. README.md next to run-lab.sh.
#
# The source is unpacked and built OUTSIDE the repository; the bzImage (with its .config and the
# matching uapi headers of `make headers`) is cached in $LAB_KERNEL_CACHE/<key>/, where <key> is the
# source package's version plus the hash of iommufd-lab.config and RECIPE below (raise it when a change
# here changes the kernel): it is rebuilt only when one of them changes.
#
# Usage: bash app/src/test/lab/kernel/build-kernel.sh      prints the cached bzImage's path on stdout
# Env:   LAB_KERNEL_CACHE=<dir>   the cache (default /var/cache/vfio-inspector-lab)
#        LAB_KERNEL_BUILD=<dir>   where the source is unpacked and built (default /var/tmp/vfio-inspector-lab-build;
#                                 ≈1.7 GB, removed after a successful build unless LAB_KERNEL_KEEP_BUILD=1)
#        LAB_KERNEL_JOBS=<n>      make -j (default: the number of CPUs)
#        LAB_KERNEL_SOURCE_PACKAGE=<name>   the Debian package (default linux-source-6.12)
# Exit:  0 with the path printed, 2 when a package is missing (the message names it), 1 when the build fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FRAGMENT=$HERE/iommufd-lab.config
PKG=${LAB_KERNEL_SOURCE_PACKAGE:-linux-source-6.12}
CACHE=${LAB_KERNEL_CACHE:-/var/cache/vfio-inspector-lab}
BUILD=${LAB_KERNEL_BUILD:-/var/tmp/vfio-inspector-lab-build}
JOBS=${LAB_KERNEL_JOBS:-$(nproc)}
RECIPE=2  # tinyconfig + the fragment, bzImage

log() { echo "lab-kernel: $*" >&2; }
die() { echo "lab-kernel: $*" >&2; exit "${2:-1}"; }

VERSION=$(dpkg-query -W -f='${Status} ${Version}' "$PKG" 2>/dev/null | sed -n 's/^install ok installed //p')
missing=()
[ -n "$VERSION" ] || missing+=("$PKG")
for tool in make:build-essential gcc:build-essential bc:bc bison:bison flex:flex cpio:cpio rsync:rsync \
        xz:xz-utils perl:perl; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
[ -f /usr/include/libelf.h ] || missing+=(libelf-dev)
[ -f /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    die "missing: ${missing[*]} — install with: apt-get install -y --no-install-recommends ${missing[*]}" 2
fi
TARBALL=$(dpkg -L "$PKG" | grep -m1 '/usr/src/linux-source-.*\.tar\.xz$' || true)
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] || die "$PKG $VERSION has no /usr/src/linux-source-*.tar.xz" 2

HASH=$( { cat "$FRAGMENT"; echo "recipe $RECIPE"; } | sha256sum | cut -c1-16)
KEY="$PKG-$VERSION-$HASH"
KEY=${KEY//[^A-Za-z0-9._+-]/_}
OUT=$CACHE/$KEY
if [ -s "$OUT/bzImage" ] && [ -f "$OUT/.complete" ]; then
    log "cached: $OUT/bzImage"
    echo "$OUT/bzImage"
    exit 0
fi

mkdir -p "$CACHE" "$BUILD" || die "cannot create $CACHE or $BUILD"
SRC=$BUILD/$KEY
T0=$(date +%s)
if [ ! -f "$SRC/Makefile" ]; then
    log "unpacking $TARBALL into $SRC"
    rm -rf "$SRC.tmp"
    mkdir -p "$SRC.tmp"
    tar -xJf "$TARBALL" -C "$SRC.tmp" --strip-components=1 || die "cannot unpack $TARBALL"
    rm -rf "$SRC"
    mv "$SRC.tmp" "$SRC"
fi
T1=$(date +%s)

cd "$SRC"
make -s tinyconfig
# merge_config.sh applies the fragment and then says which requested values did not survive olddefconfig
./scripts/kconfig/merge_config.sh -m .config "$FRAGMENT" > "$BUILD/$KEY.merge.log" 2>&1 \
    || { cat "$BUILD/$KEY.merge.log" >&2; die "merge_config.sh failed"; }
make -s olddefconfig
# Every =y line of the fragment must be in the final .config: a dependency that silently turned an
# option off (say IOMMUFD) would make a kernel the lab cannot use.
lost=$(grep -E '^CONFIG_[A-Z0-9_]+=y$' "$FRAGMENT" | while read -r line; do grep -qx "$line" .config || echo "$line"; done)
[ -z "$lost" ] || die "options of the fragment that olddefconfig turned off: $(echo $lost)"
log "building bzImage with make -j$JOBS in $SRC (unpacking took $((T1 - T0)) s)"
TIMEFILE=$BUILD/$KEY.time
TIMECMD=()
[ -x /usr/bin/time ] && TIMECMD=(/usr/bin/time -f '%e s wall, %U s user, %S s sys' -o "$TIMEFILE")
"${TIMECMD[@]}" make -j"$JOBS" bzImage KBUILD_BUILD_TIMESTAMP="$VERSION" > "$BUILD/$KEY.make.log" 2>&1 \
    || { tail -n 40 "$BUILD/$KEY.make.log" >&2; die "make bzImage failed (log: $BUILD/$KEY.make.log)"; }
T2=$(date +%s)
make -s headers_install INSTALL_HDR_PATH="$BUILD/$KEY.headers" > /dev/null || die "make headers_install failed"

rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp"
cp arch/x86/boot/bzImage "$OUT.tmp/bzImage"
cp .config "$OUT.tmp/config"
cp -r "$BUILD/$KEY.headers/include" "$OUT.tmp/include"
make -s kernelrelease > "$OUT.tmp/kernelrelease"
{
    echo "package $PKG $VERSION"
    echo "fragment $(sha256sum < "$FRAGMENT" | cut -d' ' -f1)"
    echo "built $(date -u +%FT%TZ) on $(nproc) cpus with make -j$JOBS, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "unpack $((T1 - T0)) s, bzImage $((T2 - T1)) s wall ($(cat "$TIMEFILE" 2>/dev/null || echo 'no /usr/bin/time'))"
} > "$OUT.tmp/build-info.txt"
touch "$OUT.tmp/.complete"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
log "$(tail -n 1 "$OUT/build-info.txt")"
if [ -z "${LAB_KERNEL_KEEP_BUILD:-}" ]; then
    rm -rf "$SRC" "$BUILD/$KEY.headers"
fi
log "cached: $OUT/bzImage ($(du -k "$OUT/bzImage" | cut -f1) KiB, $(cat "$OUT/kernelrelease"))"
echo "$OUT/bzImage"
