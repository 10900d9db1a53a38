package org.vfioinspector.app.gui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * Renders the inspector window to PNG files so anyone can look at it (used by
 * app/src/test/gui/render-screenshots.sh under Xvfb).
 *
 * <pre>ScreenshotMain OUT.png (demo | live | big:N | DIR) [collapse=BDF,BDF… | collapse=switches] [select=BDF]
 *     [search=TEXT] [dark] [size=WxH] [fit]</pre>
 * {@code collapse} folds the subtrees below those bridges (or every switch below a root port, as Shift+C
 * does) before anything is selected; {@code select} highlights like a click in the graph; {@code search}
 * selects and centres like the search box.
 */
public final class ScreenshotMain {

    private ScreenshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String host = args[1];
        Path dir;
        if (host.equals("live")) {
            dir = null; // this machine, read only (the window writes nothing unless a user acts)
        } else if (host.equals("demo")) {
            dir = Hosts.demo(Hosts.tempDir("vfio-demo-"));
        } else if (host.startsWith("big:")) {
            int n = Integer.parseInt(host.substring(4));
            dir = Path.of(System.getProperty("java.io.tmpdir"), "vfio-big-" + n);
            if (!Files.isDirectory(dir.resolve("sys"))) {
                Files.createDirectories(dir);
                long t = System.nanoTime();
                Hosts.big(dir, n);
                System.out.printf("wrote a %d-function host in %d ms%n", n, (System.nanoTime() - t) / 1_000_000);
            }
        } else {
            dir = Path.of(host);
        }
        String select = null;
        String search = null;
        String collapse = null;
        boolean dark = false;
        boolean fit = false;
        int w = 1600;
        int h = 1000;
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("collapse=")) {
                collapse = a.substring(9);
            } else if (a.startsWith("select=")) {
                select = a.substring(7);
            } else if (a.startsWith("search=")) {
                search = a.substring(7);
            } else if (a.equals("dark")) {
                dark = true;
            } else if (a.equals("fit")) {
                fit = true;
            } else if (a.startsWith("size=")) {
                String[] p = a.substring(5).split("x");
                w = Integer.parseInt(p[0]);
                h = Integer.parseInt(p[1]);
            }
        }
        long tStart = System.nanoTime();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainViewModel> vm = new AtomicReference<>();
        AtomicReference<MainView> view = new AtomicReference<>();
        long t0 = System.nanoTime();
        final int fw = w;
        final int fh = h;
        final boolean fdark = dark;
        Platform.runLater(() -> {
            FxBackground bg = new FxBackground();
            MainViewModel m = new MainViewModel(bg, new TreeLayout());
            Stage stage = new Stage();
            MainView v = new MainView(m, stage);
            Scene scene = new Scene(v, fw, fh);
            v.install(scene);
            stage.setScene(scene);
            stage.show();
            if (fdark) {
                m.toggleTheme();
            }
            m.open(dir == null ? HostSource.LIVE : HostSource.of(dir));
            vm.set(m);
            view.set(v);
        });
        waitFor(() -> vm.get() != null && vm.get().sceneProperty().get().model().size() > 0, 180);
        System.out.printf("host read and laid out %d ms after FX start, %d ms after main (%d nodes)%n",
                (System.nanoTime() - t0) / 1_000_000, (System.nanoTime() - tStart) / 1_000_000,
                vm.get().sceneProperty().get().model().size());
        final String fselect = select;
        final String fsearch = search;
        final boolean ffit = fit;
        final String fcollapse = collapse;
        if (fcollapse != null) {
            onFx(() -> {
                if ("switches".equals(fcollapse)) {
                    vm.get().collapseSwitches();
                } else {
                    for (String b : fcollapse.split(",")) {
                        vm.get().toggleSubtree(PciAddress.parse(b.strip()));
                    }
                }
            });
            // the folded graph is laid out before anything is selected or fitted
            Thread.sleep(300);
            waitFor(() -> !vm.get().busyProperty().get(), 120);
        }
        onFx(() -> {
            if (fselect != null) {
                // like a click in the graph: highlight without moving the view
                vm.get().select(PciAddress.parse(fselect), false);
            }
            if (fsearch != null) {
                // as typed: the query stays in the box beside its "1 of N"
                ((javafx.scene.control.TextField) view.get().lookup("#search")).setText(fsearch);
                vm.get().search(fsearch);
            }
            if (ffit) {
                view.get().graph().fit();
            }
        });
        Thread.sleep(300);
        waitFor(() -> !vm.get().busyProperty().get(), 120);
        Thread.sleep(300);
        AtomicReference<WritableImage> img = new AtomicReference<>();
        long tSnap = System.nanoTime();
        onFx(() -> img.set(view.get().getScene().snapshot(null)));
        System.out.printf("scene snapshot (one full frame) took %d ms%n", (System.nanoTime() - tSnap) / 1_000_000);
        WritableImage fx = img.get();
        int iw = (int) fx.getWidth();
        int ih = (int) fx.getHeight();
        int[] px = new int[iw * ih];
        fx.getPixelReader().getPixels(0, 0, iw, ih, PixelFormat.getIntArgbInstance(), px, 0, iw);
        BufferedImage b = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_ARGB);
        b.setRGB(0, 0, iw, ih, px, 0, iw);
        ImageIO.write(b, "png", out.toFile());
        System.out.println("wrote " + out);
        javafx.geometry.Bounds canvas = view.get().graph().getLayoutBounds();
        System.out.printf("graph canvas %.0fx%.0f: %.1f %% of the %dx%d window%n", canvas.getWidth(), canvas.getHeight(),
                100 * canvas.getWidth() * canvas.getHeight() / (iw * (double) ih), iw, ih);
        Platform.exit();
        System.exit(0);
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier c, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            AtomicReference<Boolean> ok = new AtomicReference<>(false);
            onFx(() -> ok.set(c.getAsBoolean()));
            if (ok.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out");
    }
}
