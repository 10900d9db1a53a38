package org.vfioinspector.core.bench;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.AffectedSet;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * A synthetic host of {@link #functions} functions (seed {@link #SEED}), written once to tmpfs and
 * reused across forks and runs, scanned once per trial for the benchmarks that start from a topology.
 */
@State(Scope.Benchmark)
public class HostUnderTest {

    /** One seed for every size, so the numbers of a run can be compared with the next. */
    public static final long SEED = 20_251_124L;

    @Param({"256", "1024", "4096", "16384"})
    public int functions;

    Path dir;
    HostRoot root;
    Topology topology;
    HostState hostState;
    BlastRadiusAnalyzer analyzer;
    List<PciAddress> addresses;
    /** The function whose hot reset reaches the most functions: the worst case for one blast radius. */
    PciAddress largestBlast;

    @Setup(Level.Trial)
    public void setUp() {
        dir = BenchTrees.cached(functions, SEED);
        root = HostRoot.of(dir);
        topology = new SysfsReader(root).scan();
        if (topology.size() != functions) {
            throw new IllegalStateException(dir + " holds " + topology.size() + " functions, not " + functions);
        }
        hostState = HostStateReader.read(root, topology);
        analyzer = new BlastRadiusAnalyzer(topology, hostState);
        addresses = topology.devices().stream().map(d -> d.address()).toList();
        largestBlast = addresses.stream()
                .max(Comparator.comparingInt((PciAddress a) -> AffectedSet.predict(topology, a).affected().size()))
                .orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        root.close();
    }
}
