package org.vfioinspector.core.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@code ·cpu}: the CPU time the benchmark JVM spent per operation (all its threads: the
 * benchmark, JIT and GC), in the benchmark's time unit. On a shared machine whose cores are busy
 * with other work, wall time per operation grows with the load while CPU time per operation
 * barely does, so this is the number to compare between runs (BENCHMARKS.md).
 *
 * <p>Use with {@code -prof org.vfioinspector.core.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = processCpuNanos() - cpuAtStart;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        double perOpInUnit = cpu / (double) ops / benchmarkParams.getTimeUnit().toNanos(1);
        return List.of(new ScalarResult("·cpu", perOpInUnit, unit(benchmarkParams), AggregationPolicy.AVG));
    }

    private static String unit(BenchmarkParams params) {
        return switch (params.getTimeUnit()) {
            case MILLISECONDS -> "ms/op";
            case MICROSECONDS -> "us/op";
            case NANOSECONDS -> "ns/op";
            default -> params.getTimeUnit().name().toLowerCase() + "/op";
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
