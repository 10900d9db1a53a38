package org.vfioinspector.core.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.ScanProgress;
import org.vfioinspector.core.sysfs.SysfsReader;

/** A full scan of the host's sysfs tree into a {@link Topology}, as every command and the GUI's refresh do. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {

    /** As for {@code --root DIR}: every attribute file's type is checked before it is opened. */
    @Benchmark
    public Topology scan(HostUnderTest host) {
        return new SysfsReader(HostRoot.of(host.dir)).scan();
    }

    /** As for the live {@code /sys} (no FIFOs there, so no {@code stat} before each open). */
    @Benchmark
    public Topology scanLikeSysfs(HostUnderTest host) {
        return new SysfsReader(HostRoot.sysfsLike(host.dir)).scan();
    }

    /**
     * The window's first step on the live {@code /sys}: what the graph shows ({@link SysfsReader#scanInStages});
     * compare with {@link #scanLikeSysfs}.
     */
    @Benchmark
    public Topology outlineLikeSysfs(HostUnderTest host) {
        return new SysfsReader(HostRoot.sysfsLike(host.dir)).scanInStages(ScanProgress.NONE).outline();
    }

    /** Both steps of the window's read (the second on one thread), on the live {@code /sys}. */
    @Benchmark
    public Topology stagedLikeSysfs(HostUnderTest host) {
        return new SysfsReader(HostRoot.sysfsLike(host.dir)).scanInStages(ScanProgress.NONE).complete(ScanProgress.NONE);
    }
}
