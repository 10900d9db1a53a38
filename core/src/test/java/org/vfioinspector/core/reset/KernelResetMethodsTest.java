package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.config.Capability;
import org.vfioinspector.core.config.ConfigSpaceBuilder;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.reset.KernelResetMethods.Source;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

class KernelResetMethodsTest {

    @TempDir
    Path dir;

    private SysfsFixture fx;
    private FixtureDevice rootPort;

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    /** A kernel before 5.15: no function has a reset_method file. */
    private SysfsFixture oldKernel() {
        fx = new SysfsFixture(dir).kernel("4.18.0-553.el8_10.x86_64");
        rootPort = fx.add("0000:00:01.0").rootPort(1, 1).driver("pcieport").group(1).noResetMethod();
        return fx;
    }

    private Topology scan() {
        fx.write();
        return new SysfsReader(HostRoot.of(dir)).scan();
    }

    private static KernelResetMethods of(Topology t, String bdf) {
        PciDevice d = t.device(a(bdf)).orElseThrow();
        return KernelResetMethods.of(d, t);
    }

    @Test
    void resetMethodFileIsTakenAsTheKernelWroteIt() {
        fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1533).group(2).resetMethods("pm", "bus");
        fx.add("0000:00:02.0").endpoint(0x8086, 0x1234, 0x020000).flr(true).group(3).resetMethods();
        Topology t = scan();

        KernelResetMethods listed = of(t, "01:00.0");
        assertThat(listed.source()).isEqualTo(Source.SYSFS);
        // the config space says FLR, but the kernel's list is what counts
        assertThat(listed.methods()).contains(List.of("pm", "bus"));
        KernelResetMethods disabled = of(t, "00:02.0");
        assertThat(disabled.source()).isEqualTo(Source.SYSFS);
        assertThat(disabled.methods()).contains(List.of());
        assertThat(disabled.anyMethod()).contains(false);
        assertThat(disabled.explanation()).contains("disabled");
    }

    @Test
    void aKernelWithResetMethodHidesItWhereItFoundNone() {
        fx = new SysfsFixture(dir).kernel("6.1.0-56-amd64");
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1).resetMethods("pm");
        // FLR in DevCap, yet the kernel found nothing (e.g. a quirk this tool does not know): the kernel wins
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1533).group(2).noResetMethod();
        Topology t = scan();

        KernelResetMethods k = of(t, "01:00.0");
        assertThat(k.source()).isEqualTo(Source.SYSFS);
        assertThat(k.methods()).contains(List.of());
        assertThat(k.explanation()).contains("hides it");
    }

    @Test
    void aNewKernelWhoseCaptureShowsNoResetMethodAnywhereIsUnknown() {
        fx = new SysfsFixture(dir).kernel("6.12.57+deb13-amd64");
        FixtureDevice rp = fx.add("0000:00:01.0").rootPort(1, 1).group(1).noResetMethod();
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1533).group(2).noResetMethod();
        Topology t = scan();

        assertThat(of(t, "01:00.0").source()).isEqualTo(Source.UNKNOWN);
        assertThat(of(t, "01:00.0").explanation()).contains("6.12.57");
    }

    @Test
    void flrCapableSasHbaOnAnOldKernelGetsFlrNotOnlyABusReset() {
        oldKernel();
        // Broadcom SAS3008 HBA (mpt3sas), alone below its root port, FLR in DevCap
        fx.add("0000:01:00.0").under(rootPort).endpoint(0x1000, 0x0097, 0x010700).flr(true)
                .driver("mpt3sas").group(2).noResetMethod();
        Topology t = scan();

        KernelResetMethods k = of(t, "01:00.0");
        assertThat(k.source()).isEqualTo(Source.INFERRED);
        assertThat(k.methods()).contains(List.of("flr", "pm", "bus"));
        assertThat(k.first()).contains("flr");
        assertThat(k.anyMethod()).contains(true);
        assertThat(k.explanation()).startsWith("Inferred from config space (this kernel has no reset_method file)")
                .contains("ACPI _RST");
        List<ResetMethodInfo> shown = ResetMethodInfo.explain(t.device(a("01:00.0")).orElseThrow(), t);
        assertThat(shown).extracting(ResetMethodInfo::method).containsExactly("flr", "pm", "bus");
        assertThat(shown.get(0).explanation()).startsWith("Inferred").contains("Function Level Reset");
        assertThat(shown.get(0).functionOnly()).isTrue();
    }

    @Test
    void noSoftResetOrASiblingLeavesOnlyWhatTheKernelWouldFind() {
        oldKernel();
        fx.add("0000:01:00.0").under(rootPort).endpoint(0x8086, 0x10c9, 0x020000).pmNoSoftReset(true)
                .group(2).noResetMethod();
        fx.add("0000:01:00.1").under(rootPort).endpoint(0x8086, 0x10c9, 0x020000).pmNoSoftReset(false)
                .group(2).noResetMethod();
        Topology t = scan();

        KernelResetMethods first = of(t, "01:00.0");
        assertThat(first.source()).isEqualTo(Source.INFERRED);
        assertThat(first.methods()).contains(List.of());
        assertThat(first.anyMethod()).contains(false);
        assertThat(first.explanation()).contains("NoSoftRst is set").contains("0000:01:00.1 shares its bus");
        assertThat(of(t, "01:00.1").methods()).contains(List.of("pm"));
    }

    @Test
    void busResetNeedsABridgeAboveAndNoQuirk() {
        oldKernel();
        FixtureDevice rp2 = fx.add("0000:00:02.0").rootPort(2, 2).group(3).noResetMethod();
        // Atheros AR9300 (NO_BUS_RESET), alone on bus 02, PM reset disabled by NoSoftRst
        fx.add("0000:02:00.0").under(rp2).endpoint(0x168c, 0x0030, 0x028000).pmNoSoftReset(true).group(4).noResetMethod();
        // on the root bus, no FLR, NoSoftRst: nothing
        fx.add("0000:00:1f.3").endpoint(0x8086, 0xa348, 0x040300).pmNoSoftReset(true).group(5).noResetMethod();
        Topology t = scan();

        KernelResetMethods atheros = of(t, "02:00.0");
        assertThat(atheros.methods()).contains(List.of());
        assertThat(atheros.explanation()).contains("Atheros");
        KernelResetMethods onRoot = of(t, "00:1f.3");
        assertThat(onRoot.methods()).contains(List.of());
        assertThat(onRoot.explanation()).contains("root bus");
        // a bridge is never reset through its own bus
        assertThat(of(t, "00:02.0").methods().orElseThrow()).doesNotContain("bus");
    }

    @Test
    void kernelQuirksRemoveFlrAndPmAndAddDeviceSpecificResets() {
        oldKernel();
        FixtureDevice rp2 = fx.add("0000:00:02.0").rootPort(2, 2).group(3).noResetMethod();
        FixtureDevice rp3 = fx.add("0000:00:03.0").rootPort(3, 3).group(4).noResetMethod();
        fx.add("0000:01:00.0").under(rootPort).endpoint(0x8086, 0x1502, 0x020000).flr(true).group(2).noResetMethod();
        fx.add("0000:02:00.0").under(rp2).endpoint(0x1002, 0x67df, 0x030000).group(5).noResetMethod();
        fx.add("0000:02:00.1").under(rp2).endpoint(0x1002, 0xaaf0, 0x040300).group(5).noResetMethod();
        fx.add("0000:03:00.0").under(rp3).endpoint(0x1425, 0x4401, 0x020000).flr(true).group(6).noResetMethod();
        Topology t = scan();

        KernelResetMethods intel = of(t, "01:00.0");
        assertThat(intel.methods()).contains(List.of("pm", "bus"));
        assertThat(intel.explanation()).contains("82579");
        // the Radeon's VGA function loses pm (quirk_no_pm_reset), its HDMI audio function keeps it
        assertThat(of(t, "02:00.0").methods()).contains(List.of());
        assertThat(of(t, "02:00.1").methods()).contains(List.of("pm"));
        assertThat(of(t, "03:00.0").methods()).contains(List.of("device_specific", "flr", "pm", "bus"));
    }

    @Test
    void advancedFeaturesFlrNeedsBothTpAndFlr() throws IOException {
        oldKernel();
        FixtureDevice bridge = fx.add("0000:01:00.0").under(rootPort).pciBridge(2, 2).group(1).noResetMethod();
        fx.add("0000:02:01.0").under(bridge).conventional(0x1234, 0x0001, 0x028000).pmNoSoftReset(true)
                .group(1).noResetMethod();
        fx.add("0000:02:02.0").under(bridge).conventional(0x1234, 0x0002, 0x028000).pmNoSoftReset(true)
                .group(1).noResetMethod();
        fx.write();
        writeAfConfig("0000:02:01.0", 0x03);
        writeAfConfig("0000:02:02.0", 0x02);
        Topology t = new SysfsReader(HostRoot.of(dir)).scan();

        assertThat(of(t, "02:01.0").methods()).contains(List.of("af_flr"));
        assertThat(of(t, "02:02.0").methods()).contains(List.of());
    }

    private void writeAfConfig(String bdf, int afCaps) throws IOException {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.endpoint(0x1234, 0x0001, 0x028000).powerManagement(true)
                .capability(Capability.ADVANCED_FEATURES, 6);
        b.rawWrite(b.capabilityOffset(Capability.ADVANCED_FEATURES) + 2, (byte) 0x06, (byte) afCaps);
        Files.write(dir.resolve("sys/bus/pci/devices/" + bdf + "/config"), b.build(256));
    }

    @Test
    void headerOnlyConfigIsUnknownNeverGuessed() {
        oldKernel();
        fx.add("0000:01:00.0").under(rootPort).nic(0x8086, 0x1521).configLength(64).group(2).noResetMethod();
        Topology t = scan();

        KernelResetMethods k = of(t, "01:00.0");
        assertThat(k.source()).isEqualTo(Source.UNKNOWN);
        assertThat(k.methods()).isEmpty();
        assertThat(k.anyMethod()).isEmpty();
        assertThat(k.explanation()).contains("64 bytes").contains("root");
        assertThat(ResetMethodInfo.explain(t.device(a("01:00.0")).orElseThrow(), t)).isEmpty();
    }

    @Test
    void realOldServerCaptureHasOnlyHeadersSoEveryFunctionIsUnknown() throws IOException {
        Path root = RealFixtures.hwlocServer(dir);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();

        assertThat(t.devices()).hasSizeGreaterThan(100);
        for (PciDevice d : t.devices()) {
            // the capture predates reset_method and holds 64-byte config files (read unprivileged)
            assertThat(d.resetMethods()).isEmpty();
            KernelResetMethods k = KernelResetMethods.of(d, t);
            assertThat(k.source()).as(d.address().toString()).isEqualTo(Source.UNKNOWN);
            assertThat(k.methods()).isEqualTo(Optional.empty());
        }
    }
}
