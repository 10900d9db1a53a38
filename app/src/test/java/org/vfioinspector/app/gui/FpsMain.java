package org.vfioinspector.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import com.sun.javafx.perf.PerformanceTracker;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.gui.view.GraphView;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;

/**
 * Pan and zoom frame rate of the real window (a benchmark, not a test; app/src/test/gui/fps.sh runs it
 * under Xvfb with the software renderer). Opens a host, then for a few seconds per view moves the graph
 * on every pulse the way a drag or the wheel does, and reports:
 * <ul>
 * <li>rendered frames per second, as JavaFX's own {@code PerformanceTracker} counts frames that reached
 * the screen (the pulse rate is capped at 60);</li>
 * <li>the time the FX thread spends per frame in the graph's redraw (median, 95th percentile, worst);</li>
 * <li>the CPU time the whole process used per rendered frame (FX thread's drawing commands and the renderer
 * thread's rasterising, with whatever else the JVM did meanwhile): on a loaded machine frames per second
 * fall with everybody else's load, the CPU a frame costs much less.</li>
 * </ul>
 * Also prints the time from {@code main} to the first frame that shows the host's graph.
 *
 * <pre>FpsMain (demo | big:N | DIR) [seconds=S] [size=WxH] [first-frame]</pre>
 * ({@code first-frame}: stop after the first frame's time)
 */
public final class FpsMain {

    private FpsMain() {
    }

    public static void main(String[] args) throws Exception {
        long tMain = System.nanoTime();
        Path dir = host(args[0]);
        int seconds = 5;
        int w = 1600;
        int h = 1000;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("seconds=")) {
                seconds = Integer.parseInt(args[i].substring(8));
            } else if (args[i].startsWith("size=")) {
                String[] p = args[i].substring(5).split("x");
                w = Integer.parseInt(p[0]);
                h = Integer.parseInt(p[1]);
            }
        }
        // as InspectorLauncher does: read and lay out the host while JavaFX starts
        Preload preload = Preload.start(HostSource.of(dir), new TreeLayout());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Timing.mark("JavaFX started");
        AtomicReference<MainViewModel> vm = new AtomicReference<>();
        AtomicReference<MainView> view = new AtomicReference<>();
        AtomicReference<PerformanceTracker> tracker = new AtomicReference<>();
        CountDownLatch firstGraphFrame = new CountDownLatch(1);
        AtomicReference<Long> tFirst = new AtomicReference<>();
        final int fw = w;
        final int fh = h;
        Platform.runLater(() -> {
            MainViewModel m = new MainViewModel(new FxBackground(), new TreeLayout());
            Stage stage = new Stage();
            Timing.mark("model");
            MainView v = new MainView(m, stage);
            Timing.mark("view built");
            Scene scene = new Scene(v, fw, fh);
            v.install(scene);
            stage.setScene(scene);
            Timing.mark("scene set");
            PerformanceTracker t = PerformanceTracker.getSceneTracker(scene);
            java.util.concurrent.atomic.AtomicBoolean anyFrame = new java.util.concurrent.atomic.AtomicBoolean();
            t.setOnRenderedFrameTask(() -> {
                if (anyFrame.compareAndSet(false, true)) {
                    Timing.mark("first frame of the window");
                }
                // the first frame rendered after the graph has its scene
                if (tFirst.get() == null && m.sceneProperty().get().model().size() > 0) {
                    tFirst.set(System.nanoTime());
                    Timing.mark("first frame with the graph");
                    preload.readDetails(); // as the window does once its graph is on the screen
                    firstGraphFrame.countDown();
                }
            });
            stage.show();
            Timing.mark("window shown");
            m.open(preload);
            vm.set(m);
            view.set(v);
            tracker.set(t);
        });
        if (!firstGraphFrame.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no frame with the graph within 300 s");
        }
        int nodes = onFx(() -> vm.get().sceneProperty().get().model().size());
        System.out.printf(Locale.ROOT, "first frame with the graph: %d ms after main (%d graph nodes)%n",
                (tFirst.get() - tMain) / 1_000_000, nodes);
        Timing.threads(); // with -Dvfio.timing=true: every thread's CPU time so far, JIT and GC included
        if (java.util.Arrays.asList(args).contains("first-frame")) {
            Platform.exit();
            System.exit(0);
        }
        // the graph came from the host's outline; the measurements below want the host read completely
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (onFx(() -> vm.get().hostProperty().get() == null || !view.get().panelsBuilt())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host's details were not read within 60 s");
            }
            Thread.sleep(50);
        }
        System.out.printf(Locale.ROOT, "host read completely, panels built: %d ms after main (%d functions)%n",
                (System.nanoTime() - tMain) / 1_000_000, onFx(() -> vm.get().hostProperty().get().topology().size()));
        Thread.sleep(1000);

        GraphView g = view.get().graph();
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %10s %10s %10s %12s%n", "view", "frames", "fps", "redraw p50",
                "p95", "max (ms)", "CPU/frame");
        // a drag moves by whole pixels (X11 reports the pointer in whole pixels at an output scale of 1)
        measure("pan, as opened (start view)", seconds, tracker.get(), f -> g.panBy(Math.round(8 * Math.sin(f / 20.0)), 6));
        onFx(() -> { g.startView(); return null; });
        // a drag on a fractional output scale, or a pan by fractions of a pixel, paints every frame whole
        measure("pan, start view, sub-pixel steps", seconds, tracker.get(), f -> g.panBy(8 * Math.sin(f / 20.0), 6.5));
        onFx(() -> { g.zoom(0.8 / g.viewport().scale()); return null; });
        measure("pan, readable (scale 0.8)", seconds, tracker.get(), f -> g.panBy(Math.round(10 * Math.sin(f / 20.0)), 8));
        onFx(() -> { g.fit(); return null; });
        measure("pan, whole host (fit)", seconds, tracker.get(), f -> g.panBy(Math.round(4 * Math.sin(f / 20.0)), 3));
        onFx(() -> { g.startView(); return null; });
        measure("zoom in and out (wheel, start)", seconds, tracker.get(), f -> g.zoom((f / 40) % 2 == 0 ? 1.03 : 1 / 1.03));
        selections(vm.get(), tracker.get());
        Platform.exit();
        System.exit(0);
    }

    private interface Step {
        void frame(long index);
    }

    private static void measure(String label, int seconds, PerformanceTracker tracker, Step step) throws Exception {
        List<Long> redraw = Collections.synchronizedList(new ArrayList<>());
        long[] frames = {0};
        CountDownLatch done = new CountDownLatch(1);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = new long[2];
        Platform.runLater(() -> {
            cpu[0] = os.getProcessCpuTime();
            tracker.resetAverageFPS();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    step.frame(frames[0]++);
                    redraw.add(System.nanoTime() - t);
                    if (t >= end) {
                        stop();
                        cpu[1] = os.getProcessCpuTime();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await(seconds + 60L, TimeUnit.SECONDS);
        float fps = onFx(tracker::getAverageFPS);
        List<Long> sorted = new ArrayList<>(redraw);
        Collections.sort(sorted);
        double rendered = fps * seconds;
        System.out.printf(Locale.ROOT, "%-34s %8d %8.1f %10.2f %10.2f %10.2f %9.1f ms%n", label, frames[0], fps,
                ms(sorted, 0.5), ms(sorted, 0.95), ms(sorted, 1.0), (cpu[1] - cpu[0]) / 1e6 / Math.max(1, rendered));
    }

    /**
     * Selection as a click does it ({@code select(a, false)}: blast radius, highlight, details, device tree,
     * blast panel, graph redraw, all on the FX thread) for 200 functions spread over the host (VFs of
     * collapsed PFs left out: selecting one expands its PF, a new layout), 150 ms apart: the FX thread's
     * time per selection, and the time until the next frame that reached the screen.
     */
    private static void selections(MainViewModel m, PerformanceTracker tracker) throws Exception {
        List<org.vfioinspector.core.model.PciAddress> picks = onFx(() -> {
            var t = m.hostProperty().get().topology();
            List<org.vfioinspector.core.model.PciAddress> all = t.devices().stream()
                    .filter(d -> d.sriov().physfn().isEmpty()).map(d -> d.address()).toList();
            List<org.vfioinspector.core.model.PciAddress> out = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                out.add(all.get((int) ((long) i * all.size() / 200)));
            }
            return out;
        });
        AtomicReference<Long> lastFrame = new AtomicReference<>(0L);
        tracker.setOnRenderedFrameTask(() -> lastFrame.set(System.nanoTime()));
        List<Long> fx = new ArrayList<>();
        List<Long> toFrame = new ArrayList<>();
        for (var a : picks) {
            long[] t = new long[2];
            onFx(() -> {
                t[0] = System.nanoTime();
                m.select(a, false);
                t[1] = System.nanoTime();
                return null;
            });
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (lastFrame.get() < t[1] && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
            fx.add(t[1] - t[0]);
            toFrame.add(lastFrame.get() - t[0]);
            Thread.sleep(150); // a brisk clicker: the panels of one selection have painted before the next
        }
        Collections.sort(fx);
        Collections.sort(toFrame);
        long withinOneFrame = fx.stream().filter(x -> x <= 16_700_000L).count();
        System.out.printf(Locale.ROOT, "selection (200 functions): FX thread p50 %.2f, p95 %.2f, max %.2f ms; "
                + "next frame after %.1f / %.1f / %.1f ms (p50/p95/max); %d of 200 within one 60 Hz frame%n",
                ms(fx, 0.5), ms(fx, 0.95), ms(fx, 1.0), ms(toFrame, 0.5), ms(toFrame, 0.95), ms(toFrame, 1.0),
                withinOneFrame);
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1)));
        return sorted.get(i) / 1e6;
    }

    private static Path host(String host) throws Exception {
        if (host.equals("demo")) {
            return Hosts.demo(Hosts.tempDir("vfio-demo-"));
        }
        if (host.startsWith("big:")) {
            int n = Integer.parseInt(host.substring(4));
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "vfio-big-" + n);
            if (!Files.isDirectory(dir.resolve("sys"))) {
                Files.createDirectories(dir);
                Hosts.big(dir, n);
            }
            return dir;
        }
        return Path.of(host);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }
}
