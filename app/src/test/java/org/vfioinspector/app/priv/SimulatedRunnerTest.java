package org.vfioinspector.app.priv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.report.ResetDocument;
import org.vfioinspector.core.bind.HostSysfsWriter;
import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.vfio.ResetKind;
import org.vfioinspector.core.vfio.VfioKernel;

/**
 * The demo's simulation has no path to this machine: not to the live VFIO, not to a writer of the live sysfs,
 * not to any tree but the demo's own. Every run here acts on a freshly unpacked demo in a temporary directory.
 */
class SimulatedRunnerTest {

    /** A VF of the demo's dual-port NIC, already on vfio-pci, with FLR. */
    private static final PciAddress VF = PciAddress.parse("0001:01:02.2");
    /** The demo's second GPU and its audio function (group 13), on nvidia and snd_hda_intel. */
    private static final PciAddress GPU = PciAddress.parse("0000:05:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:05:00.1");

    @TempDir
    Path state;

    private final HostRoot demo = DemoHost.open();

    @AfterEach
    void close() {
        demo.close();
    }

    @Test
    void neverOnTheLiveHost() {
        assertThatThrownBy(() -> new SimulatedRunner(HostRoot.live())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedRunner(HostRoot.of(Path.of("/")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandsGetTheSimulatedKernelAndAWriterForTheDemoTreeOnly(@TempDir Path other) {
        SimulatedRunner r = new SimulatedRunner(demo);
        HostAccess access = r.access();

        assertThat(access.vfio()).isNotSameAs(VfioKernel.LIVE);
        assertThat(access.root().getAsBoolean()).isTrue();
        assertThat(access.sysfs().apply(HostRoot.of(demo.path()))).isNotInstanceOf(HostSysfsWriter.class);
        assertThatThrownBy(() -> access.sysfs().apply(HostRoot.live())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> access.sysfs().apply(HostRoot.of(other))).isInstanceOf(IllegalStateException.class);
        // the device nodes the simulated VFIO opens are plain files in the demo's tree
        assertThat(demo.path().resolve("dev/vfio/vfio")).isRegularFile();
        assertThat(demo.path().resolve("dev/vfio/12")).isRegularFile();
    }

    @Test
    void anInvocationForAnyOtherRootIsNotRun(@TempDir Path other) {
        SimulatedRunner r = new SimulatedRunner(demo);
        for (Optional<Path> root : List.of(Optional.<Path>empty(), Optional.of(other))) {
            RunResult run = r.run(CliInvocation.reset(VF, List.of(VF), ResetKind.FUNCTION_RESET, false, false,
                    state, root));
            assertThat(run.status()).isEqualTo(RunResult.Status.NOT_RUN);
            assertThat(run.summary()).contains("only on the demo's own tree");
        }
        assertThat(r.writes()).isEmpty();
    }

    @Test
    void aHotResetWithBindRunsThroughTheRealCommandOnTheDemoTree() throws Exception {
        SimulatedRunner r = new SimulatedRunner(demo);
        RunResult run = r.run(CliInvocation.reset(GPU, List.of(GPU, AUDIO), ResetKind.HOT_RESET, false, true,
                state, Optional.of(demo.path())));

        assertThat(run.status()).as(run.summary()).isEqualTo(RunResult.Status.COMPLETED);
        ResetDocument doc = run.reset().orElseThrow();
        assertThat(doc.outcome()).as(run.summary()).isEqualTo(ResetDocument.Outcome.RESET);
        assertThat(doc.kernelAddresses()).containsExactly(GPU, AUDIO);
        assertThat(r.writes()).isNotEmpty().allSatisfy(w -> assertThat(w).startsWith(SysfsNames.PCI_BUS + "/"));
        assertThat(r.writes()).contains(SysfsNames.BUS_DEVICES + "/" + GPU + "/driver_override <- vfio-pci");
        // the command's own restore put the drivers back, in the demo's tree
        assertThat(HostRoot.linkName(demo.resolve(SysfsNames.BUS_DEVICES + "/" + GPU + "/driver"))).contains("nvidia");
        assertThat(Files.readString(state.resolve(org.vfioinspector.core.bind.BindJournal.FILE))).isNotEmpty();
    }

    @Test
    void aFunctionResetOfAVfOnVfioPciRuns() {
        RunResult run = new SimulatedRunner(demo).run(CliInvocation.reset(VF, List.of(VF), ResetKind.FUNCTION_RESET,
                false, false, state, Optional.of(demo.path())));
        assertThat(run.reset().orElseThrow().outcome()).as(run.summary()).isEqualTo(ResetDocument.Outcome.RESET);
    }

    @Test
    void aLaterWizardsRestorePutsBackTheDriversTheDemoBootedWith() {
        // one wizard binds the GPU and its audio to vfio-pci and leaves them there
        RunResult bind = new SimulatedRunner(demo).run(CliInvocation.bind(List.of(GPU, AUDIO), state,
                Optional.of(demo.path())));
        assertThat(bind.bind().orElseThrow().ok()).as(bind.summary()).isTrue();
        assertThat(HostRoot.linkName(demo.resolve(SysfsNames.BUS_DEVICES + "/" + GPU + "/driver"))).contains("vfio-pci");

        // the next one (a new runner on the same tree) restores from the journal
        RunResult restore = new SimulatedRunner(demo).run(CliInvocation.restore(state, Optional.of(demo.path())));

        assertThat(restore.bind().orElseThrow().ok()).as(restore.summary()).isTrue();
        assertThat(HostRoot.linkName(demo.resolve(SysfsNames.BUS_DEVICES + "/" + GPU + "/driver"))).contains("nvidia");
        assertThat(HostRoot.linkName(demo.resolve(SysfsNames.BUS_DEVICES + "/" + AUDIO + "/driver")))
                .contains("snd_hda_intel");
    }

    @Test
    void theCommandLineShownIsCommentedOutAndNamesTheDemoTree() {
        SimulatedRunner r = new SimulatedRunner(demo);
        String shown = r.commandLine(CliInvocation.reset(VF, List.of(VF), ResetKind.FUNCTION_RESET, true, false,
                state, Optional.of(demo.path())));
        assertThat(shown).startsWith("# simulated in this window on the demo, not run on this machine: vfio-inspector --root "
                + demo.path() + " reset " + VF).doesNotContain("\n");
    }
}
