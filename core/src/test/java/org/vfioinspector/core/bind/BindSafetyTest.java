package org.vfioinspector.core.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.HostImpact;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.BindSafety;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/** Which binds would take the host's own disk or network, on fixture hosts with real proc tables. */
class BindSafetyTest {

    private static final PciAddress BOOT_NVME = PciAddress.parse("0000:01:00.0");
    private static final PciAddress DATA_NVME = PciAddress.parse("0000:02:00.0");
    private static final PciAddress SWAP_HBA = PciAddress.parse("0000:03:00.0");
    private static final PciAddress UPLINK = PciAddress.parse("0000:04:00.0");
    private static final PciAddress SPARE_NIC = PciAddress.parse("0000:04:00.1");
    private static final PciAddress GPU = PciAddress.parse("0000:06:00.0");

    @TempDir
    Path tmp;

    private SysfsFixture fx;

    @BeforeEach
    void host() {
        fx = new SysfsFixture(tmp);
        FixtureDevice boot = fx.add(BOOT_NVME.toString()).nvme(0x144d, 0xa808).driver("nvme").group(1);
        FixtureDevice data = fx.add(DATA_NVME.toString()).nvme(0x1987, 0x5012).driver("nvme").group(2);
        FixtureDevice hba = fx.add(SWAP_HBA.toString()).endpoint(0x1000, 0x0097, 0x010700).driver("mpt3sas").group(3);
        FixtureDevice uplink = fx.add(UPLINK.toString()).nic(0x8086, 0x1572).driver("i40e").group(4);
        FixtureDevice spare = fx.add(SPARE_NIC.toString()).nic(0x8086, 0x1572).driver("i40e").group(5);
        fx.add(GPU.toString()).gpu(0x10de, 0x2204).driver("nvidia").group(6);
        fx.nvmeNamespace(boot, "nvme0", "nvme0n1", 2)
                .nvmeNamespace(data, "nvme1", "nvme1n1", 1)
                .scsiDisk(hba, "ata1", 0, "sda", 1)
                .netInterface(uplink, "ens1f0", "up", "3c:fd:fe:a1:b2:c0")
                .netInterface(spare, "ens1f1", "up", "3c:fd:fe:a1:b2:c1");
        fx.file("proc/self/mountinfo", """
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
                25 22 259:1 / /boot/efi rw,relatime shared:7 - vfat /dev/nvme0n1p1 rw
                31 22 259:5 / /srv/data rw,relatime shared:9 - xfs /dev/nvme1n1p1 rw
                """);
        fx.file("proc/swaps", """
                Filename				Type		Size		Used		Priority
                /dev/sda1                               partition	8388604		0		-2
                """);
        fx.file("proc/net/route", """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                ens1f0	00000000	0100A8C0	0003	0	0	100	00000000	0	0	0
                ens1f1	0000A8C0	00000000	0001	0	0	100	00FFFFFF	0	0	0
                """);
    }

    private Topology topology;

    private List<Finding> risks(PciAddress... functions) {
        fx.write();
        HostRoot root = HostRoot.of(tmp);
        topology = new SysfsReader(root).scan();
        return BindSafety.risks(List.of(functions), topology, HostStateReader.read(root, topology));
    }

    private static List<String> codes(List<Finding> f) {
        return f.stream().map(x -> x.code() + " " + x.device().orElseThrow()).toList();
    }

    @Test
    void eachRiskIsNamedForItsFunction() {
        List<Finding> f = risks(GPU, UPLINK, SWAP_HBA, DATA_NVME, BOOT_NVME, SPARE_NIC);

        assertThat(codes(f)).containsExactly(
                "ROOT_FILESYSTEM 0000:01:00.0",
                "MOUNTED 0000:02:00.0",
                "SWAP 0000:03:00.0",
                "DEFAULT_ROUTE 0000:04:00.0");
        assertThat(f.get(0).message()).contains("root filesystem").contains("nvme0n1");
        assertThat(f.get(1).message()).contains("/srv/data from /dev/nvme1n1p1");
        assertThat(f.get(2).message()).contains("/dev/sda1");
        assertThat(f.get(3).message()).contains("ens1f0").contains("ssh");
    }

    @Test
    void functionsTheHostDoesNotNeedHaveNoRisk() {
        assertThat(risks(GPU, SPARE_NIC)).isEmpty();
    }

    @Test
    void aRootWithoutProcTablesMakesStorageAndNetworkUnknownNotSafe() throws IOException {
        fx.write();
        Files.delete(tmp.resolve("proc/self/mountinfo"));
        Files.delete(tmp.resolve("proc/net/route"));
        HostRoot root = HostRoot.of(tmp);
        Topology t = new SysfsReader(root).scan();
        HostState host = HostStateReader.read(root, t);

        assertThat(host.impact().mountsKnown()).isFalse();
        assertThat(host.impact().routesKnown()).isFalse();
        List<Finding> f = BindSafety.risks(List.of(DATA_NVME, SPARE_NIC, GPU), t, host);
        // the GPU has neither disks nor interfaces, and its class cannot carry them
        assertThat(codes(f)).containsExactly("MOUNTS_UNKNOWN 0000:02:00.0", "ROUTES_UNKNOWN 0000:04:00.1");
        assertThat(f).allMatch(BindSafety::isUnknown);
        assertThat(f.get(0).message()).contains("cannot be seen");
    }

    @Test
    void swapsTableMissingAloneMakesMountsUnknown() throws IOException {
        fx.write();
        Files.delete(tmp.resolve("proc/swaps"));
        HostRoot root = HostRoot.of(tmp);
        Topology t = new SysfsReader(root).scan();
        HostImpact impact = HostStateReader.read(root, t).impact();

        assertThat(impact.mountsKnown()).isFalse();
        assertThat(impact.routesKnown()).isTrue();
        assertThat(codes(BindSafety.risks(List.of(SWAP_HBA), t, HostStateReader.read(root, t))))
                .containsExactly("MOUNTS_UNKNOWN 0000:03:00.0");
    }

    @Test
    void binderRefusesBeforeAnyWriteUnlessTheRiskIsAccepted() throws IOException {
        fx.write();
        Files.createDirectories(tmp.resolve("sys/bus/pci/drivers/vfio-pci"));
        HostRoot root = HostRoot.of(tmp);
        Topology t = new SysfsReader(root).scan();
        SimulatedSysfsKernel kernel = new SimulatedSysfsKernel(root);
        BindJournal journal = new BindJournal(tmp.resolve("state"));
        DriverBinder binder = new DriverBinder(root, kernel, journal, Clock.systemUTC());

        BindReport refused = binder.bindToVfio(List.of(GPU, BOOT_NVME), t, HostStateReader.read(root, t), false);
        assertThat(refused.outcome()).isEqualTo(BindReport.Outcome.REFUSED);
        assertThat(refused.functions()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo(BOOT_NVME);
            assertThat(r.message()).startsWith("[ROOT_FILESYSTEM]");
        });
        assertThat(refused.summary()).contains("--force-host-impact").contains("Nothing was changed");
        // the two-argument form reads the host itself and has no override
        assertThat(binder.bindToVfio(List.of(UPLINK), t).outcome()).isEqualTo(BindReport.Outcome.REFUSED);
        assertThat(kernel.writes).isEmpty();
        assertThat(journal.file()).doesNotExist();

        BindReport forced = binder.bindToVfio(List.of(GPU, UPLINK), t, HostStateReader.read(root, t), true);
        assertThat(forced.outcome()).isEqualTo(BindReport.Outcome.DONE);
        assertThat(forced.notes()).anySatisfy(n -> assertThat(n).contains("[DEFAULT_ROUTE]").contains("ens1f0"));
        assertThat(kernel.writes).isNotEmpty();
    }
}
