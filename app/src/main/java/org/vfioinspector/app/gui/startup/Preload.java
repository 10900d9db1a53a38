package org.vfioinspector.app.gui.startup;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.GraphBuilder;
import org.vfioinspector.app.gui.graph.GraphLayout;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.sysfs.ScanProgress;

/**
 * Reading the host and laying out its graph, started by the launcher before JavaFX and the window exist,
 * so that the scan overlaps the toolkit's start (on a big host both take about a second). The window's
 * model then takes the results instead of starting the same work again.
 *
 * <p>The host is read in two steps ({@link LoadedHost#outline}): what its graph shows, which is laid out
 * at once, then the rest (the details the panels and the blast radius need, and the host state) when the
 * window says its graph is on the screen ({@link #readDetails()}). On two CPUs, reading them while the
 * window draws its first frame took all that the outline had gained (BENCHMARKS.md, run 4). A window that never
 * says so (one that is never drawn) gets them {@value #DETAILS_AT_THE_LATEST_MS} ms after the layout.
 */
public final class Preload {

    /** When the details are read at the latest, after the outline's graph has been laid out. */
    public static final long DETAILS_AT_THE_LATEST_MS = 1500;

    private final HostSource source;
    private final ReadGauge gauge;
    private final CompletableFuture<GraphScene> scene;
    private final CompletableFuture<Details> details;
    /** Completed when the details may be read. */
    private final CompletableFuture<Void> detailsMayStart;

    /** The host read completely, and whether the outline's graph is the graph of the complete host. */
    private record Details(LoadedHost host, boolean sceneFits) {
    }

    private Preload(HostSource source, ReadGauge gauge, CompletableFuture<GraphScene> scene,
                    CompletableFuture<Details> details, CompletableFuture<Void> detailsMayStart) {
        this.source = source;
        this.gauge = gauge;
        this.scene = scene;
        this.details = details;
        this.detailsMayStart = detailsMayStart;
    }

    /** Starts reading {@code source} and laying it out (VFs collapsed, as the window opens) on daemon threads. */
    public static Preload start(HostSource source, GraphLayout layout) {
        return start(source, layout, ms -> CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    /** As {@link #start(HostSource, GraphLayout)}; {@code timer} gives the executor that runs after a delay in ms. */
    static Preload start(HostSource source, GraphLayout layout, LongFunction<Executor> timer) {
        Objects.requireNonNull(source, "source");
        ReadGauge gauge = new ReadGauge();
        ScanProgress detailProgress = gauge.details();
        CompletableFuture<LoadedHost.Outline> outline = CompletableFuture.supplyAsync(() -> {
            Timing.mark("preload: reading " + source.describe());
            return LoadedHost.outline(source, gauge);
        }, daemon("preload"));
        CompletableFuture<GraphScene> scene = outline.thenApplyAsync(o -> {
            Timing.mark("preload: outline read, laying out");
            return GraphScene.compute(o.topology(), o.names(), Set.of(), layout);
        }, daemon("preload"));
        CompletableFuture<Void> go = new CompletableFuture<>();
        scene.whenComplete((s, e) -> {
            if (e != null || s.model().size() == 0) {
                go.complete(null); // no graph to draw first
            } else {
                timer.apply(DETAILS_AT_THE_LATEST_MS).execute(() -> go.complete(null));
            }
        });
        CompletableFuture<Details> details = scene.handle((s, e) -> s).thenCombine(go, (s, x) -> s)
                .thenCompose(s -> outline.thenApplyAsync(o -> {
                    Timing.mark("preload: reading the details");
                    LoadedHost h = o.complete(detailProgress);
                    return new Details(h, s != null && fits(s, h));
                }, daemon("preload-details")));
        return new Preload(source, gauge, scene, details, go);
    }

    /**
     * Lets the details be read now: the window calls this when the outline's graph has reached the screen.
     * Any later call, or one before the graph is laid out, changes nothing (they are read after the layout).
     */
    public void readDetails() {
        detailsMayStart.complete(null);
    }

    /**
     * True when {@code scene}, laid out from the outline, is the graph of the complete host: always, unless
     * a function's config space said something its class and sysfs attributes did not (a bridge the outline
     * took for an endpoint). The graph reads only what the outline reads, and the details take those values
     * from the outline.
     */
    private static boolean fits(GraphScene scene, LoadedHost host) {
        return GraphBuilder.build(host.topology(), host.names(), Set.of()).nodes().equals(scene.model().nodes());
    }

    private static Executor daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** Already read: for tests and callers that have the host in hand. */
    static Preload of(HostSource source, LoadedHost host, GraphScene scene) {
        ReadGauge done = new ReadGauge();
        done.functionsRead(host.topology().size(), host.topology().size());
        return new Preload(source, done, CompletableFuture.completedFuture(scene),
                CompletableFuture.completedFuture(new Details(host, true)), CompletableFuture.completedFuture(null));
    }

    public HostSource source() {
        return source;
    }

    /** How far the read has got. */
    public ReadGauge gauge() {
        return gauge;
    }

    /** Waits for the host, read completely; throws what reading it threw. */
    public LoadedHost host() throws Exception {
        return unwrap(details).host();
    }

    /** The graph of the host's outline with no VFs expanded; throws what laying it out threw. */
    public GraphScene scene() throws Exception {
        return unwrap(scene);
    }

    /**
     * The graph of the host's outline when it is laid out already, without waiting; empty while it is being
     * read or laid out, or when that failed ({@link #scene()} throws what it threw).
     */
    public Optional<GraphScene> sceneIfReady() {
        return scene.isDone() && !scene.isCompletedExceptionally() ? Optional.of(scene.join()) : Optional.empty();
    }

    /** Whether {@link #scene()} is the graph of {@link #host()}; false when either failed. Waits for the host. */
    boolean sceneFitsHost() {
        try {
            return unwrap(details).sceneFits();
        } catch (Exception | LinkageError e) {
            return false;
        }
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
