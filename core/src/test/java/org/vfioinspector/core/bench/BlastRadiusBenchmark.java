package org.vfioinspector.core.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.BlastRadius;

/**
 * The blast radius of one function (what the GUI computes on every selection, {@code blast BDF}) and
 * of every function (what a "which functions can be reset" overview needs), from a scanned topology
 * and the host state read with it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlastRadiusBenchmark {

    /** Walks through all functions, one per call, so that one call's cost is the average over the host. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** One function after the other: the average cost of one blast radius on this host. */
    @Benchmark
    public BlastRadius oneEach(HostUnderTest host, Cursor cursor) {
        PciAddress a = host.addresses.get(cursor.next);
        cursor.next = (cursor.next + 1) % host.addresses.size();
        return host.analyzer.analyze(a);
    }

    /** The function whose reset reaches the most functions (a PF with all its VFs): the worst case. */
    @Benchmark
    public BlastRadius oneLargest(HostUnderTest host) {
        return host.analyzer.analyze(host.largestBlast);
    }

    /** Every function of the host. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void all(HostUnderTest host, Blackhole bh) {
        for (PciAddress a : host.addresses) {
            bh.consume(host.analyzer.analyze(a));
        }
    }
}
