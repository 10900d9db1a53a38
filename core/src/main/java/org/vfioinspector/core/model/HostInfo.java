package org.vfioinspector.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts about the host as a whole: kernel release, command line, and what they say about the IOMMU.
 *
 * @param kernelRelease {@code proc/sys/kernel/osrelease} (e.g. {@code 6.1.0-56-amd64}) when readable
 * @param hypervisor    the hypervisor the host runs under when the kernel shows one (the host is a VM)
 */
public record HostInfo(Optional<String> kernelRelease, KernelCommandLine cmdline, int iommuGroupCount,
        Optional<Hypervisor> hypervisor) {

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)");

    public static final HostInfo UNKNOWN = new HostInfo(Optional.empty(), KernelCommandLine.EMPTY, 0);

    /** A host with no sign of a hypervisor. */
    public HostInfo(Optional<String> kernelRelease, KernelCommandLine cmdline, int iommuGroupCount) {
        this(kernelRelease, cmdline, iommuGroupCount, Optional.empty());
    }

    /** True when the kernel formed IOMMU groups: an IOMMU is on and VFIO can be used. */
    public boolean iommuEnabled() {
        return iommuGroupCount > 0;
    }

    /** A one-line IOMMU summary for a status bar: "IOMMU on (passthrough), 17 groups". */
    public String iommuSummary() {
        if (!iommuEnabled()) {
            return "IOMMU off or not enabled";
        }
        String mode = cmdline.passthrough() ? "passthrough" : "translated";
        return "IOMMU on (" + mode + "), " + iommuGroupCount + (iommuGroupCount == 1 ? " group" : " groups");
    }

    /** When there are no groups: what to put on the kernel command line, in sentences. */
    public List<String> iommuAdvice() {
        List<String> out = new ArrayList<>();
        if (iommuEnabled()) {
            return out;
        }
        if (hypervisor.isPresent()) {
            // a VM's firmware has no VT-d switch to turn on: the VM needs a virtual IOMMU from its hypervisor
            Hypervisor h = hypervisor.get();
            String who = h.name().equals(Hypervisor.UNNAMED) ? "" : h.name() + ": ";
            out.add("No IOMMU groups were found: this is a virtual machine (" + who + h.evidence() + ") without a virtual IOMMU, so VFIO cannot "
                    + "be used in it.");
            out.add("Give the VM a virtual IOMMU and boot it with intel_iommu=on (QEMU: -machine "
                    + "q35,kernel-irqchip=split -device intel-iommu,intremap=on, or -device virtio-iommu-pci; "
                    + "libvirt: <iommu model='intel'/>), or run VFIO Inspector on the host, where the real "
                    + "devices are.");
            return out;
        }
        out.add("No IOMMU groups were found: the IOMMU is off or not enabled, so VFIO cannot be used.");
        if (cmdline.intelIommu().map("off"::equals).orElse(false)) {
            out.add("The kernel command line has intel_iommu=off; replace it with intel_iommu=on.");
        } else if (cmdline.amdIommu().map("off"::equals).orElse(false)) {
            out.add("The kernel command line has amd_iommu=off; remove it (AMD-Vi is on by default when enabled in firmware).");
        } else {
            out.add("Enable VT-d / AMD-Vi in the firmware setup, then add intel_iommu=on (Intel) to the kernel "
                    + "command line; AMD systems enable AMD-Vi by default. Add iommu=pt to keep host devices fast.");
        }
        return out;
    }

    /** The kernel version as numbers (major, minor), when the release string starts with them. */
    public Optional<int[]> kernelVersion() {
        return kernelRelease.flatMap(HostInfo::parseVersion);
    }

    static Optional<int[]> parseVersion(String release) {
        var m = VERSION.matcher(release);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when the kernel is at least {@code major.minor}; empty when the version is unknown. */
    public Optional<Boolean> kernelAtLeast(int major, int minor) {
        return kernelVersion().map(v -> v[0] > major || (v[0] == major && v[1] >= minor));
    }
}
