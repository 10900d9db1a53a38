package org.vfioinspector.core.bench;

import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.model.PciAddress;

/**
 * One function of a synthetic host as the group rules see it: what kind of PCI(e) function it is,
 * where it hangs, and whether it enforces ACS. The {@link FixtureDevice} holds what is written.
 */
final class SynthNode {

    /** The PCI Express device/port type as {@code pci_acs_enabled()} distinguishes them. */
    enum Kind {
        HOST_BRIDGE, ROOT_PORT, UPSTREAM_PORT, DOWNSTREAM_PORT, PCIE_TO_PCI_BRIDGE,
        ENDPOINT, LEGACY_ENDPOINT, CONVENTIONAL, VIRTUAL_FUNCTION;

        boolean isBridge() {
            return this == ROOT_PORT || this == UPSTREAM_PORT || this == DOWNSTREAM_PORT || this == PCIE_TO_PCI_BRIDGE;
        }
    }

    final PciAddress address;
    /** The bridge whose directory holds this function (for a VF on a virtual bus: the PF's bridge). */
    final SynthNode parent;
    final Kind kind;
    final FixtureDevice fixture;
    /** ACS Control enables SV, RR, CR and UF (or the ACS capability is absent when false). */
    boolean acs;
    /** The Multi-Function bit of the header type; never set on VFs. */
    boolean multifunction;
    int secondary = -1;
    int group = -1;
    String driver;
    int numa = -1;

    SynthNode(PciAddress address, SynthNode parent, Kind kind, FixtureDevice fixture) {
        this.address = address;
        this.parent = parent;
        this.kind = kind;
        this.fixture = fixture;
    }

    boolean onRootBus() {
        return parent == null;
    }

    @Override
    public String toString() {
        return address + " " + kind;
    }
}
