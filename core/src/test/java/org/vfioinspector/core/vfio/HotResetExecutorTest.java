package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.health.FunctionVerification;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.health.VerificationVerdict;
import org.vfioinspector.core.host.Holder;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.vfio.ResetReport.Outcome;
import org.vfioinspector.core.vfio.ResetReport.StepOutcome;

/**
 * The whole reset protocol against {@link FakeVfioKernel} (which answers like the lab's 6.1 kernel)
 * over a fixture sysfs tree: a root port with a two-function device on its bus, both functions in
 * IOMMU group 7 and bound to vfio-pci. Nothing here touches this machine's /dev/vfio.
 */
class HotResetExecutorTest {

    private static final PciAddress NIC = PciAddress.parse("0000:01:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:01:00.1");
    private static final List<PciAddress> BUS_SET = List.of(NIC, AUDIO);

    @TempDir
    Path dir;

    private final FakeVfioKernel kernel = new FakeVfioKernel();
    private SysfsFixture fx;
    private HostRoot root;
    private FakeVfioKernel.Group group7;
    private HolderScan holders = HolderScan.NONE;

    @BeforeEach
    void twoFunctionsBehindARootPort() {
        fx = new SysfsFixture(dir);
        FixtureDevice rp = fx.add("0000:00:1c.0").rootPort(1, 1).group(3);
        fx.add("0000:01:00.0").under(rp).nic(0x8086, 0x10d3).driver("vfio-pci").group(7);
        fx.add("0000:01:00.1").under(rp).audio(0x8086, 0x10d4).driver("vfio-pci").group(7);
        fx.write();
        root = HostRoot.of(dir);
        kernel.container(node("vfio"));
        group7 = kernel.group(node("7"), 7, NIC.toString(), AUDIO.toString());
        // the kernel's own rule on the fixture (the root port's bus), not the set the planner predicts
        kernel.dependentsOnCall = call -> KernelHotResetSet.of(dir, NIC.toString());
    }

    @AfterEach
    void everyDescriptorIsClosed() {
        assertThat(kernel.fds).as("descriptors left open").isEmpty();
    }

    private String node(String name) {
        return root.resolve("dev/vfio/" + name).toString();
    }

    private Topology scan() {
        return new SysfsReader(root).scan();
    }

    private ResetPlan plan(PciAddress target, List<PciAddress> confirmed, ResetKind kind, boolean dryRun) {
        return ResetPlanner.plan(new ResetRequest(target, confirmed, kind, dryRun, false), scan(), HostState.NONE, true);
    }

    private ResetReport run(ResetPlan plan) {
        return new HotResetExecutor(root, kernel, () -> holders).execute(plan);
    }

    @Test
    void hotResetOfATwoFunctionBusSetRunsEveryStepInOrderAndVerifies() {
        ResetPlan plan = plan(NIC, BUS_SET, ResetKind.HOT_RESET, false);
        assertThat(plan.refusals()).isEmpty();

        ResetReport report = run(plan);

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.calls).containsSubsequence("open " + node("vfio"), "VFIO_GET_API_VERSION",
                "VFIO_CHECK_EXTENSION", "open " + node("7"), "VFIO_GROUP_GET_STATUS", "VFIO_GROUP_SET_CONTAINER",
                "VFIO_SET_IOMMU", "VFIO_GROUP_GET_DEVICE_FD", "VFIO_DEVICE_GET_INFO",
                "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "VFIO_DEVICE_PCI_HOT_RESET", "close", "close", "close");
        assertThat(kernel.hotResets).containsExactly(List.of(7));
        assertThat(report.kernelSet()).containsExactly(NIC, AUDIO);
        assertThat(report.differences()).isEmpty();
        Verification v = report.verification().orElseThrow();
        assertThat(v.functions()).extracting(FunctionVerification::address).containsExactly(NIC, AUDIO);
        assertThat(v.verdict()).isEqualTo(VerificationVerdict.CAME_BACK);
        assertThat(v.functions().get(0).after().function().ids()).contains("8086:10d3");
        assertThat(report.steps()).extracting(ResetReport.Step::stage).containsSubsequence(Stage.OPEN_CONTAINER,
                Stage.API_VERSION, Stage.CHECK_EXTENSION, Stage.OPEN_GROUP, Stage.GET_STATUS, Stage.SET_CONTAINER,
                Stage.SET_IOMMU, Stage.GET_DEVICE_FD, Stage.GET_INFO, Stage.GET_HOT_RESET_INFO, Stage.COMPARE,
                Stage.HOT_RESET, Stage.VERIFY, Stage.CLOSE);
        assertThat(report.steps()).allMatch(s -> s.outcome() == StepOutcome.OK);
        assertThat(report.steps().get(2).detail()).isEqualTo("VFIO_TYPE1v2_IOMMU");
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.HOT_RESET, 1, false));
    }

    @Test
    void progressHearsEachCallBeforeTheKernelDoesAndEachStepAsTheReportHasIt() {
        List<String> heard = new java.util.ArrayList<>();
        List<ResetReport.Step> finished = new java.util.ArrayList<>();
        ResetProgress listener = new ResetProgress() {
            @Override
            public void starting(Stage stage, String target) {
                // the listener runs before the ioctl: the kernel has not seen it yet
                heard.add(stage + (kernel.calls.contains(stage.label()) ? " (already called!)" : ""));
            }

            @Override
            public void finished(ResetReport.Step step) {
                finished.add(step);
            }
        };

        ResetReport report = new HotResetExecutor(root, kernel, () -> holders)
                .execute(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false), listener);

        assertThat(report.outcome()).isEqualTo(Outcome.RESET);
        assertThat(finished).containsExactlyElementsOf(report.steps());
        assertThat(heard).contains("HOT_RESET", "GET_HOT_RESET_INFO", "GET_STATUS", "SET_IOMMU")
                .noneMatch(h -> h.endsWith("(already called!)"));
        assertThat(heard.indexOf("GET_HOT_RESET_INFO")).isLessThan(heard.indexOf("HOT_RESET"));
    }

    @Test
    void aListenerThatThrowsNeitherStopsTheResetNorLeaksADescriptor() {
        ResetProgress broken = new ResetProgress() {
            @Override
            public void starting(Stage stage, String target) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void finished(ResetReport.Step step) {
                throw new IllegalStateException("listener bug");
            }
        };

        ResetReport report = new HotResetExecutor(root, kernel, () -> holders)
                .execute(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false), broken);

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.hotResets).containsExactly(List.of(7));
        // everyDescriptorIsClosed() checks the fds after this test
    }

    @Test
    void dryRunListsTheKernelSetButNeverCallsHotReset() {
        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, true));

        assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(kernel.calls).contains("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO")
                .doesNotContain("VFIO_DEVICE_PCI_HOT_RESET", "VFIO_DEVICE_RESET");
        assertThat(kernel.hotResets).isEmpty();
        assertThat(report.kernelSet()).containsExactly(NIC, AUDIO);
        assertThat(report.summary()).contains("0000:01:00.0, 0000:01:00.1")
                .contains("VFIO_DEVICE_PCI_HOT_RESET was not called").contains("vfio-pci reset it");
        assertThat(report.steps()).filteredOn(s -> s.stage() == Stage.HOT_RESET)
                .extracting(ResetReport.Step::outcome).containsExactly(StepOutcome.SKIPPED);
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.HOT_RESET, 1, true));
    }

    @Test
    void groupFoundNotViableIsRefusedBeforeSetContainerNamingTheHostDriver() throws IOException {
        ResetPlan plan = plan(NIC, BUS_SET, ResetKind.HOT_RESET, false);
        // between planning and running, a host driver took the audio function back
        fx.device("0000:01:00.1").driver("snd_hda_intel");
        fx.write();
        Files.delete(dir.resolve("sys/bus/pci/drivers/vfio-pci/0000:01:00.1"));
        group7.viable = false;

        ResetReport report = run(plan);

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(kernel.calls).contains("VFIO_GROUP_GET_STATUS").doesNotContain("VFIO_GROUP_SET_CONTAINER",
                "VFIO_DEVICE_PCI_HOT_RESET");
        assertThat(report.refusals()).extracting(f -> f.code()).containsExactly("GROUP_NOT_VIABLE");
        assertThat(report.summary()).contains("IOMMU group 7 is not viable").contains("0000:01:00.1 (snd_hda_intel)");
    }

    @Test
    void kernelSetSmallerThanTheConfirmedSetIsRefusedShowingBothLists() {
        kernel.dependentsOnCall = call -> List.of(DependentDevice.inGroup(7, NIC));

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(kernel.hotResets).isEmpty();
        assertThat(report.summary()).contains("The kernel would reset [0000:01:00.0]")
                .contains("you confirmed [0000:01:00.0, 0000:01:00.1]");
        assertThat(report.differences()).contains("0000:01:00.1 was confirmed, but the kernel does not list it",
                "the prediction has 0000:01:00.1, which the kernel does not list");
    }

    @Test
    void kernelListEqualToTheConfirmedSetButNotThePredictionIsStillRefused() {
        PciAddress extra = PciAddress.parse("0000:01:00.2");
        List<PciAddress> three = List.of(NIC, AUDIO, extra);
        kernel.dependentsOnCall = call -> List.of(DependentDevice.inGroup(7, NIC), DependentDevice.inGroup(7, AUDIO),
                DependentDevice.inGroup(9, extra));
        ResetPlan predicted = plan(NIC, BUS_SET, ResetKind.HOT_RESET, false);
        ResetPlan confirmedThree = new ResetPlan(new ResetRequest(NIC, three, ResetKind.HOT_RESET, false, false),
                predicted.prediction(), predicted.affected(), predicted.groups(), predicted.targetGroup(),
                List.of(), List.of());

        ResetReport report = run(confirmedThree);

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(kernel.hotResets).isEmpty();
        assertThat(report.differences()).containsExactly(
                "the kernel lists 0000:01:00.2, which the prediction from sysfs does not",
                "the kernel lists IOMMU group 9, which was not predicted and is not open");
        assertThat(report.summary()).contains("but the prediction is [0000:01:00.0, 0000:01:00.1]");
    }

    @Test
    void groupHeldByAVmGivesEbusyNamingTheHolder() {
        group7.heldElsewhere = true;
        holders = new HolderScan(Map.of(7, List.of(new Holder(4242, "qemu-system-x86",
                "qemu-system-x86_64 -name win11", List.of("/dev/vfio/7"), true, true))), Map.of(), List.of(), true,
                List.of());

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.error()).hasValueSatisfying(e -> {
            assertThat(e.errnoName()).isEqualTo("EBUSY");
            assertThat(e.stage()).isEqualTo(Stage.OPEN_GROUP);
            assertThat(e.sentence()).contains("IOMMU group 7 is already open in another process")
                    .contains("qemu-system-x86 (pid 4242, a KVM virtual machine");
        });
        assertThat(kernel.calls).doesNotContain("VFIO_GROUP_GET_STATUS");
    }

    @Test
    void enottyFromHotResetSaysTheLinkDidNotComeBack() {
        kernel.failing.put(Vfio.VFIO_DEVICE_PCI_HOT_RESET, Errno.ENOTTY);

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.error()).hasValueSatisfying(e -> {
            assertThat(e.operation()).isEqualTo("VFIO_DEVICE_PCI_HOT_RESET");
            assertThat(e.errnoName()).isEqualTo("ENOTTY");
            assertThat(e.sentence()).contains("link did not come back").contains("Data Link Layer Link Active");
        });
        // the bus was reset, but the kernel gave up on the link: every function of the set is lost
        assertThat(report.verification().orElseThrow().verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(report.verification().orElseThrow().functions()).extracting(FunctionVerification::address)
                .containsExactly(NIC, AUDIO);
        assertThat(report.summary()).contains("did not come back");
    }

    @Test
    void theHookBeforeTheIoctlSeesTheKernelSetAndCanRefuse() {
        List<List<PciAddress>> seen = new java.util.ArrayList<>();
        ResetHooks refuse = new ResetHooks() {
            @Override
            public Optional<Finding> beforeIoctl(ResetPlan plan, List<PciAddress> kernelSet) {
                seen.add(kernelSet);
                return Optional.of(new Finding("AUDIT_UNWRITABLE", Optional.empty(), "The audit log cannot be written."));
            }
        };

        ResetReport report = new HotResetExecutor(root, kernel, () -> holders).withHooks(refuse)
                .execute(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(seen).containsExactly(List.of(NIC, AUDIO));
        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(kernel.calls).doesNotContain("VFIO_DEVICE_PCI_HOT_RESET");
        assertThat(report.refusals()).extracting(Finding::code).containsExactly("AUDIT_UNWRITABLE");
        assertThat(report.verification()).isEmpty();
    }

    @Test
    void aDryRunNeverReachesTheHook() {
        ResetHooks fail = new ResetHooks() {
            @Override
            public Optional<Finding> beforeIoctl(ResetPlan plan, List<PciAddress> kernelSet) {
                throw new AssertionError("called in a dry run");
            }
        };
        ResetReport report = new HotResetExecutor(root, kernel, () -> holders).withHooks(fail)
                .execute(plan(NIC, BUS_SET, ResetKind.HOT_RESET, true));
        assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
    }

    @Test
    void einvalFromHotResetNamesTheFunctionNotOnVfioPci() throws IOException {
        kernel.failing.put(Vfio.VFIO_DEVICE_PCI_HOT_RESET, Errno.EINVAL);
        ResetPlan plan = plan(NIC, BUS_SET, ResetKind.HOT_RESET, false);
        Files.delete(dir.resolve("sys/bus/pci/devices/0000:01:00.1/driver")); // the sibling lost its driver

        ResetReport report = run(plan);

        assertThat(report.error().orElseThrow().sentence()).contains("not bound to vfio-pci")
                .contains("0000:01:00.1 (no driver)").contains("The bus was not reset");
    }

    @Test
    void missingContainerNodeSaysTheModulesAreNotLoaded() {
        kernel.paths.remove(node("vfio"));

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.error().orElseThrow().sentence()).contains("modprobe vfio-pci");
        assertThat(kernel.calls).hasSize(1);
    }

    @Test
    void functionThatReadsAllOnesAfterTheResetFailsVerification() {
        kernel.onHotReset = () -> writeConfig(AUDIO, (byte) 0xff);

        ResetReport report = run(plan(NIC, BUS_SET, ResetKind.HOT_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(kernel.hotResets).hasSize(1);
        assertThat(report.verification().orElseThrow().functions()).filteredOn(v -> v.verdict() != VerificationVerdict.CAME_BACK)
                .extracting(FunctionVerification::address).containsExactly(AUDIO);
        assertThat(report.verification().orElseThrow().verdict()).isEqualTo(VerificationVerdict.LOST);
        assertThat(report.summary()).contains("0000:01:00.1 lost").contains("reads all ones");
    }

    @Test
    void functionResetUsesOnlyTheTargetsGroupAndDeviceReset() {
        ResetReport report = run(plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, false));
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.FUNCTION_RESET, 1, false));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.RESET);
        assertThat(kernel.resets).containsExactly(NIC.toString());
        assertThat(kernel.calls).doesNotContain("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", "VFIO_DEVICE_PCI_HOT_RESET");
        assertThat(report.verification().orElseThrow().functions()).extracting(FunctionVerification::address)
                .containsExactly(NIC);
    }

    @Test
    void functionResetDryRunDoesNotReset() {
        ResetReport report = run(plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, true));

        assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(kernel.resets).isEmpty();
        assertThat(kernel.calls).contains("VFIO_DEVICE_GET_INFO").doesNotContain("VFIO_DEVICE_RESET");
        assertThat(report.steps()).hasSize(HotResetExecutor.expectedSteps(ResetKind.FUNCTION_RESET, 1, true));
    }

    @Test
    void functionResetRefusedWhenTheKernelOffersNoResetForTheDevice() {
        kernel.deviceInfoFlags = Vfio.VFIO_DEVICE_FLAGS_PCI;

        ResetReport report = run(plan(NIC, List.of(NIC), ResetKind.FUNCTION_RESET, false));

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(report.refusals()).extracting(f -> f.code()).containsExactly("NO_FUNCTION_RESET");
        assertThat(kernel.resets).isEmpty();
    }

    @Test
    void refusedPlanMakesNoSystemCallAtAll() {
        ResetPlan notRoot = ResetPlanner.plan(new ResetRequest(NIC, BUS_SET, ResetKind.HOT_RESET, false, false),
                scan(), HostState.NONE, false);

        ResetReport report = run(notRoot);

        assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(report.refusals()).extracting(f -> f.code()).containsExactly("NOT_ROOT");
        assertThat(kernel.calls).isEmpty();
        assertThat(report.steps()).isEmpty();
    }

    private void writeConfig(PciAddress a, byte fill) {
        try {
            byte[] b = new byte[64];
            Arrays.fill(b, fill);
            Files.write(dir.resolve("sys/bus/pci/devices/" + a + "/config"), b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
