package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;

/** The check that a host read in stages ({@link SysfsReader#scanInStages}) is read as one scan reads it. */
public final class StagedScans {

    private StagedScans() {
    }

    /** Complete equals scan(), and the outline holds what the graph shows of every function. */
    public static void assertSameAsScan(HostRoot root) {
        Topology scanned = new SysfsReader(root).scan();
        StagedScan staged = new SysfsReader(root).scanInStages(ScanProgress.NONE);
        Topology complete = staged.complete(ScanProgress.NONE);

        assertThat(complete.devices()).as(root.description()).containsExactlyElementsOf(scanned.devices());
        assertThat(complete.groups()).isEqualTo(scanned.groups());
        assertThat(complete.slots()).isEqualTo(scanned.slots());
        assertThat(complete.host()).isEqualTo(scanned.host());
        assertThat(complete.notes()).isEqualTo(scanned.notes());
        assertThat(staged.complete(ScanProgress.NONE)).as("read once").isSameAs(complete);

        Topology outline = staged.outline();
        assertThat(outline.devices()).extracting(PciDevice::address)
                .containsExactlyElementsOf(scanned.devices().stream().map(PciDevice::address).toList());
        assertThat(outline.groups()).isEqualTo(scanned.groups());
        for (PciDevice d : scanned.devices()) {
            PciDevice o = outline.device(d.address()).orElseThrow();
            assertThat(graphFacts(o, outline)).as("%s in %s", d.address(), root.description())
                    .isEqualTo(graphFacts(d, scanned));
        }
    }

    /** What the topology graph draws of a function. */
    private static String graphFacts(PciDevice d, Topology t) {
        boolean belowPf = d.sriov().physfn().map(t::contains).orElse(false);
        return String.join(" | ", d.sysfsPath(), String.valueOf(d.parent()), String.valueOf(t.parent(d.address()).map(PciDevice::address)),
                String.valueOf(d.vendorId()), String.valueOf(d.deviceId()), String.valueOf(d.classCode()),
                String.valueOf(d.subsystemVendorId()), String.valueOf(d.subsystemDeviceId()),
                String.valueOf(d.driver()), String.valueOf(d.iommuGroup()), String.valueOf(d.sriov().physfn()),
                String.valueOf(d.isBridge()), String.valueOf(d.isHostBridge()),
                d.isBridge() ? String.valueOf(d.portType()) : "-",
                d.isBridge() ? d.secondaryBus() + " " + d.subordinateBus() : "-",
                belowPf ? "in its PF's VF node" : String.valueOf(d.link()));
    }
}
