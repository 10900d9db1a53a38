package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.app.session.VerdictView;
import org.vfioinspector.core.bench.SyntheticHost;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.sysfs.ScopedScan;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * {@code blast} and {@code show} read only what a verdict needs ({@link org.vfioinspector.core.reset.VerdictScope});
 * the proof that this changes nothing: for every function of every tree, each report from the scoped read equals,
 * byte for byte and with the same exit code, the report from the whole read — blast as JSON and text, with the
 * recommended, the function and the hot reset, with {@code --cdev}; show as text and JSON. Trees: the real
 * captures (ThinkPad, hwloc's server, the QEMU q35 guest), the lab's snapshots (6.1, 6.12, iommufd, pciehp), the
 * demo, a busy built host (holders, cdevs, mounted disks, the default route, a switch) and synthetic hosts.
 * Trees the scoped read cannot bound fall back to the whole read, and must.
 */
class VerdictScopeEqualityTest {

    /** On the larger synthetic hosts, every how-manyth function is compared. */
    private static final int STRIDE = 9;

    @TempDir
    Path tmp;

    /** How a sweep went: functions compared through the scoped read, and those that fell back to the whole read. */
    private record Sweep(int scoped, int fellBack, int smallest, int largest) { }

    /**
     * Every function of a 256-function host; of a second seed and of the 1,024-function host every
     * {@value #STRIDE}th (all of them with {@code -Dvfio.inspector.fullSweep=true}: ~15 min on a busy 2-core machine,
     * passed on the commit that added this test).
     */
    @Test
    void syntheticHostsOfTwoSeedsAndSizes() {
        int stride = Boolean.getBoolean("vfio.inspector.fullSweep") ? 1 : STRIDE;
        Path first = tmp.resolve("s256-a");
        SyntheticHost.write(first, 256, 20251124L);
        Sweep s = sweep(new HostSource(Session.Source.PATH, first), 1);
        assertThat(s.fellBack()).isZero();
        assertThat(s.scoped()).isEqualTo(256);
        assertThat(s.smallest()).isLessThan(20);
        Path second = tmp.resolve("s256-b");
        SyntheticHost.write(second, 256, 7L);
        assertThat(sweep(new HostSource(Session.Source.PATH, second), stride).fellBack()).isZero();
        Path big = tmp.resolve("s1024");
        SyntheticHost.write(big, 1024, 20251124L);
        Sweep b = sweep(new HostSource(Session.Source.PATH, big), stride);
        assertThat(b.fellBack()).isZero();
        assertThat(b.scoped()).isEqualTo((1024 + stride - 1) / stride);
        assertThat(b.largest()).as("no verdict needs the whole host").isLessThan(1024);
    }

    @Test
    void realCaptures() throws IOException {
        Sweep q35 = sweep(new HostSource(Session.Source.PATH, RealFixtures.qemuQ35(tmp, false)));
        assertThat(q35.fellBack()).isZero();
        sweep(new HostSource(Session.Source.PATH, RealFixtures.qemuQ35(tmp, true)));
        sweep(new HostSource(Session.Source.PATH, RealFixtures.thinkpad(tmp)));
        sweep(new HostSource(Session.Source.PATH, RealFixtures.hwlocServer(tmp)));
    }

    @Test
    void labSnapshots() throws IOException {
        for (String name : List.of("lab-guest-snapshot.tar.gz", "lab-guest-snapshot-6.12.tar.gz",
                "lab-guest-snapshot-iommufd.tar.gz", "lab-guest-snapshot-pciehp.tar.gz",
                "lab-guest-snapshot-pciehp-6.12.tar.gz")) {
            // copied out: in the reactor build core's test resources come from its test jar, not a directory
            Path snapshot = tmp.resolve(name);
            try (var in = getClass().getResourceAsStream("/fixtures/lab/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, snapshot);
            }
            Sweep s = sweep(new HostSource(Session.Source.PATH, snapshot));
            assertThat(s.fellBack()).as(name).isZero();
            assertThat(s.scoped()).as(name).isPositive();
        }
    }

    @Test
    void demo() {
        Sweep s = sweep(new HostSource(Session.Source.DEMO, null));
        assertThat(s.fellBack()).isZero();
    }

    /** Holders (a VM with a group and a cdev open), mounted disks, swap, the default route, a switch, iommufd. */
    @Test
    void busyHost() {
        SysfsFixture fx = new SysfsFixture(tmp).kernel("6.12.0").cmdline("intel_iommu=on iommu=pt");
        FixtureDevice rp1 = fx.add("0000:00:01.0").rootPort(1, 1).driver("pcieport").group(1);
        FixtureDevice boot = fx.add("0000:01:00.0").under(rp1).nvme(0x144d, 0xa808).driver("nvme").group(2)
                .resetMethods("flr", "bus");
        FixtureDevice rp2 = fx.add("0000:00:02.0").rootPort(2, 5).driver("pcieport").group(3);
        FixtureDevice up = fx.add("0000:02:00.0").under(rp2).upstreamPort(3, 5).driver("pcieport").group(4);
        FixtureDevice dp1 = fx.add("0000:03:00.0").under(up).downstreamPort(4, 4).driver("pcieport").group(5);
        FixtureDevice dp2 = fx.add("0000:03:01.0").under(up).downstreamPort(5, 5).driver("pcieport").noAcs().group(6);
        FixtureDevice gpu = fx.add("0000:04:00.0").under(dp1).gpu(0x10de, 0x2204).multifunction(true)
                .driver("vfio-pci").group(7).resetMethods("bus");
        fx.add("0000:04:00.1").under(dp1).audio(0x10de, 0x1aef).multifunction(true).driver("snd_hda_intel").group(7)
                .resetMethods("flr");
        FixtureDevice uplink = fx.add("0000:05:00.0").under(dp2).nic(0x8086, 0x1572).multifunction(true).driver("i40e")
                .group(6).resetMethods("flr");
        FixtureDevice spare = fx.add("0000:05:00.1").under(dp2).nic(0x8086, 0x1572).multifunction(true)
                .driver("vfio-pci").group(6).resetMethods("flr");
        FixtureDevice hba = fx.add("0000:00:17.0").endpoint(0x8086, 0xa352, 0x010601).driver("ahci").group(8)
                .resetMethods("pm");
        fx.add("0000:00:1f.0").endpoint(0x8086, 0xa306, 0x060100).multifunction(true).group(9);
        fx.add("0000:00:1f.3").audio(0x8086, 0xa348).multifunction(true).driver("snd_hda_intel").group(9);
        fx.nvmeNamespace(boot, "nvme0", "nvme0n1", 2).scsiDisk(hba, "ata1", 0, "sda", 1)
                .netInterface(uplink, "ens1f0", "up", "3c:fd:fe:a1:b2:c0")
                .netInterface(spare, "ens1f1", "down", "3c:fd:fe:a1:b2:c1");
        fx.iommufd().cdev(gpu, 0).cdev(spare, 1);
        fx.process(4242, "qemu-system-x86", "qemu-system-x86_64 -name vm1", Map.of(22, "/dev/vfio/7", 23, "/dev/iommu",
                24, "/dev/vfio/devices/vfio1"));
        fx.file("proc/self/mountinfo", """
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw
                25 22 259:1 / /boot/efi rw,relatime shared:7 - vfat /dev/nvme0n1p1 rw
                """);
        fx.file("proc/swaps", """
                Filename				Type		Size		Used		Priority
                /dev/sda1                               partition	8388604		0		-2
                """);
        fx.file("proc/net/route", """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                ens1f0	00000000	0100A8C0	0003	0	0	100	00000000	0	0	0
                """);
        fx.write();
        Sweep s = sweep(new HostSource(Session.Source.PATH, tmp));
        assertThat(s.fellBack()).isZero();
        assertThat(s.scoped()).isEqualTo(13);
    }

    /** A function without a bus link is found only by walking sys/devices: the scoped read cannot bound the host. */
    @Test
    void aFunctionOnlyTheWalkFindsMakesItReadTheWholeHost() throws IOException {
        SysfsFixture fx = new SysfsFixture(tmp);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).driver("pcieport").group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1521).multifunction(true).driver("igb").group(4);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.add("0000:00:1f.0").endpoint(0x8086, 0xa306, 0x060100).group(9);
        fx.write();
        Files.delete(tmp.resolve("sys/bus/pci/devices/0000:01:00.1"));
        Sweep s = sweep(new HostSource(Session.Source.PATH, tmp));
        assertThat(s.scoped()).isZero();
        assertThat(s.fellBack()).isEqualTo(4);
        sameOnTheCommandLine(tmp, "0000:00:1f.0");
    }

    /** A function whose upstream bridge was not captured: its hot reset is unknown, as the whole read says. */
    @Test
    void aMissingBridgeMakesItReadTheWholeHost() throws IOException {
        SysfsFixture fx = new SysfsFixture(tmp);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 3).driver("pcieport").group(1);
        FixtureDevice up = fx.add("0000:01:00.0").under(rp).upstreamPort(2, 3).driver("pcieport").group(2);
        FixtureDevice dn = fx.add("0000:02:01.0").under(up).downstreamPort(3, 3).driver("pcieport").group(3);
        fx.add("0000:03:00.0").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.add("0000:03:00.1").under(dn).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.write();
        Files.delete(tmp.resolve("sys/bus/pci/devices/0000:02:01.0"));
        sweep(new HostSource(Session.Source.PATH, tmp));
        sameOnTheCommandLine(tmp, "0000:03:00.0");
    }

    /** A group folder that does not list a function linking to it: the whole read's viability counts it. */
    @Test
    void aGroupFolderMissingAMemberMakesItReadTheWholeHost() throws IOException {
        SysfsFixture fx = new SysfsFixture(tmp);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).driver("pcieport").group(1);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1521).multifunction(true).driver("vfio-pci").group(4);
        fx.add("0000:01:00.1").under(rp).nic(0x8086, 0x1521).multifunction(true).driver("igb").group(4);
        fx.write();
        Files.delete(tmp.resolve("sys/kernel/iommu_groups/4/devices/0000:01:00.1"));
        Sweep s = sweep(new HostSource(Session.Source.PATH, tmp));
        assertThat(s.fellBack()).isPositive();
        sameOnTheCommandLine(tmp, "0000:01:00.0");
    }

    /** The command line itself: the same bytes and exit code with the scoped read and with the whole read. */
    @Test
    void theCommandLineReadsScopedAndSaysTheSame() throws IOException {
        Path root = RealFixtures.qemuQ35(tmp, false);
        try (Session s = Session.open(Session.Source.PATH, root)) {
            for (PciDevice d : s.topology().devices()) {
                sameOnTheCommandLine(root, d.address().toString());
            }
        }
    }

    private static void sameOnTheCommandLine(Path root, String bdf) {
        for (List<String> args : List.of(List.of("blast", bdf, "--json"), List.of("blast", bdf),
                List.of("blast", bdf, "--cdev"), List.of("show", bdf), List.of("show", bdf, "--json"))) {
            List<String> all = new ArrayList<>(List.of("--root", root.toString()));
            all.addAll(args);
            String scoped = cli(all, false);
            String whole = cli(all, true);
            assertThat(scoped).as("%s", all).isEqualTo(whole);
        }
    }

    /** Exit code and output of one in-process run, with the whole read forced or not. */
    private static String cli(List<String> args, boolean wholeRead) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String before = System.getProperty(Session.WHOLE_READ);
        System.setProperty(Session.WHOLE_READ, Boolean.toString(wholeRead));
        try {
            int code = Cli.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return code + "\n" + out.toString(StandardCharsets.UTF_8) + "\n" + err.toString(StandardCharsets.UTF_8);
        } finally {
            if (before == null) {
                System.clearProperty(Session.WHOLE_READ);
            } else {
                System.setProperty(Session.WHOLE_READ, before);
            }
        }
    }

    /** Every function of the host through every report, from the whole read and from the scoped read. */
    private static Sweep sweep(HostSource source) {
        return sweep(source, 1);
    }

    /** {@link #sweep(HostSource)} of every {@code stride}th function (by address). */
    private static Sweep sweep(HostSource source, int stride) {
        try (Session whole = Session.open(source); Session part = Session.open(source)) {
            List<PciDevice> devices = whole.topology().devices();
            // what Session.verdictView gives once the whole host is read, made once for all functions
            VerdictView full = new VerdictView(whole.topology(), whole.hostState(),
                    VfioInterfaces.read(whole.root(), whole.topology()), whole.analyzer(), whole::health, false);
            VerdictView read = whole.verdictView(devices.get(0).address(), true);
            assertThat(read.scoped()).isFalse();
            assertThat(read.topology()).isSameAs(full.topology());
            assertThat(read.vfio()).isEqualTo(full.vfio());
            Optional<ScopedScan> scan = ScopedScan.open(part.root());
            int scoped = 0;
            int fellBack = 0;
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int i = 0; i < devices.size(); i += stride) {
                PciAddress a = devices.get(i).address();
                Optional<VerdictView> blast = scan.flatMap(x -> VerdictView.scoped(part.root(), x, a, true,
                        part.sourceArguments()));
                Optional<VerdictView> show = scan.flatMap(x -> VerdictView.scoped(part.root(), x, a, false,
                        part.sourceArguments()));
                assertThat(show.isPresent()).as("show and blast of %s fall back alike", a).isEqualTo(blast.isPresent());
                if (blast.isEmpty()) {
                    fellBack++;
                    continue;
                }
                scoped++;
                smallest = Math.min(smallest, blast.get().topology().size());
                largest = Math.max(largest, blast.get().topology().size());
                assertThat(part.verdictView(a, true).scoped()).isTrue();
                for (boolean json : new boolean[] {true, false}) {
                    for (Optional<ResetKind> kind : List.of(Optional.<ResetKind>empty(),
                            Optional.of(ResetKind.FUNCTION_RESET), Optional.of(ResetKind.HOT_RESET))) {
                        assertThat(blast(blast.get(), whole, a, kind, false, json))
                                .as("blast %s %s json=%s", a, kind, json).isEqualTo(blast(full, whole, a, kind, false, json));
                    }
                    assertThat(blast(blast.get(), whole, a, Optional.empty(), true, json))
                            .as("blast %s --cdev json=%s", a, json).isEqualTo(blast(full, whole, a, Optional.empty(), true, json));
                    assertThat(show(show.get(), whole, a, json)).as("show %s json=%s", a, json)
                            .isEqualTo(show(full, whole, a, json));
                }
            }
            return new Sweep(scoped, fellBack, smallest, largest);
        }
    }

    private static String blast(VerdictView v, Session s, PciAddress a, Optional<ResetKind> kind, boolean cdev,
                                boolean json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BlastCommand.report(v, s::names, v.topology().device(a).orElseThrow(), kind, cdev, json,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return code + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    private static String show(VerdictView v, Session s, PciAddress a, boolean json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShowCommand.report(v, s.names(), v.topology().device(a).orElseThrow(), json,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
