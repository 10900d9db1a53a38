package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handles over the real C library, on failure paths that are safe on any machine: a missing
 * path, {@code /dev/null} and a temporary file (both answer a VFIO ioctl with ENOTTY). Nothing under
 * {@code /dev/vfio} is ever opened. Leaks are counted in {@code /proc/self/fd}, this process's own
 * descriptor table; each path is exercised many times so one leaked fd per call cannot hide.
 */
class NativeFdLeakTest {

    private static final int ROUNDS = 25;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadLibcFirst() {
        // JNA's first use opens and maps its native library; keep that out of the counts
        assertThat(Libc.INSTANCE.geteuid()).isGreaterThanOrEqualTo(0);
        catchThrowableOfType(VfioException.class, () -> VfioContainer.open(Path.of("/nonexistent-vfio-inspector/vfio")));
    }

    /**
     * Descriptors of this process that point at what these tests open (files in the temp dir and
     * /dev/null). Counting every descriptor was flaky: the JVM and surefire open and close files of
     * their own at any time (class loading, reports).
     */
    private long openFds() throws IOException {
        String tmp = dir.toRealPath().toString();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(NativeFdLeakTest::target)
                    .filter(t -> t.equals("/dev/null") || t.startsWith(tmp + "/"))
                    .count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";  // closed between listing and reading
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} once to warm up (the class loader keeps jars open on first use of a class),
     * then {@link #ROUNDS} times, and asserts the descriptor count did not change.
     */
    private void assertNoLeak(Body body) throws Exception {
        body.run();
        long before = openFds();
        for (int i = 0; i < ROUNDS; i++) {
            body.run();
        }
        assertThat(openFds()).as("open descriptors after " + ROUNDS + " rounds").isEqualTo(before);
    }

    @Test
    void containerOnAMissingPathFailsWithEnoentAndLeaksNothing() throws Exception {
        Path missing = dir.resolve("dev/vfio/vfio");
        assertNoLeak(() -> {
            VfioException e = catchThrowableOfType(VfioException.class, () -> VfioContainer.open(missing));
            assertThat(e.operation()).isEqualTo("open");
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.target()).isEqualTo(missing.toString());
            assertThat(e.description()).isNotBlank();
        });
    }

    @Test
    void containerOnDevNullClosesTheFdItOpenedWhenTheApiCheckFails() throws Exception {
        assertNoLeak(() -> {
            VfioException e = catchThrowableOfType(VfioException.class, () -> VfioContainer.open(Path.of("/dev/null")));
            assertThat(e.operation()).isEqualTo("VFIO_GET_API_VERSION");
            assertThat(e.errnoName()).isEqualTo("ENOTTY");
        });
    }

    @Test
    void containerOnAPlainFileClosesTheFdItOpened() throws Exception {
        Path notAContainer = Files.writeString(dir.resolve("vfio"), "");
        assertNoLeak(() -> assertThat(
                catchThrowableOfType(VfioException.class, () -> VfioContainer.open(notAContainer)).errnoName())
                .isEqualTo("ENOTTY"));
    }

    @Test
    void groupOnAPlainFileHoldsOneFdUntilTryWithResourcesEnds() throws Exception {
        Path notAGroup = Files.writeString(dir.resolve("12"), "");
        assertNoLeak(() -> {
            long outside = openFds();
            try (VfioGroup group = VfioGroup.open(notAGroup)) {
                assertThat(openFds()).as("the handle's own descriptor").isEqualTo(outside + 1);
                VfioException e = catchThrowableOfType(VfioException.class, group::getStatus);
                assertThat(e.operation()).isEqualTo("VFIO_GROUP_GET_STATUS");
                assertThat(e.errnoName()).isEqualTo("ENOTTY");
                assertThat(e.errno()).isEqualTo(25);
            }
        });
    }

    @Test
    void closingTwiceClosesOnce() throws Exception {
        Path notAGroup = Files.writeString(dir.resolve("13"), "");
        VfioGroup.open(notAGroup).close(); // warm up
        long before = openFds();
        VfioGroup first = VfioGroup.open(notAGroup);
        first.close();
        // the number is free again; a second open likely gets it, and a double close would take it away
        try (VfioGroup second = VfioGroup.open(notAGroup)) {
            first.close();
            assertThat(openFds()).isEqualTo(before + 1);
            assertThat(catchThrowableOfType(VfioException.class, second::getStatus).errnoName())
                    .as("the second handle's fd is still open (not EBADF)").isEqualTo("ENOTTY");
        }
        assertThat(openFds()).isEqualTo(before);
    }
}
