package org.vfioinspector.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where synthetic trees live. Real sysfs is an in-memory file system, so trees go to tmpfs
 * ({@code /dev/shm}) when there is one: on a disk file system, creating the ~30 files of each
 * function costs far more than reading them, and reading would measure the disk cache instead.
 */
public final class BenchTrees {

    private static final Path SHM = Path.of("/dev/shm");

    private BenchTrees() {
    }

    /** The directory to create trees in: {@code bench.trees} if set, else tmpfs, else the JVM's temp dir. */
    public static Path base() {
        String configured = System.getProperty("bench.trees");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new empty directory below {@link #base()}. */
    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(base(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A tree of {@code functions} functions for {@code seed}, written once and reused by later runs
     * (a marker file says the write finished; a half-written tree is written again).
     */
    public static Path cached(int functions, long seed) {
        Path dir = base().resolve("vfio-inspector-bench").resolve(functions + "-" + seed);
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return dir;
        }
        delete(dir);
        SyntheticHost.write(dir, functions, seed);
        try {
            Files.writeString(done, "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** {@code BenchTrees SIZE…}: writes the benchmark trees ahead of a run and prints where they are. */
    public static void main(String[] args) {
        for (String a : args) {
            long t0 = System.nanoTime();
            Path dir = cached(Integer.parseInt(a), HostUnderTest.SEED);
            System.out.printf("%s (%d ms)%n", dir, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Deletes a tree without following its symbolic links. */
    public static void delete(Path dir) {
        org.vfioinspector.core.fixture.TempTrees.delete(dir);
    }
}
