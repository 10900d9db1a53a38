package org.vfioinspector.app.gui;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.vfioinspector.app.cli.Session;
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
        Session s = Session.open(source.kind(), source.path());
        try {
            // pci.ids takes about as long to parse as a small host to scan: do both at once
            CompletableFuture<PciIds> names = CompletableFuture.supplyAsync(s::names);
            Topology t = s.topology(progress);
            Timing.mark("scan done");
            HostState state = s.hostState();
            return new LoadedHost(source, s, t, names.join(), state, s.analyzer());
        } catch (CompletionException e) {
            s.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** "this host", "demo topology", or the root's own description. */
    public String title() {
        return source.kind() == Session.Source.PATH ? session.root().description() : source.describe();
    }

    @Override
    public void close() {
        session.close();
    }
}
