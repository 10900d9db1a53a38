package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder → parser round trips: every field the parser reports comes back as it was written. */
class ConfigSpaceParserTest {

    private static ConfigSpaceBuilder nic() {
        return ConfigSpaceBuilder.endpoint(0x8086, 0x10d3, 0x020000).revision(0x03).subsystem(0x8086, 0x1234);
    }

    @Test
    void headerFieldsRoundTrip() {
        ConfigSpace cs = ConfigSpaceParser.parse(nic().multifunction(true).command(0x0406).build(64));

        assertThat(cs.headerAvailable()).isTrue();
        assertThat(cs.length()).isEqualTo(64);
        assertThat(cs.vendorId()).isEqualTo(0x8086);
        assertThat(cs.deviceId()).isEqualTo(0x10d3);
        assertThat(cs.revision()).isEqualTo(0x03);
        assertThat(cs.classCode()).isEqualTo(0x020000);
        assertThat(cs.command()).isEqualTo(0x0406);
        assertThat(cs.headerType()).isZero();
        assertThat(cs.multifunction()).isTrue();
        assertThat(cs.isBridge()).isFalse();
        assertThat(cs.isCardBus()).isFalse();
        assertThat(cs.primaryBus()).isEmpty();
        assertThat(cs.notes()).isEmpty();
    }

    @Test
    void bridgeBusNumbersRoundTrip() {
        ConfigSpace cs = ConfigSpaceParser.parse(
                ConfigSpaceBuilder.endpoint(0x104c, 0x8232, 0x060400).bridge(0x03, 0x04, 0x06).build(64));

        assertThat(cs.isBridge()).isTrue();
        assertThat(cs.headerType()).isEqualTo(1);
        assertThat(cs.classCode() >> 8).isEqualTo(0x0604);
        assertThat(cs.primaryBus()).hasValue(0x03);
        assertThat(cs.secondaryBus()).hasValue(0x04);
        assertThat(cs.subordinateBus()).hasValue(0x06);
    }

    @Test
    void bridgeKeepsItsSubsystemInACapability() {
        ConfigSpace cs = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(0x1b36, 0x000c, 0x060400)
                .subsystem(0x1b36, 0x0000).bridge(0, 1, 1).build(256));

        assertThat(cs.capabilities()).extracting(Capability::id).containsExactly(Capability.BRIDGE_SUBSYSTEM);
    }

    @Test
    void cardBusCapabilityListStartsAt0x14() {
        ConfigSpace cs = ConfigSpaceParser.parse(
                ConfigSpaceBuilder.endpoint(0x104c, 0xac56, 0x060700).cardBus().powerManagement(false).build(256));

        assertThat(cs.isCardBus()).isTrue();
        assertThat(cs.primaryBus()).isEmpty();
        assertThat(cs.capabilities()).extracting(Capability::id).containsExactly(Capability.POWER_MANAGEMENT);
        assertThat(cs.powerManagement()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void powerManagementNoSoftResetRoundTrips(boolean noSoftReset) {
        ConfigSpace cs = ConfigSpaceParser.parse(nic().powerManagement(noSoftReset).build(256));

        assertThat(cs.powerManagement()).contains(new PowerManagement(3, noSoftReset));
    }

    @Test
    void pciExpressFieldsRoundTrip() {
        ConfigSpace cs = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(0x8086, 0x1901, 0x060400)
                .bridge(0, 1, 1)
                .pciExpress(PortType.ROOT_PORT, true, true, true, 4, 16, 3, 8)
                .pciExpressVersion(2).physicalSlot(0x1abc).dataLinkLayer(true, true)
                .build(256));

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie).isEqualTo(new PciExpress(2, PortType.ROOT_PORT, true, true, true, 0x1abc,
                4, 16, true, 3, 8, true));
        assertThat(pcie.maxLinkSpeedName()).isEqualTo("16 GT/s");
        assertThat(pcie.linkSpeedName()).isEqualTo("8 GT/s");
        assertThat(cs.notes()).isEmpty();
    }

    @Test
    void hotPlugAndSlotNumberAreIgnoredWithoutASlot() {
        // SltCap is undefined when no slot is implemented; a stale value there must not count.
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(0x10de, 0x2204, 0x030000)
                .pciExpress(PortType.ENDPOINT, true, false, false, 4, 16, 4, 16);
        int sltCap = b.capabilityOffset(Capability.PCI_EXPRESS) + 0x14;
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite32(sltCap, 0xfff8_007b).build(256));

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.slotImplemented()).isFalse();
        assertThat(pcie.hotPlugCapable()).isFalse();
        assertThat(pcie.physicalSlot()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 5, 6, 7, 8, 9, 10})
    void everyPortTypeRoundTrips(int code) {
        PortType type = PortType.of(code);
        ConfigSpace cs = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(1, 2, 0x060400)
                .pciExpress(type, false, false, false, 1, 1, 1, 1).build(256));

        assertThat(cs.pciExpress().orElseThrow().portType()).isEqualTo(type).isNotEqualTo(PortType.UNKNOWN);
    }

    @Test
    void reservedPortTypeIsUnknown() {
        assertThat(PortType.of(2)).isEqualTo(PortType.UNKNOWN);
        assertThat(PortType.of(15)).isEqualTo(PortType.UNKNOWN);
        assertThat(PortType.of(-1)).isEqualTo(PortType.UNKNOWN);
        assertThat(PortType.ROOT_PORT.label()).isEqualTo("Root Port");
        assertThat(PortType.ROOT_PORT.isDownstreamFacing()).isTrue();
        assertThat(PortType.UPSTREAM_PORT.isDownstreamFacing()).isFalse();
    }

    @Test
    void speedNamesFollowTheLinkSpeedCodes() {
        assertThat(PciExpress.speedName(1)).isEqualTo("2.5 GT/s");
        assertThat(PciExpress.speedName(2)).isEqualTo("5 GT/s");
        assertThat(PciExpress.speedName(3)).isEqualTo("8 GT/s");
        assertThat(PciExpress.speedName(4)).isEqualTo("16 GT/s");
        assertThat(PciExpress.speedName(5)).isEqualTo("32 GT/s");
        assertThat(PciExpress.speedName(6)).isEqualTo("64 GT/s");
        assertThat(PciExpress.speedName(0)).isEqualTo("unknown");
        assertThat(PciExpress.speedName(7)).isEqualTo("unknown");
    }

    @Test
    void acsRegistersRoundTrip() {
        int cap = AcsBit.maskOf(AcsBit.SV, AcsBit.TB, AcsBit.RR, AcsBit.CR, AcsBit.UF, AcsBit.DT);
        int ctrl = AcsBit.maskOf(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF);
        ConfigSpace cs = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(1, 2, 0x060400).bridge(0, 1, 1)
                .pciExpress(PortType.DOWNSTREAM_PORT, false, true, false, 3, 4, 3, 4)
                .acs(cap, ctrl).build(4096));

        assertThat(cs.acs()).contains(new Acs(cap, ctrl));
        assertThat(cs.hasExtendedCapability(ExtendedCapability.ACS)).isTrue();
    }

    @Test
    void sriovFieldsRoundTrip() {
        ConfigSpace cs = ConfigSpaceParser.parse(ConfigSpaceBuilder.endpoint(0x8086, 0x1572, 0x020000)
                .pciExpress(PortType.ENDPOINT, true, false, false, 3, 8, 3, 8)
                .aer().sriov(64, 4, 0x10, 2, 0x154c).build(4096));

        assertThat(cs.sriov()).contains(new Sriov(64, 64, 4, 0x10, 2, 0x154c));
        assertThat(cs.aer()).isTrue();
        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::name)
                .containsExactly("Advanced Error Reporting", "Single Root I/O Virtualization");
    }

    @Test
    void capabilitiesComeBackInLayoutOrderWithTheirOffsets() {
        ConfigSpaceBuilder b = nic().powerManagement(false).msi()
                .pciExpress(PortType.ENDPOINT, false, false, false, 1, 1, 1, 1).msix();
        ConfigSpace cs = ConfigSpaceParser.parse(b.build(256));

        assertThat(cs.capabilities()).containsExactly(
                Capability.of(Capability.POWER_MANAGEMENT, b.capabilityOffset(Capability.POWER_MANAGEMENT)),
                Capability.of(Capability.MSI, b.capabilityOffset(Capability.MSI)),
                Capability.of(Capability.PCI_EXPRESS, b.capabilityOffset(Capability.PCI_EXPRESS)),
                Capability.of(Capability.MSI_X, b.capabilityOffset(Capability.MSI_X)));
        assertThat(cs.capabilities()).extracting(Capability::name)
                .containsExactly("Power Management", "MSI", "PCI Express", "MSI-X");
        assertThat(cs.capabilitiesAvailable()).isTrue();
    }

    @Test
    void statusWithoutCapabilityBitMeansNoList() {
        ConfigSpaceBuilder b = nic().powerManagement(true);
        ConfigSpace cs = ConfigSpaceParser.parse(b.rawWrite16(0x06, 0x0000).build(256));

        assertThat(cs.capabilities()).isEmpty();
        assertThat(cs.powerManagement()).isEmpty();
        assertThat(cs.notes()).isEmpty();
    }

    @Test
    void unknownIdsAreNamedWithTheirNumber() {
        ConfigSpace cs = ConfigSpaceParser.parse(nic().capability(0x42, 8)
                .extendedCapability(0x0abc, 1, 8).build(4096));

        assertThat(cs.capabilities()).extracting(Capability::name).containsExactly("Unknown (0x42)");
        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::name).containsExactly("Unknown (0x0abc)");
        assertThat(Capability.nameOf(0x13)).startsWith("Advanced Features");
        assertThat(ExtendedCapability.nameOf(0x001e)).isEqualTo("L1 PM Substates");
    }

    @Test
    void lengthDecidesWhatIsVisible() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(0x15b3, 0x1017, 0x020000).powerManagement(false)
                .pciExpress(PortType.ENDPOINT, true, false, false, 3, 16, 3, 16).aer().sriov(8, 0, 2, 1, 0x1018);

        ConfigSpace header = ConfigSpaceParser.parse(b.build(64));
        ConfigSpace legacy = ConfigSpaceParser.parse(b.build(256));
        ConfigSpace full = ConfigSpaceParser.parse(b.build(4096));

        assertThat(header.headerAvailable()).isTrue();
        assertThat(header.capabilitiesAvailable()).isFalse();
        assertThat(header.pciExpress()).isEmpty();
        assertThat(header.notes()).singleElement().asString().contains("beyond the 64 bytes available");

        assertThat(legacy.capabilitiesAvailable()).isTrue();
        assertThat(legacy.extendedAvailable()).isFalse();
        assertThat(legacy.pciExpress().orElseThrow().flrCapable()).isTrue();
        assertThat(legacy.extendedCapabilities()).isEmpty();
        assertThat(legacy.sriov()).isEmpty();
        assertThat(legacy.notes()).isEmpty();

        assertThat(full.extendedAvailable()).isTrue();
        assertThat(full.sriov()).isPresent();
        assertThat(full.aer()).isTrue();
        assertThat(full.notes()).isEmpty();
    }

    @Test
    void capabilityCutByTheEndOfTheDumpReadsWhatIsThereAndSaysWhatIsNot() {
        // A PCIe capability placed so that only its first 8 bytes fit in a 0xd0-byte dump.
        ConfigSpaceBuilder b = nic().capability(0x09, 0x80 - 0x40 + 0x48)
                .pciExpress(PortType.ENDPOINT, true, true, true, 2, 4, 2, 4);
        int cap = b.capabilityOffset(Capability.PCI_EXPRESS);
        ConfigSpace cs = ConfigSpaceParser.parse(Arrays.copyOf(b.build(256), cap + 8));

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.portType()).isEqualTo(PortType.ENDPOINT);
        assertThat(pcie.flrCapable()).isTrue();
        assertThat(pcie.maxLinkSpeed()).isZero();
        assertThat(pcie.hotPlugCapable()).isFalse();
        assertThat(cs.notes()).singleElement().asString()
                .contains("PCI Express capability at 0x" + Integer.toHexString(cap))
                .contains("LnkCap", "LnkSta", "SltCap");
    }

    @Test
    void allOnesFunctionIsReportedAsNotAnswering() {
        byte[] gone = new byte[256];
        Arrays.fill(gone, (byte) 0xff);
        ConfigSpace cs = ConfigSpaceParser.parse(gone);

        assertThat(cs.vendorId()).isEqualTo(0xffff);
        assertThat(cs.headerType()).isEqualTo(0x7f);
        assertThat(cs.notes()).anySatisfy(n -> assertThat(n).contains("did not answer"))
                .anySatisfy(n -> assertThat(n).contains("unknown header type 0x7f"));
        assertThat(cs.capabilities()).isEmpty();
    }
}
