package org.vfioinspector.app.gui;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.vfioinspector.app.gui.graph.GraphLayout;
import org.vfioinspector.app.gui.graph.GraphScene;

/**
 * Reading the host and laying out its graph, started by the launcher before JavaFX and the window exist,
 * so that the scan overlaps the toolkit's start (on a big host both take about a second). The window's
 * model then takes the results instead of starting the same work again.
 */
public final class Preload {

    private final HostSource source;
    private final ReadGauge gauge;
    private final CompletableFuture<LoadedHost> host;
    private final CompletableFuture<GraphScene> scene;

    private Preload(HostSource source, ReadGauge gauge, CompletableFuture<LoadedHost> host,
                    CompletableFuture<GraphScene> scene) {
        this.source = source;
        this.gauge = gauge;
        this.host = host;
        this.scene = scene;
    }

    /** Starts reading {@code source} and laying it out (VFs collapsed, as the window opens) on a daemon thread. */
    public static Preload start(HostSource source, GraphLayout layout) {
        Objects.requireNonNull(source, "source");
        Executor daemon = r -> {
            Thread t = new Thread(r, "preload");
            t.setDaemon(true);
            t.start();
        };
        ReadGauge gauge = new ReadGauge();
        CompletableFuture<LoadedHost> host = CompletableFuture.supplyAsync(() -> {
            Timing.mark("preload: reading " + source.describe());
            return LoadedHost.load(source, gauge);
        }, daemon);
        CompletableFuture<GraphScene> scene = host.thenApplyAsync(h -> {
            Timing.mark("preload: host read, laying out");
            return GraphScene.compute(h.topology(), h.names(), Set.of(), layout);
        }, daemon);
        return new Preload(source, gauge, host, scene);
    }

    /** Already read: for tests and callers that have the host in hand. */
    static Preload of(HostSource source, LoadedHost host, GraphScene scene) {
        ReadGauge done = new ReadGauge();
        done.functionsRead(host.topology().size(), host.topology().size());
        return new Preload(source, done, CompletableFuture.completedFuture(host), CompletableFuture.completedFuture(scene));
    }

    public HostSource source() {
        return source;
    }

    /** How far the read has got. */
    ReadGauge gauge() {
        return gauge;
    }

    /** Waits for the host; throws what reading it threw. */
    LoadedHost host() throws Exception {
        return unwrap(host);
    }

    /** The graph of {@link #host()} with no VFs expanded; throws what laying it out threw. */
    GraphScene scene() throws Exception {
        return unwrap(scene);
    }

    private static <T> T unwrap(CompletableFuture<T> f) throws Exception {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            if (e.getCause() instanceof Error x) {
                throw x;
            }
            throw e;
        }
    }
}
