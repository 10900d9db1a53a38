#!/usr/bin/env bash
# The real-kernel VFIO lab (issue 5; README.md next to this file; ../../../../../shared/VFIO-LAB.md).
#
# Boots two Debian kernels (6.1 and 6.12) and the lab's own 6.12 with IOMMUFD and the vfio device cdev
# (kernel/build-kernel.sh builds and caches it) in QEMU (q35, emulated intel-iommu), three times each, with a
# topology that has an endpoint alone behind a root port, a PCIe switch with two endpoints, a
# multifunction device, a conventional PCI bridge with two devices, a multifunction root port without
# ACS, an SR-IOV NVMe controller and a PCI bridge behind a PCIe-to-PCI bridge; the guest runs the
# project's CLI (the host's JDK and the built jar, shared read-only over 9p) in one JVM per boot and
# checks its answers against the guest's sysfs, lspci and the kernel's VFIO ioctls. Everything that
# binds or resets happens INSIDE the guest.
#
# Usage: bash app/src/test/lab/run-lab.sh     (after `mvn -B -q -DskipTests package`)
# Env:   LAB_KERNELS="<v> <v> iommufd"  kernels to boot (default: the newest 6.1 and the newest 6.12 in /boot
#                               with modules, and `iommufd`, the lab's own kernel); LAB_KERNEL=<v> boots just one
#        LAB_IOMMUFD_KERNEL=<bzImage>  boot this image as `iommufd` instead of building/caching one
#        LAB_KERNEL_CACHE=<dir>  build-kernel.sh's cache (default /var/cache/vfio-inspector-lab)
#        LAB_IOMMUFD_SCENARIOS="normal linkdown pciehp"  the boots on the iommufd kernel (default: LAB_SCENARIOS)
#        LAB_ACCEL=auto|tcg|kvm  auto (default) probes KVM with a short boot, falls back to TCG
#        LAB_SCENARIOS="normal linkdown pciehp"   which boots to run (per kernel)
#        LAB_KEEP=1             keep the work directory (always kept when a check fails)
#        LAB_UPDATE_FIXTURES=1  copy the guest snapshot and the kernel's answers into core's fixtures
# Exit:  0 when every check passed, 1 when a check failed, 2 when something needed is missing.
set -uo pipefail

START=$(date +%s)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
JAR=${LAB_JAR:-$REPO/app/target/vfio-inspector.jar}
SCENARIOS=${LAB_SCENARIOS:-normal linkdown pciehp}
IOMMUFD_SCENARIOS=${LAB_IOMMUFD_SCENARIOS:-$SCENARIOS}
BOOT_TIMEOUT=${LAB_BOOT_TIMEOUT:-600}  # per boot; a loaded machine boots slowly
MODULES="vfio-pci vfio_iommu_type1 e1000e e1000 nvme 9p 9pnet_virtio virtio_pci"

log() { echo "lab: $*"; }
die() { echo "lab: $*" >&2; exit 2; }

# ---------------------------------------------------------------- what is needed
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
if [ -x /bin/busybox ] && { LC_ALL=C ldd /bin/busybox 2>&1 || true; } | grep -q "not a dynamic"; then
    BUSYBOX=/bin/busybox
else
    missing+=(busybox-static)
fi
command -v lspci >/dev/null || missing+=(pciutils)
command -v modprobe >/dev/null || missing+=(kmod)
command -v cpio >/dev/null || missing+=(cpio)
# Every scenario runs on each kernel: Debian 12's 6.1 (linux-image-amd64) and 6.12 (linux-image-6.12-amd64).
KERNELS=${LAB_KERNELS:-${LAB_KERNEL:-}}
if [ -z "$KERNELS" ]; then
    usable=$(for v in $(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's,^/boot/vmlinuz-,,' | sort -V -r); do
        [ -f "/lib/modules/$v/modules.dep" ] && echo "$v"; done)
    for series in 6.1 6.12; do
        v=$(echo "$usable" | grep -m1 "^$series\." || true)
        [ -n "$v" ] && KERNELS="$KERNELS $v"
    done
    [ -n "$KERNELS" ] || KERNELS=$(echo "$usable" | head -n 1)
    echo "$KERNELS" | grep -q ' 6\.1\.' || missing+=(linux-image-amd64)
    echo "$KERNELS" | grep -q ' 6\.12\.' || missing+=(linux-image-6.12-amd64)
    KERNELS="$KERNELS iommufd"
fi
for v in $KERNELS; do
    [ "$v" = iommufd ] && continue
    [ -f "/boot/vmlinuz-$v" ] && [ -f "/lib/modules/$v/modules.dep" ] || missing+=("linux-image-$v")
done
command -v xz >/dev/null || missing+=(xz-utils)  # 6.12's modules are .ko.xz; busybox insmod wants them plain
JAVA=$(readlink -f "$(command -v java 2>/dev/null)" 2>/dev/null || true)
JAVAC=$(command -v javac || true)
[ -n "$JAVA" ] && [ -n "$JAVAC" ] || missing+=(openjdk-17-jdk-headless)
if [ ${#missing[@]} -gt 0 ]; then
    die "missing: ${missing[*]} — install with: apt-get install -y ${missing[*]}"
fi
[ -f "$JAR" ] && [ -d "$(dirname "$JAR")/lib" ] || die "no $JAR (with lib/): build first with: mvn -B -q -DskipTests package"
case "$JAVA" in /tmp/*) die "the JDK ($JAVA) must not live under /tmp: the guest mounts its own /tmp";; esac
for v in $KERNELS; do [ "$v" = iommufd ] || [ -r "/boot/vmlinuz-$v" ] || die "cannot read /boot/vmlinuz-$v"; done
# `iommufd`: Debian's own 6.12 source built with IOMMUFD and the vfio device cdev, everything built in
# (kernel/build-kernel.sh: ≈15-20 min on 2 busy cores the first time, then cached outside the clone).
IOMMUFD_IMAGE=
if echo " $KERNELS " | grep -q ' iommufd '; then
    if [ -n "${LAB_IOMMUFD_KERNEL:-}" ]; then
        IOMMUFD_IMAGE=$LAB_IOMMUFD_KERNEL
    else
        log "the iommufd kernel: kernel/build-kernel.sh (builds it unless cached)"
        IOMMUFD_IMAGE=$(bash "$HERE/kernel/build-kernel.sh")
        rc=$?
        [ $rc -eq 2 ] && exit 2  # its message names the missing packages
        [ $rc -eq 0 ] || die "cannot build the iommufd kernel (kernel/build-kernel.sh exited $rc)"
    fi
    [ -r "$IOMMUFD_IMAGE" ] || die "cannot read the iommufd kernel $IOMMUFD_IMAGE"
fi

WORK=$(mktemp -d /tmp/vfio-lab.XXXXXX)
SHARE=$WORK/share
mkdir -p "$SHARE/out" "$SHARE/app" "$SHARE/classes"
QEMU_PID=
cleanup() {
    [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null
    if [ "${KEEP_WORK:-0}" = 1 ] || [ -n "${LAB_KEEP:-}" ]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
KERNELS=$(echo $KERNELS)
log "kernels $KERNELS, work directory $WORK"

# ---------------------------------------------------------------- initramfs (one per kernel)
ktag() { # 6.1.0-57-amd64 -> 6.1, 6.12.118+deb12-amd64 -> 6.12, iommufd -> iommufd
    case "$1" in iommufd) echo iommufd ;; *) echo "$1" | cut -d. -f1,2 ;; esac
}
kimage() { case "$1" in iommufd) echo "$IOMMUFD_IMAGE" ;; *) echo "/boot/vmlinuz-$1" ;; esac; }
build_initramfs() { # kernel version
    local kv=$1 IRD=$WORK/initramfs-$(ktag "$1")
    mkdir -p "$IRD/bin" "$IRD/proc" "$IRD/sys" "$IRD/dev" "$IRD/lab" "$IRD/host"
    cp "$BUSYBOX" "$IRD/bin/busybox"
    cp "$HERE/init.sh" "$IRD/init"
    chmod 755 "$IRD/init"
    if [ "$kv" = iommufd ]; then  # everything built in: no modules to load
        : > "$IRD/modules.list"
        (cd "$IRD" && find . | cpio -o -H newc --quiet | gzip -1) > "$WORK/initramfs-iommufd.gz" \
            || die "cannot build the initramfs for $kv"
        log "initramfs for $kv ($IOMMUFD_IMAGE): no modules"
        return
    fi
    # `modprobe --show-depends` lists each module after its dependencies; keep the first of duplicates.
    for m in $MODULES; do
        modprobe -S "$kv" --show-depends "$m" || die "modprobe knows no $m for $kv"
    done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' > "$IRD/modules.list"
    # busybox insmod loads plain .ko files only: 6.12's .ko.xz are decompressed into the initramfs.
    while read -r ko; do
        mkdir -p "$IRD$(dirname "$ko")"
        case "$ko" in
            *.ko.xz) xz -dc "$ko" > "$IRD${ko%.xz}"; ko=${ko%.xz} ;;
            *.ko.zst) zstd -qdc "$ko" > "$IRD${ko%.zst}"; ko=${ko%.zst} ;;
            *.ko.gz) gzip -dc "$ko" > "$IRD${ko%.gz}"; ko=${ko%.gz} ;;
            *) cp "$ko" "$IRD$ko" ;;
        esac
        echo "$ko"
    done < "$IRD/modules.list" > "$IRD/modules.list.new"
    mv "$IRD/modules.list.new" "$IRD/modules.list"
    (cd "$IRD" && find . | cpio -o -H newc --quiet | gzip -1) > "$WORK/initramfs-$(ktag "$kv").gz" \
        || die "cannot build the initramfs for $kv"
    log "initramfs for $kv: $(wc -l < "$IRD/modules.list") modules, $(du -k "$WORK/initramfs-$(ktag "$kv").gz" | cut -f1) KiB"
}
for v in $KERNELS; do build_initramfs "$v"; done
LAB_KERNEL=${KERNELS%% *}; KTAG=$(ktag "$LAB_KERNEL")  # the kernel of the current boot (the loop below sets it)

# ---------------------------------------------------------------- the share: app, runner, scripts
# The jar and its lib/ are copied so the guest never depends on where the repository lives; the
# guest mounts the share at this same path, so one class path (and one class-data archive) serves both.
cp "$JAR" "$SHARE/app/"
cp -r "$(dirname "$JAR")/lib" "$SHARE/app/lib"
CP="$SHARE/lab-runner.jar:$SHARE/app/$(basename "$JAR")"
for j in $(cd "$SHARE/app/lib" && ls -- *.jar | LC_ALL=C sort); do CP="$CP:$SHARE/app/lib/$j"; done
"$JAVAC" -nowarn -d "$SHARE/classes" -cp "$CP" "$HERE"/LabRunner.java "$HERE"/CdevLab.java 2> "$WORK/javac.log" \
    || { cat "$WORK/javac.log"; die "cannot compile LabRunner.java against $JAR"; }
"$(dirname "$(readlink -f "$JAVAC")")/jar" cf "$SHARE/lab-runner.jar" -C "$SHARE/classes" . || die "cannot build lab-runner.jar"
rm -rf "$SHARE/classes"
cp "${LAB_GUEST_SCRIPT:-$HERE/guest.sh}" "$SHARE/guest.sh"  # LAB_GUEST_SCRIPT: a debugging aid
# C1 only and the serial collector: less JIT work, which is what costs most under emulation. No
# verification of these just-built jars: picocli's Java 5 classes cannot be archived and would go
# through the old type-inferring verifier, which takes seconds under TCG.
JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote"
# Map the class-data archives where they were dumped: this JDK relocates them by default (address
# randomisation), which means patching ~30 MB of pointers, about 20 s under TCG.
JAVA_OPTS="$JAVA_OPTS -XX:ArchiveRelocationMode=0 -XX:-UsePerfData"
JAVA_OPTS="$JAVA_OPTS -Djava.io.tmpdir=/tmp -Djna.tmpdir=/tmp -Duser.home=/tmp"
# A class-data archive of the classes the checks use, dumped here in a few seconds, spares the guest
# most of the class loading and verification (the JVM ignores it if anything does not match).
# shellcheck disable=SC2086
if "$JAVA" $JAVA_OPTS -XX:ArchiveClassesAtExit="$SHARE/app.jsa" -cp "$CP" \
        org.vfioinspector.lab.LabRunner train > "$WORK/train.log" 2>&1; then
    JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$SHARE/app.jsa -Xshare:auto"
else
    log "no class-data archive (see $WORK/train.log); the guest loads classes the slow way"
fi
cat > "$SHARE/env.sh" <<EOF
JAVA='$JAVA'
JAVA_OPTS='$JAVA_OPTS'
CP='$CP'
EOF
truncate -s 64M "$WORK/nvme.img"
# QEMU's own view of each bus reset: config writes (bridge control) and the e1000e/nvme reset hooks.
printf '%s\n' pci_cfg_write e1000e_cb_qdev_reset pci_nvme_pci_reset > "$WORK/trace-events"

# ---------------------------------------------------------------- QEMU
# no_timer_check (kernel command line): under TCG on a loaded host the IO-APIC timer check can take too
# long and 6.1 panics ("timer doesn't work through Interrupt-remapped IO-APIC"); seen here once.
qemu_args() { # accel-args... ; prints the common part of the command line
    local scenario=$1; shift
    echo "$@" -smp 2 -m 2048 -machine q35,kernel-irqchip=split \
        -device intel-iommu,intremap=on,caching-mode=on \
        -kernel "$(kimage "$LAB_KERNEL")" -initrd "$WORK/initramfs-$KTAG.gz" \
        -display none -monitor none -no-reboot -nodefaults -vga std \
        -serial "file:$WORK/console-$KTAG-$scenario.log"
}
topology() {
    cat <<EOF
-fsdev local,id=fslab,path=$SHARE,security_model=none
-device virtio-9p-pci,fsdev=fslab,mount_tag=lab,bus=pcie.0,addr=0x8
-fsdev local,id=fsroot,path=/,security_model=none,readonly=on,multidevs=remap
-device virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot,bus=pcie.0,addr=0x9
-device pcie-root-port,id=rp1,bus=pcie.0,chassis=1,addr=0x2.0,multifunction=on
-device pcie-root-port,id=rp2,bus=pcie.0,chassis=2,addr=0x2.1
-device pcie-root-port,id=rp3,bus=pcie.0,chassis=3,addr=0x2.2
-device pcie-root-port,id=rp4,bus=pcie.0,chassis=4,addr=0x2.3
-device pcie-root-port,id=rp5,bus=pcie.0,chassis=5,addr=0x2.4
-device e1000e,romfile=,bus=rp1,netdev=n1 -netdev user,id=n1
-drive file=$WORK/nvme.img,if=none,id=nvd,format=raw -device nvme,bus=rp2,drive=nvd,serial=lab0001
-device x3130-upstream,id=up1,bus=rp3
-device xio3130-downstream,id=dn1,bus=up1,chassis=10,slot=0
-device xio3130-downstream,id=dn2,bus=up1,chassis=11,slot=0
-device e1000e,romfile=,bus=dn1,netdev=n2 -netdev user,id=n2 -device edu,bus=dn2
-device e1000e,romfile=,bus=rp4,addr=0x0.0,multifunction=on,netdev=n3 -netdev user,id=n3
-device edu,bus=rp4,addr=0x0.1
-device pcie-pci-bridge,id=ppb,bus=rp5
-device e1000,romfile=,bus=ppb,addr=0x1,netdev=n4 -netdev user,id=n4 -device edu,bus=ppb,addr=0x2
-device pcie-root-port,id=rp6,bus=pcie.0,chassis=6,addr=0x3.0,multifunction=on,disable-acs=on
-device pcie-root-port,id=rp7,bus=pcie.0,chassis=7,addr=0x3.1,disable-acs=on
-device e1000e,romfile=,bus=rp6,netdev=n5 -netdev user,id=n5 -device edu,bus=rp7
-device pcie-root-port,id=rp8,bus=pcie.0,chassis=8,addr=0x4.0
-device nvme-subsys,id=nvsub
-device nvme,bus=rp8,serial=lab0002,subsys=nvsub,sriov_max_vfs=2,sriov_vq_flexible=4,sriov_vi_flexible=2
-device pcie-root-port,id=rp9,bus=pcie.0,chassis=9,addr=0x5.0
-device pcie-pci-bridge,id=ppb2,bus=rp9
-device e1000,romfile=,bus=ppb2,addr=0x1,netdev=n6 -netdev user,id=n6
-device pci-bridge,id=pb,bus=ppb2,addr=0x2,chassis_nr=20 -device edu,bus=pb,addr=0x1
EOF
}

ACCEL="-accel tcg -cpu max"
probe_kvm() {
    [ -w /dev/kvm ] || return 1
    # A stock kernel hangs under some nested KVM flavours (VFIO-LAB.md): give it 25 s to reach /init.
    # shellcheck disable=SC2046
    timeout -k 5 25 qemu-system-x86_64 $(qemu_args probe -accel kvm -cpu host) \
        -append "console=ttyS0 panic=-1 lab.scenario=probe" </dev/null >/dev/null 2>&1
    grep -q 'LAB-INIT: probe ok' "$WORK/console-$KTAG-probe.log" 2>/dev/null
}
case "${LAB_ACCEL:-auto}" in
    tcg) ;;
    kvm) ACCEL="-accel kvm -cpu host" ;;
    auto) if probe_kvm; then ACCEL="-accel kvm -cpu host"; fi ;;
    *) die "LAB_ACCEL must be auto, tcg or kvm" ;;
esac
log "accelerator: $ACCEL"

boot() { # scenario, extra args...
    local scenario=$1; shift
    local t0; t0=$(date +%s)
    local TIMECMD=""  # QEMU's CPU time, when GNU time is there: wall time means little on a busy machine
    [ -x /usr/bin/time ] && TIMECMD="/usr/bin/time -f %U+%S -o $WORK/cputime-$KTAG-$scenario"
    # shellcheck disable=SC2046
    $TIMECMD timeout -k 10 "$BOOT_TIMEOUT" qemu-system-x86_64 $(qemu_args "$scenario" $ACCEL) $(topology) "$@" \
        -trace "events=$WORK/trace-events,file=$WORK/trace-$KTAG-$scenario.log" \
        -append "intel_iommu=on iommu=pt console=ttyS0 panic=-1 no_timer_check quiet loglevel=4 lab.scenario=$scenario lab.share=$SHARE" \
        </dev/null > "$WORK/qemu-$KTAG-$scenario.log" 2>&1 &
    QEMU_PID=$!
    wait "$QEMU_PID"
    local rc=$?
    QEMU_PID=
    log "boot '$scenario' on $LAB_KERNEL: QEMU exited $rc after $(( $(date +%s) - t0 )) s (CPU user+sys s: $(cat "$WORK/cputime-$KTAG-$scenario" 2>/dev/null || echo ?))"
    return $rc
}

# ---------------------------------------------------------------- results
PASSED=0; FAILED=0; SKIPPED=0
record() { # STATUS id detail
    printf '%-4s %-38s %s\n' "$1" "$KTAG/$2" "$3"
    case "$1" in PASS) PASSED=$((PASSED + 1));; FAIL) FAILED=$((FAILED + 1));; *) SKIPPED=$((SKIPPED + 1));; esac
}
collect() { # scenario: print and count the guest's result lines
    local scenario=$1 file=$SHARE/out/$1/results.txt
    if [ -f "$SHARE/out/init-error.txt" ]; then
        record FAIL "boot.$scenario" "guest init: $(cat "$SHARE/out/init-error.txt")"; rm -f "$SHARE/out/init-error.txt"
    fi
    if [ ! -s "$file" ]; then
        record FAIL "boot.$scenario" "no results (console: $WORK/console-$KTAG-$scenario.log, guest log: $SHARE/out/guest-$scenario.log)"
        tail -n 30 "$SHARE/out/guest-$scenario.log" "$WORK/console-$KTAG-$scenario.log" 2>/dev/null | sed 's/^/    /'
        return
    fi
    if ! grep -q '^END ' "$file"; then
        record FAIL "boot.$scenario" "the guest stopped before finishing its checks (see $SHARE/out/guest-$scenario.log)"
        tail -n 30 "$SHARE/out/guest-$scenario.log" 2>/dev/null | sed 's/^/    /'
    fi
    while IFS= read -r line; do
        local status=${line%% *} rest=${line#* }
        case "$status" in PASS|FAIL|SKIP) record "$status" "${rest%% *}" "${rest#* }";; esac
    done < "$file"
}

host_runner() { # mode args...: the same LabRunner, on this host, for the host half of a check
    "$JAVA" -Djava.io.tmpdir="$WORK" -cp "$CP" org.vfioinspector.lab.LabRunner "$@"
}

for LAB_KERNEL in $KERNELS; do
KTAG=$(ktag "$LAB_KERNEL")
boots=$SCENARIOS
[ "$LAB_KERNEL" = iommufd ] && boots=$IOMMUFD_SCENARIOS
for scenario in $boots; do
    case "$scenario" in
        normal) boot normal -global pcie-root-port.x-speed=2_5 -global pcie-root-port.x-width=1 ;;
        linkdown) boot linkdown ;;  # QEMU's default 16 GT/s root ports: HOT_RESET fails with ENOTTY
        # native PCIe hot-plug instead of QEMU's default ACPI hot-plug: the ports' slots are pciehp's
        pciehp) boot pciehp -global pcie-root-port.x-speed=2_5 -global pcie-root-port.x-width=1 \
            -global ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off ;;
        *) die "unknown scenario $scenario" ;;
    esac
    collect "$scenario"
    if [ -f "$SHARE/out/$scenario/results.txt" ]; then
        host_runner host "$scenario" "$SHARE/out/$scenario" "$WORK/trace-$KTAG-$scenario.log" > "$WORK/host-$KTAG-$scenario.txt" 2>&1
        while IFS= read -r line; do
            status=${line%% *}; rest=${line#* }
            case "$status" in PASS|FAIL|SKIP) record "$status" "${rest%% *}" "${rest#* }";; *) echo "    $line";; esac
        done < "$WORK/host-$KTAG-$scenario.txt"
    fi
    # each kernel's results in a folder of their own; the share is reused by the next boot
    mkdir -p "$WORK/out-$KTAG"
    for f in "$SHARE/out/$scenario" "$SHARE/out/guest-$scenario.log" "$SHARE/out/guest-$scenario.rc"; do
        [ -e "$f" ] && mv "$f" "$WORK/out-$KTAG/"
    done
done
done

if [ -n "${LAB_UPDATE_FIXTURES:-}" ]; then
    FIX=$REPO/core/src/test/resources/fixtures/lab
    mkdir -p "$FIX"
    for v in $KERNELS; do
        t=$(ktag "$v"); src=$WORK/out-$t/normal
        [ -f "$src/snapshot.tar.gz" ] || continue
        suffix=$([ "$t" = 6.1 ] && echo "" || echo "-$t")  # 6.1 keeps the original names
        cp "$src/snapshot.tar.gz" "$FIX/lab-guest-snapshot$suffix.tar.gz"
        cp "$src/kernel-answers.json" "$FIX/kernel-answers$suffix.json"
        [ -f "$WORK/out-$t/pciehp/snapshot.tar.gz" ] && cp "$WORK/out-$t/pciehp/snapshot.tar.gz" "$FIX/lab-guest-snapshot-pciehp$suffix.tar.gz"
        [ -f "$WORK/out-$t/pciehp/kernel-answers.json" ] && cp "$WORK/out-$t/pciehp/kernel-answers.json" "$FIX/kernel-answers-pciehp$suffix.json"
        # issue 20: the kernel's own answers through the vfio cdev (the iommufd kernel's normal and linkdown boots)
        [ -f "$src/cdev-answers.json" ] && cp "$src/cdev-answers.json" "$FIX/cdev-answers$suffix.json"
        [ -f "$WORK/out-$t/linkdown/cdev-answers.json" ] && cp "$WORK/out-$t/linkdown/cdev-answers.json" "$FIX/cdev-answers-linkdown$suffix.json"
        log "fixtures from $v updated in $FIX"
    done
fi

[ "$FAILED" -gt 0 ] && KEEP_WORK=1
log "wall time $(( $(date +%s) - START )) s"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
