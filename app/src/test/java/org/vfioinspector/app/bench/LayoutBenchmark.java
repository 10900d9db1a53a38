package org.vfioinspector.app.bench;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.GraphBuilder;
import org.vfioinspector.app.gui.graph.GraphModel;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GroupRegions;
import org.vfioinspector.app.gui.graph.LayoutResult;
import org.vfioinspector.core.bench.BenchTrees;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The graph of a synthetic host (core's {@code SyntheticHost}, the same trees and seed as core's
 * benchmarks): building the graph model, the outline layout ({@code TreeLayout}) the window runs off the FX thread,
 * and the whole scene (model, layout, group regions) as {@code GraphScene.compute} does on every load.
 * VFs are collapsed, as the window opens them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LayoutBenchmark {

    /** core's {@code HostUnderTest.SEED}: the trees are shared with core's benchmarks. */
    static final long SEED = 20_251_124L;

    @Param({"256", "1024", "4096", "16384"})
    public int functions;

    private Topology topology;
    private PciIds names;
    private GraphModel model;
    private LayoutResult layout;

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = BenchTrees.cached(functions, SEED);
        try (HostRoot root = HostRoot.of(dir)) {
            topology = new SysfsReader(root).scan();
            names = PciIds.load(root, true);
        }
        if (topology.size() != functions) {
            throw new IllegalStateException(dir + " holds " + topology.size() + " functions, not " + functions);
        }
        model = GraphBuilder.build(topology, names, Set.of());
        layout = new TreeLayout().layout(model);
    }

    @Benchmark
    public GraphModel build() {
        return GraphBuilder.build(topology, names, Set.of());
    }

    @Benchmark
    public LayoutResult layout() {
        return new TreeLayout().layout(model);
    }

    @Benchmark
    public Object regions() {
        return GroupRegions.of(model, layout);
    }

    @Benchmark
    public GraphScene scene() {
        return GraphScene.compute(topology, names, Set.of(), new TreeLayout());
    }
}
