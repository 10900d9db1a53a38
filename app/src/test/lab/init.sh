#!/bin/busybox sh
# /init of the lab guest (copied into the initramfs by run-lab.sh; runs as PID 1 under busybox).
# Mounts the kernel file systems, loads the modules listed in /modules.list in that order (run-lab.sh
# takes them from `modprobe --show-depends`, so dependencies come first), mounts the two 9p shares,
# chroots into the host's root (read-only) with the guest's own /proc /sys /dev and a tmpfs /tmp, and
# runs the guest script from the lab share (mounted at the host's own path of the share, lab.share=).
# Everything the guest writes goes to the lab share.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

say() { echo "LAB-INIT: $*"; }
finish() {
    sync
    say "power-off"
    poweroff -f
    sleep 5
}

SCENARIO=$(sed -n 's/.*lab\.scenario=\([a-z0-9-]*\).*/\1/p' /proc/cmdline)
if [ "$SCENARIO" = probe ]; then
    say "probe ok"   # run-lab.sh's accelerator probe: the kernel reached /init
    poweroff -f
fi

while read -r ko; do
    [ -n "$ko" ] && insmod "$ko" 2>/dev/null || true
done < /modules.list

# The virtio transports probe asynchronously; wait (briefly) until both 9p tags are known.
i=0
while [ $i -lt 50 ]; do
    [ "$(cat /sys/bus/virtio/drivers/9pnet_virtio/virtio*/mount_tag 2>/dev/null | tr -d '\0' | tr '\n' ' ')" != "" ] \
        && [ "$(ls -d /sys/bus/virtio/drivers/9pnet_virtio/virtio* 2>/dev/null | wc -l)" -ge 2 ] && break
    sleep 0.1
    i=$((i + 1))
done

mkdir -p /lab /host
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 lab /lab; then
    say "cannot mount the lab share"; finish
fi
# The host root is read-only twice over: QEMU exports it readonly=on and the guest mounts it ro.
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,ro,cache=loose hostroot /host; then
    echo "cannot mount the host root" > /lab/out/init-error.txt; finish
fi
mount --bind /proc /host/proc
mount --bind /sys /host/sys
mount --bind /dev /host/dev
mount -t tmpfs -o size=512m tmpfs /host/tmp
# The CLI's audit log (issue 19) goes to its default /var/log/vfio-inspector/ as it would on a real machine: the
# guest's own tmpfs over the read-only host root's /var/log, so nothing reaches the host's /var/log.
mount -t tmpfs -o size=16m,mode=0755 tmpfs /host/var/log
# tracefs for the slot-or-bus check (which reset function the kernel called); not needed otherwise
mount -t tracefs tracefs /host/sys/kernel/tracing 2>/dev/null || true
# The lab share appears in the chroot at the host's own path of it, so that class paths (and the
# JVM's class-data archive, which checks them) are the same strings on both sides.
SHARE=$(sed -n 's/.*lab\.share=\([^ ]*\).*/\1/p' /proc/cmdline)
case "$SHARE" in /*) ;; *) echo "no lab.share= on the kernel command line" > /lab/out/init-error.txt; finish;; esac
mkdir -p "/host$SHARE" 2>/dev/null
if ! mount --bind /lab "/host$SHARE"; then
    echo "cannot bind the lab share to $SHARE" > /lab/out/init-error.txt; finish
fi

# Refuse to go on unless the chroot really sees the guest's own sysfs (never the host's).
for fs in "/host/proc proc" "/host/sys sysfs" "/host/dev devtmpfs" "/host/tmp tmpfs" "/host/var/log tmpfs"; do
    if ! grep -q "^[^ ]* $fs " /proc/mounts; then
        echo "the chroot does not see the guest's own ${fs% *}" > /lab/out/init-error.txt; finish
    fi
done
if [ ! -e /host/sys/kernel/iommu_groups/0 ]; then
    echo "the guest has no IOMMU groups (intel_iommu not active?)" > /lab/out/init-error.txt; finish
fi

say "scenario ${SCENARIO:-none}"
chroot /host /bin/sh "$SHARE/guest.sh" "$SCENARIO" > /lab/out/guest-"$SCENARIO".log 2>&1
echo "$?" > /lab/out/guest-"$SCENARIO".rc
finish
