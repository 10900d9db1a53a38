package org.vfioinspector.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;

import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.graph.CanvasSurface;
import org.vfioinspector.app.gui.graph.GlyphImages;
import org.vfioinspector.app.gui.graph.GraphLayout;
import org.vfioinspector.app.gui.graph.GraphPainter;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphTheme;
import org.vfioinspector.app.gui.graph.Highlight;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.Viewport;
import org.vfioinspector.app.gui.view.GraphView;
import org.vfioinspector.core.pciids.PciIds;

/**
 * The CPU one frame of the graph costs, without a window's pulse in the way (a benchmark, not a test):
 * paints the generated host's graph on a 1600×1000 canvas and snapshots it, which makes the renderer
 * rasterise the frame and waits for it, many times per view (panning the start view and at 0.8, Fit, wheel
 * steps), and prints the process's CPU time and the wall time per frame. On a loaded machine frames per
 * second measure everybody else's load; CPU per frame is the painter's and the renderer's cost (the snapshot's
 * read-back of 6.4 MB is in it, the same in every run). Run under Xvfb with {@code -Dprism.order=sw}:
 * <pre>PaintBench [big:N | demo] [frames=N] [layout=TreeLayout] [window]</pre>
 * {@code window} measures the window's graph view instead of the painter: a {@link GraphView} in a scene, moved
 * by the same steps (a pan by whole pixels, as a drag, moves what it has painted) and snapshotted each frame.
 */
public final class PaintBench {

    private PaintBench() {
    }

    public static void main(String[] args) throws Exception {
        int functions = 4096;
        int frames = 60;
        String layout = "TreeLayout";
        boolean window = false;
        for (String a : args) {
            if (a.startsWith("big:")) {
                functions = Integer.parseInt(a.substring(4));
            } else if (a.startsWith("frames=")) {
                frames = Integer.parseInt(a.substring(7));
            } else if (a.equals("window")) {
                window = true;
            } else if (a.startsWith("layout=")) {
                layout = a.substring(7);
            }
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "vfio-big-" + functions);
        if (!Files.isDirectory(dir)) {
            Hosts.big(dir, functions);
        }
        GraphLayout l = (GraphLayout) Class.forName("org.vfioinspector.app.gui.graph." + layout)
                .getDeclaredConstructor().newInstance();
        GraphScene scene = GraphScene.compute(Hosts.read(dir), PciIds.empty(), Set.of(), l);
        Rect b = scene.layout().bounds();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        double w = 1600;
        double h = 1000;
        Viewport start = Viewport.start(b, w, h);
        Viewport fit = Viewport.fit(b, w, h, 0.002, 1);
        Viewport readable = new Viewport(0.8, start.translateX(), start.translateY(), w, h);
        System.out.printf(Locale.ROOT, "%d graph nodes, bounds %.0f x %.0f, %d frames per view, load %s%n",
                scene.model().size(), b.width(), b.height(), frames, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf(Locale.ROOT, "%-28s %12s %12s%n", "view", "CPU/frame", "wall/frame");
        IntFunction<Viewport> startPan = f -> start.panned(8 * Math.sin(f / 20.0), -6 * (f % 40));
        IntFunction<Viewport> readablePan = f -> readable.panned(10 * Math.sin(f / 20.0), -8 * (f % 40));
        IntFunction<Viewport> fitPan = f -> fit.panned(4 * Math.sin(f / 20.0), 3 * (f % 40));
        IntFunction<Viewport> wheel = f -> start.zoomedAt(Math.pow(1.03, f % 40 < 20 ? f % 20 : 20 - f % 20), w / 2,
                h / 2, 0.002, 3);
        if (window) {
            // the window's view: a drag's whole-pixel steps (or fractions), as the view shows them
            runWindow("pan, start view", scene, frames, start, f -> whole(startPan.apply(f)));
            runWindow("pan, start view, sub-pixel", scene, frames, start, startPan);
            runWindow("pan, readable (scale 0.8)", scene, frames, readable, f -> whole(readablePan.apply(f)));
            runWindow("pan, whole host (fit)", scene, frames, fit, f -> whole(fitPan.apply(f)));
            runWindow("wheel zoom, start view", scene, frames, start, wheel);
        } else {
            run("pan, start view", scene, frames, startPan);
            run("pan, readable (scale 0.8)", scene, frames, readablePan);
            run("pan, whole host (fit)", scene, frames, fitPan);
            run("wheel zoom, start view", scene, frames, wheel);
        }
        Platform.exit();
        System.exit(0);
    }

    private static void run(String label, GraphScene scene, int frames, IntFunction<Viewport> view) throws Exception {
        Viewport v0 = view.apply(0);
        Canvas canvas = onFx(() -> new Canvas(v0.width(), v0.height()));
        CanvasSurface surface = onFx(() -> new CanvasSurface(new GlyphImages(GraphTheme.LIGHT.glyphTint())));
        GraphPainter painter = new GraphPainter(GraphTheme.LIGHT);
        WritableImage[] img = {null};
        IntFunction<Void> frame = f -> {
            painter.paint(surface.on(canvas.getGraphicsContext2D()), scene, Highlight.NONE, view.apply(f));
            img[0] = canvas.snapshot(null, img[0]);
            return null;
        };
        measure(label, frames, frame);
    }

    /** The viewport moved to whole pixels. */
    private static Viewport whole(Viewport v) {
        return new Viewport(v.scale(), Math.rint(v.translateX()), Math.rint(v.translateY()), v.width(), v.height());
    }

    /**
     * Frames of a {@link GraphView} showing {@code first}, then moved each frame from one viewport of the
     * sequence to the next (a pan by their difference, or a zoom at the middle by their ratio).
     */
    private static void runWindow(String label, GraphScene scene, int frames, Viewport first, IntFunction<Viewport> view)
            throws Exception {
        GraphView g = onFx(() -> {
            GraphView v = new GraphView(GraphTheme.LIGHT);
            v.setPrefSize(first.width(), first.height()); // a Pane lays it out at its preferred size
            new Scene(new Pane(v), first.width(), first.height());
            v.resize(first.width(), first.height());
            v.setScene(scene, false);
            v.layout();
            v.zoom(first.scale() / v.viewport().scale());
            Viewport now = v.viewport();
            v.panBy(Math.rint(first.translateX() - now.translateX()), Math.rint(first.translateY() - now.translateY()));
            return v;
        });
        WritableImage[] img = {null};
        IntFunction<Void> frame = f -> {
            Viewport a = view.apply(f);
            Viewport b = view.apply(f + 1);
            if (a.scale() != b.scale()) {
                g.zoom(b.scale() / a.scale());
            } else {
                g.panBy(b.translateX() - a.translateX(), b.translateY() - a.translateY());
            }
            img[0] = g.snapshot(null, img[0]);
            return null;
        };
        measure(label, frames, frame);
    }

    /** Warms up with half as many frames (JIT, glyph caches), then prints the CPU and wall time per frame. */
    private static void measure(String label, int frames, IntFunction<Void> frame) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        onFx(() -> {
            for (int f = 0; f < frames / 2; f++) {
                frame.apply(f);
            }
            return null;
        });
        long[] t = onFx(() -> {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                frame.apply(f);
            }
            return new long[] {os.getProcessCpuTime() - c0, System.nanoTime() - w0};
        });
        System.out.printf(Locale.ROOT, "%-28s %9.1f ms %9.1f ms%n", label, t[0] / 1e6 / frames, t[1] / 1e6 / frames);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(task);
        return task.get(600, TimeUnit.SECONDS);
    }
}
