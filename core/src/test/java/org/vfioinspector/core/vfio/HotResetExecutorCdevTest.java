package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.ResetReport.Outcome;
import org.vfioinspector.core.vfio.ResetReport.StepOutcome;

/**
 * The cdev path (issue 20) against {@link FakeVfioKernel} answering as the lab's 6.12 kernel did (shared/VFIO-LAB.md):
 * a root port with a two-function device on its bus, both on vfio-pci, each with its cdev, and {@code /dev/iommu}.
 */
class HotResetExecutorCdevTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");
    private static final List<PciAddress> BUS_SET = List.of(NIC, AUDIO);

    @TempDir
    Path dir;

    private final FakeVfioKernel kernel = new FakeVfioKernel();
    private SysfsFixture fx;
    private HostRoot root;
    private FakeVfioKernel.Group group7;
    private FakeVfioKernel.Group group8;

    /** Both functions in group 7, or the audio function in group 8 when {@code split}. */
    private void tree(boolean split) {
        fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3).driver("pcieport");
        FixtureDevice n = fx.add(NIC.toString()).under(rp).nic(0x8086, 0x10d3).multifunction(true).driver("vfio-pci").group(7);
        FixtureDevice a = fx.add(AUDIO.toString()).under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(split ? 8 : 7);
        fx.iommufd().cdev(n, 0).cdev(a, 1);
        fx.write();
        root = HostRoot.of(dir);
        kernel.iommu(node("iommu"));
        group7 = kernel.group(node("vfio/7"), 7, split ? new String[] {NIC.toString()} : new String[] {NIC.toString(), AUDIO.toString()});
        group8 = split ? kernel.group(node("vfio/8"), 8, AUDIO.toString()) : group7;
        kernel.cdev(node("vfio/devices/vfio0"), NIC.toString(), group7);
        kernel.cdev(node("vfio/devices/vfio1"), AUDIO.toString(), group8);
        kernel.dependentsOnCall = call -> KernelHotResetSet.of(dir, NIC.toString());
    }

    @BeforeEach
    void oneGroup() {
        tree(false);
    }

    @AfterEach
    void everyDescriptorIsClosed() {
        assertThat(kernel.fds).as("descriptors left open").isEmpty();
    }

    private String node(String name) {
        return root.resolve("dev/" + name).toString();
    }

    private ResetPlan plan(PciAddress target, List<PciAddress> confirmed, ResetKind kind, boolean dryRun) {
        return ResetPlanner.plan(new ResetRequest(target, confirmed, kind, dryRun, false), new SysfsReader(root).scan(),
                HostState.NONE, true);
    }

    private ResetReport run(ResetPlan plan) {
        return new HotResetExecutor(root, kernel, () -> HolderScan.NONE).withPath(VfioPath.CDEV).execute(plan);
    }

    @Test
    void hotResetBindsOneCdevPerGroupToOneIommufdAndResetsWithCountZero() {
        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.calls).containsExactly("open " + node("iommu"), "open " + node("vfio/devices/vfio0"),
                "VFIO_DEVICE_BIND_IOMMUFD", "IOMMU_IOAS_ALLOC", "VFIO_DEVICE_ATTACH_IOMMUFD_PT", "VFIO_DEVICE_GET_INFO",
                "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "VFIO_DEVICE_PCI_HOT_RESET",
                "close", "close");
        assertThat(kernel.hotResetInfoArgsz).containsExactly(12, 12 + 2 * 8); // ENOSPC sizing, as the lab saw
        assertThat(kernel.reportedDevids).hasSize(1);
        assertThat(kernel.reportedDevids.get(0).get(0)).as("the target's devid").isPositive();
        assertThat(kernel.reportedDevids.get(0).get(1)).as("the unopened sibling: VFIO_PCI_DEVID_OWNED").isZero();
        assertThat(kernel.cdevHotResets).containsExactly(NIC.toString());
        assertThat(kernel.hotResets).as("no group fds on this path").isEmpty();
        assertThat(report.kernelSet()).containsExactly(NIC, AUDIO);
        assertThat(report.kernelList()).allMatch(DependentDevice::devIdMode);
        assertThat(report.steps()).extracting(ResetReport.Step::stage).containsExactly(Stage.OPEN_IOMMUFD,
                Stage.OPEN_CDEV, Stage.BIND_IOMMUFD, Stage.IOAS_ALLOC, Stage.ATTACH_IOMMUFD_PT, Stage.GET_INFO,
                Stage.GET_HOT_RESET_INFO, Stage.COMPARE, Stage.HOT_RESET, Stage.VERIFY, Stage.CLOSE);
        assertThat(report.steps()).allMatch(s -> s.outcome() == StepOutcome.OK);
        assertThat(report.steps().get(6).detail()).startsWith("flags 0x3");
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.HOT_RESET, 1, false, VfioPath.CDEV));
    }

    @Test
    void twoGroupsOpenTwoCdevsBoundToTheSameIommufd() {
        kernel.paths.clear();
        kernel.calls.clear();
        tree(true);

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.calls).containsSubsequence("open " + node("vfio/devices/vfio0"), "VFIO_DEVICE_BIND_IOMMUFD",
                "open " + node("vfio/devices/vfio1"), "VFIO_DEVICE_BIND_IOMMUFD", "IOMMU_IOAS_ALLOC",
                "VFIO_DEVICE_ATTACH_IOMMUFD_PT", "VFIO_DEVICE_ATTACH_IOMMUFD_PT", "VFIO_DEVICE_PCI_HOT_RESET");
        assertThat(kernel.reportedDevids.get(0)).allMatch(id -> id > 0);
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.HOT_RESET, 2, false, VfioPath.CDEV));
    }

    @Test
    void aDryRunAsksTheKernelButNeverResets() {
        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, true));

        assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(kernel.calls).doesNotContain("VFIO_DEVICE_PCI_HOT_RESET");
        assertThat(report.summary()).startsWith("Dry run passed (cdev path)");
    }

    @Test
    void aFunctionTheIommufdDoesNotOwnIsRefusedBeforeTheResetIoctl() {
        kernel.ownDeviceSet.add(AUDIO.toString()); // as another VF: its own vfio device set

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(report.refusals()).extracting(org.vfioinspector.core.reset.Finding::code).containsExactly("CDEV_NOT_OWNED");
        assertThat(report.summary()).contains("devid -1", "flags 0x1");
        assertThat(kernel.calls).doesNotContain("VFIO_DEVICE_PCI_HOT_RESET");
    }

    @Test
    void aHostDrivenSiblingMakesTheBindFailWithEperm() {
        group7.viable = false;

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.error().orElseThrow().stage()).isEqualTo(Stage.BIND_IOMMUFD);
        assertThat(report.error().orElseThrow().errnoName()).isEqualTo("EPERM");
        assertThat(report.summary()).contains("host driver");
    }

    @Test
    void aFunctionResetGoesThroughTheTargetsCdevAlone() {
        ResetReport report = run(plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, false));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.resets).containsExactly(NIC.toString());
        assertThat(kernel.calls).containsSubsequence("VFIO_DEVICE_BIND_IOMMUFD", "VFIO_DEVICE_GET_INFO", "VFIO_DEVICE_RESET");
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.FUNCTION_RESET, 1, false, VfioPath.CDEV));
    }

    @Test
    void theKernelAnswersInfoBeforeBindWithEinvalAndACountAboveZeroWithEinval() throws Exception {
        try (Iommufd ictx = Iommufd.open(Path.of(node("iommu")), kernel);
             VfioDevice dev = VfioDevice.openCdev(Path.of(node("vfio/devices/vfio0")), kernel)) {
            assertThatThrownBy(dev::getPciHotResetInfo).isInstanceOfSatisfying(VfioException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
            assertThat(dev.bindIommufd(ictx)).isPositive();
            int ioas = ictx.ioasAlloc();
            dev.attachIommufdPt(ioas);
            FakeVfioKernel.Group fakeOther = kernel.group(node("vfio/99"), 99);
            try (VfioGroup g = VfioGroup.open(Path.of(node("vfio/99")), kernel)) {
                assertThat(fakeOther.id).isEqualTo(99);
                assertThatThrownBy(() -> dev.hotReset(List.of(g))).as("count 1 on a cdev")
                        .isInstanceOfSatisfying(VfioException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
            }
            dev.hotResetOwnedByIommufd();
            assertThat(kernel.cdevHotResets).containsExactly(NIC.toString());
        }
    }

    @Test
    void aGroupAndACdevOfItAreNeverOpenTogether() throws Exception {
        try (VfioGroup g = VfioGroup.open(Path.of(node("vfio/7")), kernel)) {
            assertThatThrownBy(() -> VfioDevice.openCdev(Path.of(node("vfio/devices/vfio0")), kernel))
                    .isInstanceOfSatisfying(VfioException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
            assertThat(g.isClosed()).isFalse();
        }
        try (VfioDevice d = VfioDevice.openCdev(Path.of(node("vfio/devices/vfio1")), kernel)) {
            assertThatThrownBy(() -> VfioGroup.open(Path.of(node("vfio/7")), kernel))
                    .isInstanceOfSatisfying(VfioException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
            assertThat(d.isClosed()).isFalse();
        }
    }

    @Test
    void theCdevPathNeedsDevIommu() {
        kernel.paths.remove(node("iommu"));

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, true));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.error().orElseThrow().stage()).isEqualTo(Stage.OPEN_IOMMUFD);
        assertThat(report.summary()).contains("CONFIG_IOMMUFD");
    }
}
