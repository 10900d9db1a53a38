package org.vfioinspector.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.FleetDocument;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.health.LinkHop;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.audit.HostName;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "fleet", description = {"One line per side: reachable, functions, IOMMU groups, functions on vfio-pci, "
        + "groups held (needs root), blockers, downgraded links.",
        "A side is a directory, a snapshot archive, 'live' (or -), or [user@]HOST[:PORT]; read " + FleetCommand.PARALLEL
                + " at a time. A side that cannot be read is one line, not an abort.",
        "Exit 0 when every side was read, 1 when one was not."})
final class FleetCommand implements Callable<Integer> {

    static final int PARALLEL = 4;

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "SIDE", arity = "0..*", description = "The sides (hosts, snapshots, directories).")
    List<String> sides = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "Read more sides from FILE, one a line ('#' starts a comment).")
    Path file;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(sides);
        if (file != null) {
            all.addAll(listed(file));
        }
        if (all.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "fleet needs at least one side (or --file FILE)");
        }
        Sides.Remote remote = Sides.Remote.of(cli);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, all.size()));
        try {
            List<Future<FleetDocument.Row>> rows = new ArrayList<>();
            for (String s : all) {
                rows.add(pool.submit(() -> row(s, remote)));
            }
            List<FleetDocument.Row> done = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                done.add(result(all.get(i), rows.get(i)));
            }
            FleetDocument d = new FleetDocument(done);
            if (json) {
                Json.print(cli.out, d);
            } else {
                d.table().forEach(cli.out::println);
            }
            return done.stream().allMatch(FleetDocument.Row::reachable) ? ExitCodes.OK : ExitCodes.REFUSED;
        } finally {
            pool.shutdownNow();
        }
    }

    private static FleetDocument.Row result(String side, Future<FleetDocument.Row> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return FleetDocument.Row.unreachable(side, "internal error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FleetDocument.Row.unreachable(side, "interrupted");
        }
    }

    private static List<String> listed(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException(ExitCodes.IO, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** One side's line; any failure to open or read it is the line's error. */
    static FleetDocument.Row row(String side, Sides.Remote remote) {
        try {
            Sides.Spec spec = Sides.parse(side);
            try (Session s = Sides.open(spec, remote)) {
                return counts(side, s);
            }
        } catch (CliException e) {
            return FleetDocument.Row.unreachable(side, e.getMessage());
        } catch (RuntimeException e) {
            return FleetDocument.Row.unreachable(side, "cannot read " + side + ": " + e.getMessage());
        }
    }

    private static FleetDocument.Row counts(String side, Session s) {
        Topology t = s.topology();
        HolderScan holders = s.hostState().holders();
        HostHealth health = s.health();
        int vfio = (int) t.devices().stream().filter(d -> d.boundTo("vfio-pci")).count();
        OptionalInt held = holders.complete()
                ? OptionalInt.of((int) t.groups().stream().filter(g -> !holders.holdersOfGroup(g.id()).isEmpty()).count())
                : OptionalInt.empty();
        return new FleetDocument.Row(side, true, Optional.empty(), HostName.of(s.root()), t.host().kernelRelease(),
                OptionalInt.of(t.size()), OptionalInt.of(t.groups().size()), OptionalInt.of(vfio), held,
                blockers(t), downgraded(t, health));
    }

    /** Groups with a function on vfio-pci that VFIO cannot use; empty when that is unknown for one of them. */
    private static OptionalInt blockers(Topology t) {
        int n = 0;
        for (IommuGroup g : t.groups()) {
            boolean used = g.devices().stream().anyMatch(a -> t.device(a).map(d -> d.boundTo("vfio-pci")).orElse(false));
            if (!used) {
                continue;
            }
            Optional<Boolean> viable = GroupViability.of(g.id(), t).viable();
            if (viable.isEmpty()) {
                return OptionalInt.empty();
            }
            n += viable.get() ? 0 : 1;
        }
        return OptionalInt.of(n);
    }

    /** Links known to run below what both ends support; empty when none is and one cannot be judged. */
    private static OptionalInt downgraded(Topology t, HostHealth health) {
        int n = 0;
        boolean unknown = false;
        for (PciDevice d : t.devices()) {
            Optional<LinkHop.State> s = health.linkState(d.address());
            n += s.filter(x -> x == LinkHop.State.DOWNGRADED).isPresent() ? 1 : 0;
            unknown |= s.filter(x -> x == LinkHop.State.UNKNOWN).isPresent();
        }
        return n == 0 && unknown ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
