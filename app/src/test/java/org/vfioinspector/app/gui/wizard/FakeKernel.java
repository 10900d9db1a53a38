package org.vfioinspector.app.gui.wizard;

import java.nio.file.Path;
import java.util.function.Function;

import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.InProcessRunner;
import org.vfioinspector.app.priv.RunResult;
import org.vfioinspector.core.bind.SimulatedSysfsKernel;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.FixtureResetEffect;
import org.vfioinspector.core.vfio.FixtureVfioKernel;

/**
 * Answers the recording runner with the real CLI, run in this process on the fixture tree: its argument
 * checks, planner, journaled binder, VFIO protocol and JSON report. Only the kernel is simulated: VFIO by
 * {@link FixtureVfioKernel} (the hot-reset INFO is the kernel's rule applied to the tree, never the set the
 * wizard predicted or confirmed) and sysfs writes by {@link SimulatedSysfsKernel} (driver links move as
 * Linux moves them). The process counts as root.
 */
final class FakeKernel implements Function<CliInvocation, RunResult> {

    private final Path root;
    private final FixtureVfioKernel vfio;
    private SimulatedSysfsKernel sysfs;
    private volatile CliInvocation running;
    /** The real reset fails with EBUSY. */
    boolean failReset;
    /** What the real reset does to the functions it reaches. */
    FixtureResetEffect effect = FixtureResetEffect.COMES_BACK;
    /** The reset command's own restore after its real (not dry) {@code --bind} run cannot clear the overrides. */
    boolean losesRestore;

    FakeKernel(Path root) {
        this.root = root;
        this.vfio = new FixtureVfioKernel(root);
    }

    @Override
    public RunResult apply(CliInvocation inv) {
        running = inv;
        vfio.hotResetBusy = failReset;
        vfio.effect = effect;
        return new InProcessRunner(new HostAccess(vfio.kernel(), r -> sysfs(), () -> true)).run(inv);
    }

    /** Made on first use: it takes the drivers the tree has then as the ones a probe binds. */
    private synchronized SimulatedSysfsKernel sysfs() {
        if (sysfs == null) {
            sysfs = new SimulatedSysfsKernel(HostRoot.of(root));
            sysfs.failWhen = w -> losesRestore && running.verb() == CliInvocation.Verb.RESET
                    && !running.arguments().contains("--dry-run") && w.endsWith("driver_override <- \\n");
        }
        return sysfs;
    }

    /** The driver a probe binds {@code a} to when no override says otherwise (what the host booted with). */
    FakeKernel bootDriver(PciAddress a, String driver) {
        sysfs().nativeDriver(a.toString(), driver);
        return this;
    }

    /** Just before the kernel lists the hot reset's set, {@code a} appears on the bus in {@code group}. */
    FakeKernel hotAddsBeforeTheKernelList(PciAddress a, int group) {
        vfio.beforeHotResetInfo = () -> WizardFixtures.hotAdd(root, a, group);
        return this;
    }
}
