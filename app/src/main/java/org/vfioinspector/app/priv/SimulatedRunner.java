package org.vfioinspector.app.priv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.vfioinspector.app.report.ProgressLine;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.bind.SimulatedSysfsKernel;
import org.vfioinspector.core.bind.SysfsWriter;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.vfio.FixtureVfioKernel;

/**
 * The demo's privileged runner: the real {@code reset}, {@code bind} and {@code restore} commands, run in this
 * process ({@link InProcessRunner}) on the demo's own temporary tree, against a simulated kernel: VFIO answers
 * by the kernel's rules applied to that tree ({@link FixtureVfioKernel}) and sysfs writes move the tree's
 * driver links the way Linux would ({@link SimulatedSysfsKernel}). So a user can walk the whole reset wizard
 * before they ever need root.
 *
 * <p>Nothing on this machine can be touched, by construction: the runner refuses a live root; the VFIO it
 * hands the commands is the simulation's, never {@code VfioKernel.LIVE}; the sysfs writer it hands them is
 * the simulation's for exactly this tree and refuses any other root (so no {@code HostSysfsWriter} is ever
 * made); and it runs only an invocation whose {@code --root} is this tree.
 */
public final class SimulatedRunner implements PrivilegedRunner {

    /**
     * One simulated PCI core per tree, for as long as this process runs: it knows the drivers the tree booted with,
     * so a later wizard's restore probes them back even after an earlier one left functions on vfio-pci.
     */
    private static final Map<Path, SimulatedSysfsKernel> KERNELS = new ConcurrentHashMap<>();

    private final HostRoot tree;
    private final FixtureVfioKernel vfio;
    private final InProcessRunner commands;
    private final List<String> writesBefore;

    /**
     * @param tree a temporary copy of a host (the demo's unpacked tree), which the simulation changes
     * @throws IllegalArgumentException for the live host
     */
    public SimulatedRunner(HostRoot tree) {
        this.tree = Objects.requireNonNull(tree, "tree");
        if (tree.isLive() || tree.path().toAbsolutePath().normalize().getNameCount() == 0) {
            throw new IllegalArgumentException("a simulation never runs on the live host");
        }
        prepareVfioNodes(tree);
        this.vfio = new FixtureVfioKernel(tree.path());
        this.commands = new InProcessRunner(access());
        this.writesBefore = sysfs().writes.isEmpty() ? List.of() : List.copyOf(sysfs().writes);
    }

    /** What the commands act through: the simulated VFIO, the simulated sysfs of this tree, and root. */
    public HostAccess access() {
        return new HostAccess(vfio.kernel(), this::writerFor, () -> true);
    }

    /** The tree the simulation acts on (what every invocation must name with {@code --root}). */
    public Path tree() {
        return tree.path();
    }

    /** The sysfs writes this runner's commands made, each as {@code path <- value}, relative to the tree. */
    public List<String> writes() {
        SimulatedSysfsKernel k = sysfs();
        synchronized (k) {
            return List.copyOf(k.writes.subList(writesBefore.size(), k.writes.size()));
        }
    }

    private SysfsWriter writerFor(HostRoot root) {
        if (root.isLive() || !root.path().equals(tree.path())) {
            throw new IllegalStateException("the simulation writes only to " + tree.path() + ", not " + root.path());
        }
        SimulatedSysfsKernel k = sysfs();
        return (path, value) -> {
            synchronized (k) {
                k.write(path, value);
            }
        };
    }

    /** Made on first use for the tree: it takes the drivers the tree has then as the ones a probe binds. */
    private SimulatedSysfsKernel sysfs() {
        return KERNELS.computeIfAbsent(tree.path(), p -> new SimulatedSysfsKernel(tree));
    }

    @Override
    public String description() {
        return "in a simulation of the demo's kernel (nothing on this machine is touched)";
    }

    @Override
    public boolean canRun() {
        return true;
    }

    @Override
    public RunResult run(CliInvocation invocation) {
        return run(invocation, e -> { });
    }

    @Override
    public RunResult run(CliInvocation invocation, Consumer<ProgressLine> progress) {
        List<String> a = invocation.arguments();
        if (a.size() < 2 || !a.get(0).equals("--root") || !a.get(1).equals(tree.path().toString())) {
            return RunResult.notRun(invocation, RunResult.Status.NOT_RUN, "The simulation runs only on the demo's own "
                    + "tree (--root " + tree.path() + "); nothing was run.", commandLine(invocation));
        }
        return commands.run(invocation, progress);
    }

    /** Commented out, so pasting it runs nothing; it names the demo's tree, the only place it acts. */
    @Override
    public String commandLine(CliInvocation invocation) {
        List<String> words = new ArrayList<>(List.of("vfio-inspector"));
        words.addAll(invocation.arguments());
        return "# simulated in this window on the demo, not run on this machine: " + ShellWords.join(words);
    }

    /**
     * The device nodes a host with VFIO has, as plain files in the tree: the container, and one group node for
     * every group with a function on vfio-pci (binding creates the others, as Linux does).
     */
    private static void prepareVfioNodes(HostRoot tree) {
        try {
            Path dev = tree.path().resolve("dev/vfio");
            Files.createDirectories(dev);
            if (!Files.exists(dev.resolve("vfio"))) {
                Files.createFile(dev.resolve("vfio"));
            }
            for (Path f : HostRoot.list(tree.resolve(SysfsNames.BUS_DEVICES))) {
                boolean onVfio = HostRoot.linkName(f.resolve(SysfsNames.DRIVER)).filter(DriverBinder.VFIO_PCI::equals)
                        .isPresent();
                var group = HostRoot.linkName(f.resolve(SysfsNames.IOMMU_GROUP));
                if (onVfio && group.isPresent() && !Files.exists(dev.resolve(group.get()))) {
                    Files.createFile(dev.resolve(group.get()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulation in " + tree.path(), e);
        }
    }
}
