package org.vfioinspector.app.report;

import java.util.Map;

import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.GroupExplanation;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * The text of {@code groups}: each IOMMU group with its members, drivers and holders, and with {@code explain}
 * why the members share it ({@code why}: the explanations by group number).
 */
public final class GroupsText {

    private GroupsText() {
    }

    public static String render(Topology t, PciIds names, HolderScan holders, Map<Integer, GroupExplanation> why,
                                boolean explain) {
        StringBuilder b = new StringBuilder();
        if (!t.host().iommuEnabled()) {
            t.host().iommuAdvice().forEach(line -> b.append(line).append('\n'));
            return b.toString();
        }
        for (IommuGroup g : t.groups()) {
            b.append("IOMMU group ").append(g.id()).append(g.type().map(x -> " (" + x + ")").orElse("")).append('\n');
            for (PciAddress a : g.devices()) {
                String line = t.device(a)
                        .map(d -> a + "  " + Names.describe(d, names) + "  [" + d.driver().orElse("no driver") + "]")
                        .orElse(a + "  (listed by the group, but not found under " + SysfsNames.BUS_DEVICES + ")");
                b.append("  ").append(line).append('\n');
            }
            for (Holder h : holders.holdersOfGroup(g.id())) {
                b.append("  held by ").append(h.describe()).append(": ").append(h.cmdline()).append('\n');
            }
            if (explain && why.containsKey(g.id())) {
                GroupExplanation e = why.get(g.id());
                e.reasons().forEach(r -> b.append("  why: ").append(r.message()).append('\n'));
                if (!e.fullyExplained()) {
                    b.append("  why: unexplained for ").append(e.unexplained())
                            .append(" — the ACS and topology rules do not account for it (firmware or kernel quirks may).\n");
                }
            }
        }
        if (!holders.complete()) {
            b.append('\n');
            b.append("Holders: unknown (needs root) for processes whose open files could not be read.\n");
        }
        return b.toString();
    }
}
