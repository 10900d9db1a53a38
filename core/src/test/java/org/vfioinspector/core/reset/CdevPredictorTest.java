package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.CdevPrediction.Ownership;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.sysfs.VfioInterfaces;
import org.vfioinspector.core.sysfs.VfioInterfaces.Presence;

/**
 * Every rule of {@link CdevPredictor} on fixture trees built here: a root port with a two-function device on its
 * bus (what the lab's 6.12 kernel answered for such sets is in shared/VFIO-LAB.md).
 */
class CdevPredictorTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");

    @TempDir
    Path dir;

    private SysfsFixture fx;
    private FixtureDevice rp;

    @BeforeEach
    void rootPort() {
        fx = new SysfsFixture(dir);
        rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3).driver("pcieport");
        fx.file("dev/vfio/vfio", "");
        fx.file("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n");
        fx.file("sys/class/net/.keep", "");
    }

    private Runnable afterWrite = () -> { };
    private BlastRadius blast;

    private CdevPrediction predict(PciAddress target) {
        fx.write();
        afterWrite.run();
        HostRoot root = HostRoot.of(dir);
        Topology t = new SysfsReader(root).scan();
        HostState host = HostStateReader.read(root, t);
        BlastRadius b = new BlastRadiusAnalyzer(t, host).analyze(target);
        blast = b;
        return CdevPredictor.predict(b, t, host.holders(), VfioInterfaces.read(root, t));
    }

    private FixtureDevice nic(int group) {
        return fx.add(NIC.toString()).under(rp).nic(0x8086, 0x10d3).multifunction(true).driver("vfio-pci").group(group);
    }

    private FixtureDevice audio(int group) {
        return fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(group);
    }

    private static Ownership ownership(CdevPrediction c, PciAddress a) {
        return c.functions().stream().filter(f -> f.address().equals(a)).findFirst().orElseThrow().ownership();
    }

    @Test
    void aSameGroupSiblingOnVfioPciIsImplicitlyOwnedAndOnlyTheTargetIsOpened() {
        FixtureDevice n = nic(7);
        FixtureDevice a = audio(7);
        fx.iommufd().cdev(n, 0).cdev(a, 1);

        CdevPrediction c = predict(NIC);

        assertThat(c.available()).contains(true);
        assertThat(c.opens()).containsExactly(NIC);
        assertThat(ownership(c, NIC)).isEqualTo(Ownership.OPENED);
        assertThat(ownership(c, AUDIO)).isEqualTo(Ownership.IMPLICITLY_OWNED);
        assertThat(c.blockers()).isEmpty();
        assertThat(c.unknowns()).isEmpty();
        assertThat(c.verdict()).as(blast.blockers() + " " + blast.unknowns()).isEqualTo(Verdict.READY);
        assertThat(c.interfaces().cdevs()).containsEntry(NIC, "vfio0").containsEntry(AUDIO, "vfio1");
    }

    @Test
    void eachIommuGroupGetsItsOwnOpenedCdev() {
        FixtureDevice n = nic(7);
        FixtureDevice a = audio(8);
        fx.iommufd().cdev(n, 0).cdev(a, 1);

        CdevPrediction c = predict(AUDIO);

        assertThat(c.opens()).containsExactly(AUDIO, NIC);
        assertThat(ownership(c, NIC)).isEqualTo(Ownership.OPENED);
        assertThat(c.verdict()).as(blast.blockers() + " " + blast.unknowns()).isEqualTo(Verdict.READY);
    }

    @Test
    void aFunctionWithNoDriverIsNotOwnedAndBlocks() {
        FixtureDevice n = nic(7);
        fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).group(8);
        fx.iommufd().cdev(n, 0);

        CdevPrediction c = predict(NIC);

        assertThat(ownership(c, AUDIO)).isEqualTo(Ownership.NOT_OWNED);
        assertThat(c.blockers()).extracting(Finding::code).contains("CDEV_NOT_OWNED");
        assertThat(c.blockers().get(0).message()).contains("devid -1", "EINVAL");
        assertThat(c.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void aHostDrivenSiblingInTheOpenedGroupMakesTheBindFailWithEperm() {
        FixtureDevice n = nic(7);
        fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).driver("snd_hda_intel").group(7);
        fx.iommufd().cdev(n, 0);

        CdevPrediction c = predict(NIC);

        assertThat(ownership(c, AUDIO)).isEqualTo(Ownership.NOT_OWNED);
        assertThat(c.blockers()).extracting(Finding::code).contains("CDEV_NOT_OWNED", "CDEV_BIND_EPERM");
        assertThat(c.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void aCdevHeldByAnotherProcessIsBoundElsewhere() {
        FixtureDevice n = nic(7);
        FixtureDevice a = audio(8);
        fx.iommufd().cdev(n, 0).cdev(a, 1);
        fx.process(4242, "qemu-system-x86", "qemu-system-x86_64 -device vfio-pci",
                Map.of(20, "/dev/iommu", 21, "/dev/vfio/devices/vfio1"));

        CdevPrediction c = predict(NIC);

        assertThat(ownership(c, AUDIO)).isEqualTo(Ownership.NOT_OWNED);
        assertThat(c.blockers()).extracting(Finding::code).contains("CDEV_HELD_ELSEWHERE");
        assertThat(c.blockers().stream().filter(f -> f.code().equals("CDEV_HELD_ELSEWHERE")).findFirst().orElseThrow()
                .message()).contains("qemu-system-x86", "EPERM");
    }

    @Test
    void anOtherVirtualFunctionIsItsOwnDeviceSetEvenInTheSameIommufd() {
        FixtureDevice vf1 = fx.add("0000:01:00.1").nic(0x8086, 0x154c).driver("vfio-pci").group(41);
        FixtureDevice vf2 = fx.add("0000:01:00.2").nic(0x8086, 0x154c).driver("vfio-pci").group(42);
        FixtureDevice pf = fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x1572).multifunction(true)
                .driver("vfio-pci").group(40).sriov(8, vf1, vf2);
        vf1.under(rp);
        vf2.under(rp);
        fx.iommufd().cdev(pf, 0).cdev(vf1, 1).cdev(vf2, 2);

        CdevPrediction c = predict(PciAddress.parse("0000:01:00.0"));

        assertThat(ownership(c, PciAddress.parse("0000:01:00.1"))).isEqualTo(Ownership.NOT_OWNED);
        assertThat(ownership(c, PciAddress.parse("0000:01:00.2"))).isEqualTo(Ownership.NOT_OWNED);
        assertThat(c.blockers()).extracting(Finding::code).contains("CDEV_VF_OWN_DEVICE_SET");
        assertThat(c.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void withoutDevIommuThePathIsUnavailable() {
        FixtureDevice n = nic(7);
        audio(7);
        fx.cdev(n, 0);

        CdevPrediction c = predict(NIC);

        assertThat(c.available()).contains(false);
        assertThat(c.interfaces().iommufd()).isEqualTo(Presence.ABSENT);
        assertThat(c.blockers()).extracting(Finding::code).contains("CDEV_PATH_UNAVAILABLE");
        assertThat(c.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void aFunctionOnVfioPciWithoutVfioDevMeansTheKernelHasNoCdev() {
        nic(7);
        audio(7);
        fx.iommufd();

        CdevPrediction c = predict(NIC);

        assertThat(c.available()).contains(false);
        assertThat(c.interfaces().kernelCdev()).isEqualTo(Presence.ABSENT);
        assertThat(c.availability()).contains("CONFIG_VFIO_DEVICE_CDEV");
    }

    @Test
    void aRootWithoutDevIsUnknownNeverReady() {
        FixtureDevice n = nic(7);
        FixtureDevice a = audio(7);
        fx.deviceFile(n, "vfio-dev/vfio0/dev", "247:0\n").deviceFile(a, "vfio-dev/vfio1/dev", "247:1\n");
        afterWrite = this::deleteDev; // a snapshot: sys/ and proc/, no dev/

        CdevPrediction c = predict(NIC);

        assertThat(c.available()).isEmpty();
        assertThat(c.interfaces().iommufd()).isEqualTo(Presence.UNKNOWN);
        assertThat(c.unknowns()).extracting(Finding::code).contains("CDEV_PATH_UNKNOWN");
        assertThat(c.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    private void deleteDev() {
        try (var walk = java.nio.file.Files.walk(dir.resolve("dev"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
