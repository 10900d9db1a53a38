package org.vfioinspector.app.session;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.vfioinspector.app.Timing;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.sysfs.ScanProgress;

/**
 * A host read completely, off the FX thread: after this nothing touches sysfs or /proc until the
 * next refresh. The session stays open because a snapshot of it can still be saved (the demo and
 * unpacked snapshots live in temporary directories that closing removes).
 */
public record LoadedHost(HostSource source, Session session, Topology topology, PciIds names, HostState state,
                         BlastRadiusAnalyzer analyzer) implements AutoCloseable {

    public LoadedHost {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(session, "session");
    }

    /** Opens and reads everything the window shows. */
    public static LoadedHost load(HostSource source) {
        return load(source, ScanProgress.NONE);
    }

    /** As {@link #load(HostSource)}, telling {@code progress} how the scan of the functions goes. */
    public static LoadedHost load(HostSource source, ScanProgress progress) {
        return open(source, s -> s.topology(progress), "scan done").complete(ScanProgress.NONE);
    }

    /**
     * The first of two steps ({@link #outline}): the host's graph can be drawn from {@code topology} while
     * {@link #complete} reads the rest.
     */
    public record Outline(HostSource source, Session session, Topology topology, PciIds names) {

        /** Reads what the outline left out, and the host state; closes the session when that fails. */
        public LoadedHost complete(ScanProgress progress) {
            try {
                Topology t = session.topology(progress);
                Timing.mark("host read completely");
                HostState state = session.hostState();
                session.health();
                return new LoadedHost(source, session, t, names, state, session.analyzer());
            } catch (RuntimeException | Error e) {
                session.close();
                throw e;
            }
        }
    }

    /** Opens {@code source} and reads what its topology graph shows; {@link Outline#complete} reads the rest. */
    public static Outline outline(HostSource source, ScanProgress progress) {
        return open(source, s -> s.outline(progress), "outline read");
    }

    /** Opens the host and reads its topology with {@code read}; closes the session when that fails. */
    private static Outline open(HostSource source, java.util.function.Function<Session, Topology> read, String mark) {
        Session s = Session.open(source);
        try {
            // pci.ids takes about as long to parse as a small host to scan: do both at once
            CompletableFuture<PciIds> names = CompletableFuture.supplyAsync(s::names);
            Topology t = read.apply(s);
            Timing.mark(mark);
            return new Outline(source, s, t, names.join());
        } catch (CompletionException e) {
            s.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** Links, power states and AER counters, read with the host (nothing is read again here). */
    public org.vfioinspector.core.health.HostHealth health() {
        return session.health();
    }

    /** "this host", "demo topology", or the root's own description. */
    public String title() {
        return source.kind() == Session.Source.PATH || source.kind() == Session.Source.REMOTE
                ? session.root().description() : source.describe();
    }

    @Override
    public void close() {
        session.close();
    }
}
