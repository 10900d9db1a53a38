package org.vfioinspector.app.gui;

import java.nio.file.Path;
import java.util.Set;

import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;

/** Prints how long reading, naming and laying out a host take (a benchmark, not a test). */
public final class TimingMain {

    private TimingMain() {
    }

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : Hosts.demo(Hosts.tempDir("vfio-demo-"));
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            LoadedHost h = LoadedHost.load(HostSource.of(dir));
            long t1 = System.nanoTime();
            GraphScene s = GraphScene.compute(h.topology(), h.names(), Set.of(), new TreeLayout());
            long t2 = System.nanoTime();
            System.out.printf("round %d: %d functions: load %d ms, graph+layout %d ms (%d nodes)%n", round,
                    h.topology().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, s.model().size());
            h.close();
        }
    }
}
