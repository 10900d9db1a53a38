#!/bin/sh
# Runs inside the lab guest, chrooted into the host's root (read-only) with the guest's own /proc,
# /sys, /dev and a tmpfs /tmp; the lab share is mounted at the same path as on the host. Starts ONE
# JVM (LabRunner) for every check of this boot: a JVM start costs 4-14 s under TCG.
# run-lab.sh writes env.sh next to this script (JAVA, JAVA_OPTS, CP).
SCENARIO=${1:?scenario}
SHARE=$(dirname "$0")
. "$SHARE/env.sh"
OUT=$SHARE/out/$SCENARIO
mkdir -p "$OUT"
export HOME=/tmp LANG=C.UTF-8 TMPDIR=/tmp
echo "guest: kernel $(uname -r), scenario $SCENARIO, $(nproc) cpus"

# SR-IOV: enable every VF of the NVMe controller (QEMU's nvme with sriov_max_vfs); the PF stays on nvme
# and no driver probes the VFs (sriov_drivers_autoprobe=0), so the checks can bind them to vfio-pci.
for pf in /sys/bus/pci/devices/*; do
    total=$(cat "$pf/sriov_totalvfs" 2>/dev/null || echo 0)
    [ "$total" -gt 0 ] 2>/dev/null || continue
    echo 0 > "$pf/sriov_drivers_autoprobe"
    if echo "$total" > "$pf/sriov_numvfs"; then
        echo "guest: ${pf##*/} enabled $total VFs"
    else
        echo "guest: ${pf##*/} could not enable $total VFs"
    fi
done

# The guest's own view, straight from the kernel and pciutils (the reference for check 1).
lspci -D -PP -n -k > "$OUT/lspci.txt" 2> "$OUT/lspci.err"
for d in /sys/kernel/iommu_groups/*/devices/*; do
    g=${d#/sys/kernel/iommu_groups/}
    echo "${g%%/*} ${d##*/}"
done > "$OUT/iommu-groups.txt"

# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -Xlog:cds=info:file="$OUT/cds.log" \
    -cp "$CP" org.vfioinspector.lab.LabRunner guest "$SCENARIO" "$OUT"
rc=$?
echo "guest: LabRunner exited $rc"
exit $rc
