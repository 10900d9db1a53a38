package org.vfioinspector.core.compare;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.KernelCommandLine;

/** Differences of the hosts as a whole: which host, the IOMMU, the kernel release and its command line. */
final class HostChanges {

    private HostChanges() {
    }

    static void add(Side a, Side b, List<Change> out) {
        if (a.hostName().isPresent() && b.hostName().isPresent() && !a.hostName().equals(b.hostName())) {
            out.add(Change.of(Change.Aspect.HOST, Change.Impact.NEUTRAL, null, null,
                    "The sides come from different hosts", a.hostName().get(), b.hostName().get()));
        }
        HostInfo ha = a.topology().host();
        HostInfo hb = b.topology().host();
        if (ha.iommuEnabled() != hb.iommuEnabled()) {
            out.add(Change.of(Change.Aspect.IOMMU, ha.iommuEnabled() ? Change.Impact.WORSE : Change.Impact.BETTER,
                    null, null, hb.iommuEnabled() ? "The IOMMU is on now" : "The IOMMU is off (no IOMMU groups): VFIO cannot be used",
                    ha.iommuSummary(), hb.iommuSummary()));
        }
        release(a, b, ha.kernelRelease(), hb.kernelRelease(), out);
        commandLine(a, b, ha.cmdline(), hb.cmdline(), out);
    }

    private static void release(Side a, Side b, Optional<String> ra, Optional<String> rb, List<Change> out) {
        if (ra.isPresent() != rb.isPresent()) {
            out.add(Change.of(Change.Aspect.KERNEL, Change.Impact.UNKNOWN, null, null, "The kernel release is unknown on "
                    + (ra.isEmpty() ? a.label() : b.label()), ra.orElse(null), rb.orElse(null)));
        } else if (ra.isPresent() && !ra.equals(rb)) {
            out.add(Change.of(Change.Aspect.KERNEL, Change.Impact.NEUTRAL, null, null, "Another kernel release",
                    ra.get(), rb.get()));
        }
    }

    private static void commandLine(Side a, Side b, KernelCommandLine ca, KernelCommandLine cb, List<Change> out) {
        if (ca.raw().isEmpty() != cb.raw().isEmpty()) {
            out.add(Change.of(Change.Aspect.COMMAND_LINE, Change.Impact.UNKNOWN, null, null,
                    "The kernel command line is unknown on " + (ca.raw().isEmpty() ? a.label() : b.label()),
                    ca.raw().isEmpty() ? null : ca.raw(), cb.raw().isEmpty() ? null : cb.raw()));
            return;
        }
        TreeSet<String> keys = new TreeSet<>(ca.parameters().keySet());
        keys.addAll(cb.parameters().keySet());
        for (String k : keys) {
            Optional<String> va = Optional.ofNullable(ca.parameters().get(k));
            Optional<String> vb = Optional.ofNullable(cb.parameters().get(k));
            if (va.equals(vb)) {
                continue;
            }
            String was = va.map(v -> param(k, v)).orElse(null);
            String now = vb.map(v -> param(k, v)).orElse(null);
            String what = va.isEmpty() ? "added" : vb.isEmpty() ? "removed" : "changed";
            out.add(Change.of(Change.Aspect.COMMAND_LINE, impact(k, va, vb), null, null,
                    "Kernel parameter " + k + " " + what, was, now));
        }
    }

    private static String param(String k, String v) {
        return v.isEmpty() ? k : k + "=" + v;
    }

    /** IOMMU switched off, or ACS isolation faked by the override patch: worse; switched on: better. */
    private static Change.Impact impact(String k, Optional<String> va, Optional<String> vb) {
        if (k.equals("intel_iommu") || k.equals("amd_iommu")) {
            boolean offBefore = va.map(v -> v.contains("off")).orElse(false);
            boolean offAfter = vb.map(v -> v.contains("off")).orElse(false);
            boolean onBefore = va.map(v -> v.contains("on")).orElse(false);
            boolean onAfter = vb.map(v -> v.contains("on")).orElse(false);
            if (offAfter && !offBefore || onBefore && !onAfter && k.equals("intel_iommu")) {
                return Change.Impact.WORSE;
            }
            return onAfter && !onBefore || offBefore && !offAfter ? Change.Impact.BETTER : Change.Impact.NEUTRAL;
        }
        if (k.equals("pcie_acs_override") && vb.isPresent()) {
            return Change.Impact.WORSE;
        }
        return Change.Impact.NEUTRAL;
    }
}
