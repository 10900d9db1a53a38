package org.vfioinspector.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real config-space files from the project's QEMU lab capture (see resources/config/NOTICE).
 * Every expected value below is what {@code lspci -vvv} printed for the same function in the same guest.
 */
class QemuLabConfigSpaceTest {

    private static ConfigSpace load(String name) throws IOException {
        try (InputStream in = QemuLabConfigSpaceTest.class.getResourceAsStream("/config/qemu-q35/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return ConfigSpaceParser.parse(in.readAllBytes());
        }
    }

    private static List<Integer> offsets(List<Capability> caps) {
        return caps.stream().map(Capability::offset).toList();
    }

    @Test
    void pcieRootPortShowsSlotHotPlugAndEnabledAcs() throws IOException {
        ConfigSpace cs = load("0000_00_02.0-root-port.config");

        assertThat(cs.notes()).isEmpty();
        assertThat(cs.length()).isEqualTo(4096);
        assertThat(cs.vendorId()).isEqualTo(0x1b36);
        assertThat(cs.deviceId()).isEqualTo(0x000c);
        assertThat(cs.classCode()).isEqualTo(0x060400);
        assertThat(cs.command()).isEqualTo(0x0507); // I/O+ Mem+ BusMaster+ SERR+ DisINTx+
        assertThat(cs.isBridge()).isTrue();
        assertThat(cs.primaryBus()).hasValue(0x00);
        assertThat(cs.secondaryBus()).hasValue(0x01);
        assertThat(cs.subordinateBus()).hasValue(0x01);
        // lspci: Capabilities: [54] Express, [48] MSI-X, [40] Subsystem
        assertThat(offsets(cs.capabilities())).containsExactly(0x54, 0x48, 0x40);
        assertThat(cs.capabilities()).extracting(Capability::name)
                .containsExactly("PCI Express", "MSI-X", "Bridge Subsystem Vendor ID");

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.version()).isEqualTo(2);                       // Express (v2)
        assertThat(pcie.portType()).isEqualTo(PortType.ROOT_PORT);     // Root Port (Slot+)
        assertThat(pcie.slotImplemented()).isTrue();
        assertThat(pcie.hotPlugCapable()).isTrue();                    // SltCap: HotPlug+
        assertThat(pcie.physicalSlot()).isZero();                      // Slot #0
        assertThat(pcie.maxLinkSpeedName()).isEqualTo("2.5 GT/s");     // LnkCap: Speed 2.5GT/s, Width x1
        assertThat(pcie.maxLinkWidth()).isEqualTo(1);
        assertThat(pcie.linkSpeedName()).isEqualTo("2.5 GT/s");        // LnkSta: Speed 2.5GT/s, Width x1
        assertThat(pcie.linkWidth()).isEqualTo(1);
        assertThat(pcie.dataLinkLayerActiveReporting()).isFalse();     // LLActRep-
        assertThat(pcie.dataLinkLayerActive()).isFalse();              // DLActive-

        // lspci: [100 v2] Advanced Error Reporting, [148 v1] Access Control Services
        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::offset).containsExactly(0x100, 0x148);
        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::version).containsExactly(2, 1);
        assertThat(cs.aer()).isTrue();
        Acs acs = cs.acs().orElseThrow();
        // ACSCap: SrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans+
        assertThat(AcsBit.values()).filteredOn(acs::hasCapability)
                .containsExactly(AcsBit.SV, AcsBit.TB, AcsBit.RR, AcsBit.CR, AcsBit.UF, AcsBit.DT);
        // ACSCtl: SrcValid+ TransBlk- ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-
        assertThat(AcsBit.values()).filteredOn(acs::isEnabled)
                .containsExactly(AcsBit.SV, AcsBit.RR, AcsBit.CR, AcsBit.UF);
        assertThat(acs.isolates()).isTrue();
    }

    @Test
    void xio3130DownstreamPortHasNoAcsAndAdvertisesFlr() throws IOException {
        ConfigSpace cs = load("0000_04_00.0-xio3130-downstream.config");

        assertThat(cs.notes()).isEmpty();
        assertThat(cs.vendorId()).isEqualTo(0x104c);
        assertThat(cs.deviceId()).isEqualTo(0x8233);
        assertThat(cs.revision()).isEqualTo(0x01);
        assertThat(cs.command()).isEqualTo(0x0507);
        assertThat(cs.primaryBus()).hasValue(0x04);
        assertThat(cs.secondaryBus()).hasValue(0x05);
        assertThat(cs.subordinateBus()).hasValue(0x05);
        assertThat(offsets(cs.capabilities())).containsExactly(0x90, 0x80, 0x70); // Express, Subsystem, MSI
        assertThat(cs.capabilities()).extracting(Capability::id).containsExactly(0x10, 0x0d, 0x05);

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.portType()).isEqualTo(PortType.DOWNSTREAM_PORT); // Downstream Port (Slot+)
        assertThat(pcie.portType().label()).isEqualTo("Downstream Port");
        assertThat(pcie.version()).isEqualTo(2);
        assertThat(pcie.slotImplemented()).isTrue();
        assertThat(pcie.hotPlugCapable()).isTrue();
        assertThat(pcie.maxLinkSpeed()).isZero();                   // LnkCap: Speed unknown, Width x0
        assertThat(pcie.maxLinkSpeedName()).isEqualTo("unknown");
        assertThat(pcie.maxLinkWidth()).isZero();
        assertThat(pcie.linkSpeed()).isEqualTo(1);                  // LnkSta: Speed 2.5GT/s (overdriven), Width x1
        assertThat(pcie.linkWidth()).isEqualTo(1);
        // lspci prints FLReset only for endpoints; the kernel reads the bit on any function, and this
        // port's reset_method in the same capture is "flr bus".
        assertThat(pcie.flrCapable()).isTrue();

        assertThat(cs.extendedCapabilities()).extracting(ExtendedCapability::name)
                .containsExactly("Advanced Error Reporting");
        assertThat(cs.aer()).isTrue();
        assertThat(cs.acs()).isEmpty();
    }

    @Test
    void e1000eEndpointHasPmWithoutNoSoftResetAndNoFlr() throws IOException {
        ConfigSpace cs = load("0000_01_00.0-e1000e.config");

        assertThat(cs.notes()).isEmpty();
        assertThat(cs.vendorId()).isEqualTo(0x8086);
        assertThat(cs.deviceId()).isEqualTo(0x10d3);
        assertThat(cs.classCode()).isEqualTo(0x020000);
        assertThat(cs.command()).isEqualTo(0x0103); // I/O+ Mem+ BusMaster- SERR+
        assertThat(cs.headerType()).isZero();
        assertThat(cs.isBridge()).isFalse();
        assertThat(cs.secondaryBus()).isEmpty();
        // lspci: [c8] Power Management version 2, [d0] MSI, [e0] Express (v1) Endpoint, [a0] MSI-X
        assertThat(offsets(cs.capabilities())).containsExactly(0xc8, 0xd0, 0xe0, 0xa0);
        assertThat(cs.powerManagement()).contains(new PowerManagement(2, false)); // NoSoftRst-

        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.version()).isEqualTo(1);
        assertThat(pcie.portType()).isEqualTo(PortType.ENDPOINT);
        assertThat(pcie.flrCapable()).isFalse();                    // FLReset-
        assertThat(pcie.slotImplemented()).isFalse();
        assertThat(pcie.hotPlugCapable()).isFalse();
        assertThat(pcie.maxLinkSpeed()).isEqualTo(1);
        assertThat(pcie.linkWidth()).isEqualTo(1);

        // [100 v2] Advanced Error Reporting, [140 v1] Device Serial Number
        assertThat(cs.extendedCapabilities()).containsExactly(
                ExtendedCapability.of(0x0001, 2, 0x100), ExtendedCapability.of(0x0003, 1, 0x140));
        assertThat(cs.acs()).isEmpty();
        assertThat(cs.sriov()).isEmpty();
    }

    @Test
    void nvmeEndpointHasFlrNoSoftResetAndAnEmptyExtendedSpace() throws IOException {
        ConfigSpace cs = load("0000_02_00.0-nvme.config");

        assertThat(cs.notes()).isEmpty();
        assertThat(cs.vendorId()).isEqualTo(0x1b36);
        assertThat(cs.deviceId()).isEqualTo(0x0010);
        assertThat(cs.revision()).isEqualTo(0x02);
        assertThat(cs.classCode()).isEqualTo(0x010802);
        // lspci: [40] MSI-X, [80] Express (v2) Endpoint, [60] Power Management version 3
        assertThat(offsets(cs.capabilities())).containsExactly(0x40, 0x80, 0x60);
        assertThat(cs.powerManagement()).contains(new PowerManagement(3, true)); // NoSoftRst+
        PciExpress pcie = cs.pciExpress().orElseThrow();
        assertThat(pcie.portType()).isEqualTo(PortType.ENDPOINT);
        assertThat(pcie.version()).isEqualTo(2);
        assertThat(pcie.flrCapable()).isTrue();                     // FLReset+
        assertThat(cs.extendedAvailable()).isTrue();
        assertThat(cs.extendedCapabilities()).isEmpty();            // lspci lists no [1xx] capability
        assertThat(cs.aer()).isFalse();
    }

    @Test
    void conventionalAhciFunctionIsMultifunctionWithoutExtendedSpace() throws IOException {
        ConfigSpace cs = load("0000_00_1f.2-ahci.config");

        assertThat(cs.notes()).isEmpty();
        assertThat(cs.length()).isEqualTo(256);
        assertThat(cs.vendorId()).isEqualTo(0x8086);
        assertThat(cs.deviceId()).isEqualTo(0x2922);
        assertThat(cs.revision()).isEqualTo(0x02);
        assertThat(cs.classCode()).isEqualTo(0x010601); // SATA controller [0106], prog-if 01 [AHCI 1.0]
        assertThat(cs.multifunction()).isTrue();        // one of 00:1f.0, 1f.2, 1f.3
        assertThat(cs.capabilities()).extracting(Capability::offset, Capability::name)
                .containsExactly(tuple(0x80, "MSI"),
                        tuple(0xa8, "SATA"));
        assertThat(cs.pciExpress()).isEmpty();
        assertThat(cs.capabilitiesAvailable()).isTrue();
        assertThat(cs.extendedAvailable()).isFalse();
        assertThat(cs.extendedCapabilities()).isEmpty();
    }

    @Test
    void unprivilegedReadOfARootPortShowsOnlyTheHeader() throws IOException {
        byte[] full;
        try (InputStream in = getClass().getResourceAsStream("/config/qemu-q35/0000_00_02.0-root-port.config")) {
            full = in.readAllBytes();
        }
        // The kernel gives a reader without CAP_SYS_ADMIN the first 64 bytes.
        ConfigSpace cs = ConfigSpaceParser.parse(Arrays.copyOf(full, 64));

        assertThat(cs.headerAvailable()).isTrue();
        assertThat(cs.isBridge()).isTrue();
        assertThat(cs.secondaryBus()).hasValue(0x01);
        assertThat(cs.capabilitiesAvailable()).isFalse();
        assertThat(cs.pciExpress()).isEmpty();
        assertThat(cs.notes()).containsExactly("capability at 0x54 lies beyond the 64 bytes available");
    }
}
