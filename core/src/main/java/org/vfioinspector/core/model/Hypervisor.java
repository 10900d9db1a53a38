package org.vfioinspector.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The hypervisor a host runs under, when the kernel shows one: the host is a virtual machine, its PCI
 * functions are virtual, and without a virtual IOMMU it has no IOMMU groups.
 *
 * @param name     what runs it ("QEMU/KVM", "VMware", "Hyper-V", "Xen", or {@link #UNNAMED} when only the
 *                 CPU flag says so)
 * @param evidence where that was read, for people ("the firmware's system vendor QEMU")
 */
public record Hypervisor(String name, String evidence) {

    /** The name when only the CPU's hypervisor flag tells. */
    public static final String UNNAMED = "unknown hypervisor";

    /**
     * What the host's files say, each empty when missing or unreadable: {@code sys/hypervisor/type}, the DMI
     * {@code sys_vendor} and {@code product_name}, and the start of {@code proc/cpuinfo}. Empty when none of
     * them names a hypervisor (bare metal, or a VM that hides itself; never a claim that the host is bare
     * metal).
     */
    public static Optional<Hypervisor> detect(Optional<String> hypervisorType, Optional<String> vendor,
            Optional<String> product, Optional<String> cpuinfo) {
        Optional<String> type = hypervisorType.map(String::strip).filter(s -> !s.isEmpty());
        if (type.isPresent()) {
            return Optional.of(new Hypervisor(pretty(type.get()), "sys/hypervisor/type says " + type.get()));
        }
        String v = vendor.map(String::strip).orElse("");
        String p = product.map(String::strip).orElse("");
        Optional<String> byFirmware = fromDmi(v, p);
        if (byFirmware.isPresent()) {
            return Optional.of(new Hypervisor(byFirmware.get(), "the firmware names the machine \""
                    + (v + " " + p).strip() + "\""));
        }
        if (cpuinfo.map(Hypervisor::cpuFlag).orElse(false)) {
            return Optional.of(new Hypervisor(UNNAMED, "the CPU reports the hypervisor flag"
                    + (v.isEmpty() ? "" : " (firmware vendor \"" + v + "\")")));
        }
        return Optional.empty();
    }

    private static String pretty(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "xen" -> "Xen";
            case "z/vm", "zvm" -> "z/VM";
            default -> type;
        };
    }

    /** Vendors and products that only virtual machines report ("Amazon EC2" is also bare metal: not here). */
    static Optional<String> fromDmi(String vendor, String product) {
        String v = vendor.toLowerCase(Locale.ROOT);
        String p = product.toLowerCase(Locale.ROOT);
        if (v.equals("qemu") || p.equals("kvm") || p.startsWith("kvm ") || p.contains("openstack nova")) {
            return Optional.of("QEMU/KVM");
        }
        if (v.startsWith("vmware")) {
            return Optional.of("VMware");
        }
        if (v.startsWith("innotek") || p.equals("virtualbox")) {
            return Optional.of("VirtualBox");
        }
        if (v.startsWith("microsoft") && p.equals("virtual machine")) {
            return Optional.of("Hyper-V");
        }
        if (v.equals("xen")) {
            return Optional.of("Xen");
        }
        if (v.startsWith("parallels")) {
            return Optional.of("Parallels");
        }
        if (p.equals("google compute engine")) {
            return Optional.of("Google Compute Engine");
        }
        return Optional.empty();
    }

    /** True when the first {@code flags} line of {@code proc/cpuinfo} (x86) lists {@code hypervisor}. */
    static boolean cpuFlag(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                for (String flag : line.substring(colon + 1).strip().split("\\s+")) {
                    if (flag.equals("hypervisor")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }
}
