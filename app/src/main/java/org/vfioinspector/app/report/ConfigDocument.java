package org.vfioinspector.app.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.AcsBit;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PciExpress;

/** What {@code show --json} says about a function's config space (the {@code config} of a device). */
public record ConfigDocument(int length, int headerType, boolean multifunction, List<String> capabilities,
                             List<String> extendedCapabilities, Optional<Boolean> powerManagementNoSoftReset,
                             Optional<Express> pciExpress, Optional<AcsBits> acs, boolean sriov, boolean aer) {

    /** The PCI Express capability's reset-relevant bits. */
    public record Express(String portType, boolean flr, boolean slotImplemented, boolean hotPlugCapable,
                          boolean dataLinkLayerActiveReporting) {

        static Express of(PciExpress e) {
            return new Express(e.portType().label(), e.flrCapable(), e.slotImplemented(), e.hotPlugCapable(),
                    e.dataLinkLayerActiveReporting());
        }
    }

    /** ACS bits by name ({@code SV}, {@code RR}, …): what the capability offers and what is enabled. */
    public record AcsBits(List<String> capability, List<String> enabled) {

        static AcsBits of(Acs acs) {
            return new AcsBits(Arrays.stream(AcsBit.values()).filter(acs::hasCapability).map(AcsBit::name).toList(),
                    Arrays.stream(AcsBit.values()).filter(acs::isEnabled).map(AcsBit::name).toList());
        }
    }

    static ConfigDocument of(ConfigSpace c) {
        return new ConfigDocument(c.length(), c.headerType(), c.multifunction(),
                c.capabilities().stream().map(x -> x.name()).toList(),
                c.extendedCapabilities().stream().map(x -> x.name()).toList(),
                c.powerManagement().map(pm -> pm.noSoftReset()), c.pciExpress().map(Express::of),
                c.acs().map(AcsBits::of), c.sriov().isPresent(), c.aer());
    }
}
