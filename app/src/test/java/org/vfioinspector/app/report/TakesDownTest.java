package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.vfio.ResetKind;

/** What a reset takes down, in words, on the demo server and on a snapshot that does not show everything. */
class TakesDownTest {

    private static LoadedHost demo;

    @BeforeAll
    static void load() {
        demo = LoadedHost.load(HostSource.of(Hosts.sharedDemo()));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static TakesDown of(LoadedHost h, String address, ResetKind kind) {
        PciAddress a = PciAddress.parse(address);
        return TakesDown.of(h.analyzer().analyze(a), kind, h.topology(), h.state());
    }

    @Test
    void aHotResetOfTheSwitchWithoutAcsNamesTheSshNicFirstAndTheDataMount() {
        // 06:00.0 is the upstream port of the switch carrying nvme1n1 (/srv/data) and eno1 (default route)
        TakesDown t = of(demo, "0000:06:00.0", ResetKind.HOT_RESET);

        assertThat(t.items()).contains("eno1 (default route — probably your ssh)", "/srv/data on nvme1n1");
        assertThat(t.items().indexOf("eno1 (default route — probably your ssh)"))
                .isLessThan(t.items().indexOf("/srv/data on nvme1n1"));
        assertThat(t.headline()).startsWith("Takes down: eno1 (default route — probably your ssh), /srv/data on nvme1n1");
        assertThat(t.mustLeave()).anySatisfy(m -> assertThat(m).startsWith("0000:09:00.0 (igb)"));
        assertThat(t.unknowns()).isEmpty();
    }

    @Test
    void aVmHoldingTheGroupIsNamedWithItsPid() {
        TakesDown t = of(demo, "0000:04:00.0", ResetKind.HOT_RESET);

        assertThat(t.items()).contains("VM win11-gpu (pid 4242)");
        assertThat(t.headline()).contains("VM win11-gpu (pid 4242)");
    }

    @Test
    void theRootDiskComesFirst() {
        TakesDown t = of(demo, "0000:01:00.0", ResetKind.FUNCTION_RESET);

        assertThat(t.items().get(0)).isEqualTo("the root filesystem (/ on nvme0n1)");
        assertThat(t.items()).contains("/boot/efi on nvme0n1");
    }

    @Test
    void aFunctionResetOfAVfOnAHostDriverTakesItsInterfaceAndMustLeaveItsDriver() {
        TakesDown t = of(demo, "0001:01:02.0", ResetKind.FUNCTION_RESET);

        assertThat(t.items()).containsExactly("ens2f0v0 (up)");
        assertThat(t.mustLeave()).containsExactly("0001:01:02.0 (iavf)");
        assertThat(t.mustLeaveLine()).startsWith("Must leave host drivers for vfio-pci first").contains("0001:01:02.0 (iavf)");
    }

    @Test
    void nothingIsSaidOnlyWhenItIsKnown() {
        // a VF already on vfio-pci, no interface, no holder, on a host whose mounts, routes and fds were read
        TakesDown t = of(demo, "0001:01:02.2", ResetKind.FUNCTION_RESET);

        assertThat(t.knownNothing()).isTrue();
        assertThat(t.headline()).startsWith("Takes down nothing the host is seen to use");
    }

    @Test
    void whatASnapshotDoesNotShowStaysUnknownAndIsNeverNothing(@TempDir Path dir) {
        // no proc at all: holders, mounts and routes cannot be seen
        try (LoadedHost h = LoadedHost.load(HostSource.of(Hosts.withoutGroups(dir)))) {
            TakesDown t = of(h, "0000:01:00.0", ResetKind.FUNCTION_RESET);

            assertThat(t.knownNothing()).isFalse();
            assertThat(t.headline()).doesNotContain("nothing the host").contains("not everything could be seen");
            assertThat(t.unknownLine()).contains("mounts not captured").contains("routes not captured");
        }
    }

    @Test
    void aCapturesUnknownHoldersDoNotSendTheReaderToRunThisToolAsRoot(@TempDir Path dir) throws java.io.IOException {
        // the laptop capture has no process table: root here would see no more of it
        try (LoadedHost h = LoadedHost.load(HostSource.of(org.vfioinspector.core.real.RealFixtures.thinkpad(dir)))) {
            TakesDown t = of(h, "0000:04:00.0", ResetKind.HOT_RESET);

            assertThat(t.unknownLine()).contains("holders unknown").contains("needs root on that host")
                    .doesNotContain("run as root");
        }
    }

    @Test
    void aQemuHolderIsNamedByItsVmNameAndOtherHoldersByTheirCommand() {
        assertThat(TakesDown.holder(new org.vfioinspector.core.host.Holder(7, "qemu-system-x86",
                "qemu-system-x86_64 -name guest=db1,debug-threads=on -m 4G", java.util.List.of("/dev/vfio/3"), false,
                false))).isEqualTo("VM db1 (pid 7)");
        assertThat(TakesDown.holder(new org.vfioinspector.core.host.Holder(9, "dpdk-testpmd", "dpdk-testpmd -l 0-3",
                java.util.List.of("/dev/vfio/3"), false, false))).isEqualTo("dpdk-testpmd (pid 9, holds VFIO)");
    }
}
