package org.vfioinspector.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.PciSlot;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.KernelResetMethods;
import org.vfioinspector.core.reset.ResetMethodInfo;

/** The sections of a {@link FunctionDescription} read from config space: reset methods and capabilities. */
final class CapabilityFacts {

    private CapabilityFacts() {
    }

    static DetailSection resets(PciDevice d, Topology t) {
        List<DetailRow> rows = new ArrayList<>();
        KernelResetMethods k = KernelResetMethods.of(d, t);
        if (d.resetMethods().isEmpty()) {
            // absent: none found on a kernel that has the file, or a kernel before 5.15 that has no such file
            rows.add(new DetailRow("reset_method", switch (k.source()) {
                case SYSFS -> "absent";
                case INFERRED -> "absent (kernel before 5.15): inferred";
                case UNKNOWN -> "absent: unknown";
            }, k.source() == KernelResetMethods.Source.SYSFS ? "The kernel found no way to reset just this function."
                    : k.explanation()));
        } else if (d.resetDisabled()) {
            rows.add(new DetailRow("reset_method", "empty (disabled)",
                    "An administrator disabled resets; kernels since 6.15 then refuse bus resets that reach it."));
        }
        for (ResetMethodInfo m : ResetMethodInfo.explain(d, t)) {
            rows.add(new DetailRow(m.method(), m.explanation(), m.functionOnly() ? "Resets only this function." : ""));
        }
        return new DetailSection("Reset methods", rows);
    }

    static DetailSection capabilities(PciDevice d) {
        if (d.config().isEmpty()) {
            return new DetailSection("Capabilities", List.of(DetailRow.of("config space", "not readable")));
        }
        ConfigSpace c = d.config().get();
        List<DetailRow> rows = new ArrayList<>();
        rows.add(DetailRow.of("Config space", c.length() + " bytes" + (c.extendedAvailable() ? "" : c.capabilitiesAvailable()
                ? " (no extended space: run as root to read ACS)" : " (header only: run as root)")));
        if (!c.capabilities().isEmpty()) {
            rows.add(DetailRow.of("Capabilities", c.capabilities().stream().map(x -> x.name()).distinct()
                    .collect(Collectors.joining(", "))));
        }
        if (!c.extendedCapabilities().isEmpty()) {
            rows.add(DetailRow.of("Extended", c.extendedCapabilities().stream().map(x -> x.name()).distinct()
                    .collect(Collectors.joining(", "))));
        }
        c.pciExpress().ifPresent(e -> rows.add(new DetailRow("FLR", e.flrCapable() ? "supported" : "not supported",
                "Function Level Reset in the PCIe Device Capabilities.")));
        c.powerManagement().ifPresent(pm -> rows.add(new DetailRow("NoSoftRst", pm.noSoftReset() ? "+ (keeps state in D3hot)" : "-",
                "With NoSoftRst+ a D3hot→D0 transition does not reset the function.")));
        c.acs().ifPresent(a -> rows.addAll(acs(a)));
        return new DetailSection("Capabilities", rows);
    }

    static List<DetailRow> acs(Acs a) {
        List<DetailRow> rows = new ArrayList<>();
        StringBuilder s = new StringBuilder();
        StringBuilder hint = new StringBuilder();
        for (AcsBit bit : AcsBit.values()) {
            if (a.hasCapability(bit)) {
                s.append(bit.name()).append(a.isEnabled(bit) ? "+ " : "- ");
                hint.append(bit.name()).append(": ").append(bit.description()).append('\n');
            }
        }
        rows.add(new DetailRow("ACS", s.length() == 0 ? "capability present, no controls" : s.toString().strip(),
                hint.toString().strip()));
        rows.add(DetailRow.of("ACS isolation", a.isolates() ? "isolates the functions below"
                : "does not enable " + a.isolationGaps().stream().map(Enum::name).collect(Collectors.joining(", "))));
        return rows;
    }

    /** Only a slot driven by pciehp is reset on its own; every other slot is reset with its whole bus. */
    static String slotTip(PciSlot s) {
        return s.slotReset().map(own -> own ? "A pciehp hot-plug slot: the kernel can reset just this slot."
                : s.hotplug() ? "A hot-plug slot whose driver (" + s.hotplugDriver().orElse("not pciehp")
                        + ") has no slot reset: resets use the whole bus."
                        : "A slot without a hot-plug controller: resets use the whole bus.")
                .orElse("A hot-plug slot whose driver cannot be seen: a reset is predicted for the whole bus, which"
                        + " holds the slot.");
    }
}
