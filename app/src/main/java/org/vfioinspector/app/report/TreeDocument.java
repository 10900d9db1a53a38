package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;

/** The {@code tree --json} document (shared/DESIGN.md): every function sorted by address, the groups, the host. */
public record TreeDocument(List<DeviceDocument> devices, List<Group> groups, Host host) {

    /** An IOMMU group and its members. */
    public record Group(int id, Optional<String> type, List<String> devices) {

        static Group of(IommuGroup g) {
            return new Group(g.id(), g.type(), Json.addresses(g.devices()));
        }
    }

    /** The running kernel and its IOMMU, and what could not be read. */
    public record Host(Optional<String> kernel, boolean iommuEnabled, String iommu, String cmdline, List<String> notes) {

        static Host of(Topology t) {
            return new Host(t.host().kernelRelease(), t.host().iommuEnabled(), t.host().iommuSummary(),
                    t.host().cmdline().raw(), t.notes());
        }
    }

    public static TreeDocument of(Topology t, PciIds names, HostHealth health) {
        return new TreeDocument(t.devices().stream().map(d -> DeviceDocument.of(d, t, names, health)).toList(),
                t.groups().stream().map(Group::of).toList(), Host.of(t));
    }
}
