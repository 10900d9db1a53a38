package org.vfioinspector.app.gui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.vfioinspector.app.report.Labels;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/**
 * One IOMMU group as the overview table shows it when nothing is selected: its functions, their
 * drivers, and whether the group could be handed to a VM as it is.
 *
 * @param state "ready for VFIO", "held by qemu-system-x86 (pid 4242)", "host drivers: nvme", …
 */
public record GroupSummary(int id, List<PciAddress> members, String devices, String drivers, String state) {

    public GroupSummary {
        members = List.copyOf(members);
    }

    /** Every group of the host, in number order. */
    public static List<GroupSummary> of(LoadedHost host) {
        List<GroupSummary> out = new ArrayList<>();
        for (IommuGroup g : host.topology().groups()) {
            List<PciDevice> ds = g.devices().stream().map(host.topology()::device)
                    .flatMap(java.util.Optional::stream).toList();
            String devices = ds.stream().map(d -> Labels.deviceName(d, host.names())).distinct()
                    .collect(Collectors.joining("; "));
            Set<String> drivers = new LinkedHashSet<>();
            ds.forEach(d -> drivers.add(d.driver().orElse("none")));
            out.add(new GroupSummary(g.id(), g.devices(), devices, String.join(", ", drivers), state(g, ds, host)));
        }
        return out;
    }

    private static String state(IommuGroup g, List<PciDevice> ds, LoadedHost host) {
        List<Holder> holders = host.state().holders().holdersOfGroup(g.id());
        if (!holders.isEmpty()) {
            return "held by " + holders.stream().map(h -> h.command() + " (pid " + h.pid() + ")").distinct()
                    .collect(Collectors.joining(", "));
        }
        // vfio-pci never binds bridges, and the kernel lets a group with bridges be used anyway
        List<PciDevice> endpoints = ds.stream().filter(d -> !d.isBridge() && !d.isHostBridge()).toList();
        if (endpoints.isEmpty()) {
            return "bridges only";
        }
        List<String> onHost = endpoints.stream().map(d -> d.driver().orElse(null))
                .filter(d -> d != null && !d.equals("vfio-pci")).distinct().toList();
        if (!onHost.isEmpty()) {
            return "host drivers: " + String.join(", ", onHost);
        }
        long unbound = endpoints.stream().filter(d -> d.driver().isEmpty()).count();
        return unbound == 0 ? "ready for VFIO" : "ready for VFIO; " + unbound + " without a driver";
    }
}
