package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.model.BusAddress;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;

/** The text of {@code tree}: like {@code lspci -tv}, with IOMMU groups and drivers. */
public final class TreeText {

    private TreeText() {
    }

    public static String render(Topology t, PciIds ids) {
        StringBuilder b = new StringBuilder();
        for (BusAddress bus : t.rootBuses()) {
            List<PciDevice> top = t.roots().stream()
                    .filter(d -> d.address().busAddress().equals(bus)).toList();
            // functions whose bridge this host root does not show are at the top too, but not on a root bus
            boolean unknownBridge = top.stream().allMatch(d -> t.parentUnknown(d.address()).isPresent());
            b.append('[').append(bus).append(unknownBridge
                    ? "]  bus below an unknown bridge (not in this host root)\n" : "]  root bus\n");
            for (int i = 0; i < top.size(); i++) {
                line(b, t, ids, top.get(i), "", i == top.size() - 1, false);
            }
        }
        if (t.isEmpty()) {
            b.append("No PCI functions found.\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, Topology t, PciIds ids, PciDevice d, String indent,
                             boolean last, boolean showBus) {
        PciAddress a = d.address();
        b.append(indent).append(last ? "└─ " : "├─ ");
        if (showBus) {
            b.append(PciIds.hex(a.bus(), 2)).append(':');
        }
        b.append(PciIds.hex(a.device(), 2)).append('.').append(Integer.toHexString(a.function()))
                .append("  ").append(Names.describe(d, ids));
        b.append("  [").append(d.driver().orElse("no driver")).append(']');
        if (d.iommuGroup().isPresent()) {
            b.append("  group ").append(d.iommuGroup().getAsInt());
        }
        b.append('\n');
        List<PciAddress> kids = t.children(a);
        String childIndent = indent + (last ? "   " : "│  ");
        for (int i = 0; i < kids.size(); i++) {
            PciDevice k = t.device(kids.get(i)).orElseThrow();
            line(b, t, ids, k, childIndent, i == kids.size() - 1, true);
        }
    }
}
