package org.vfioinspector.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.StagedScans;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The reader's fast paths change nothing it reports: on random hosts, a tree whose functions carry a
 * kernel-shaped {@code uevent} (IDs from one file, revision from the config header) reads exactly like the
 * same tree without it (IDs from the individual attributes), reading a tree as sysfs-like (no
 * {@code stat} before each open) reads exactly like reading it as an untrusted {@code --root}, and a tree read
 * in two steps ({@link SysfsReader#scanInStages}) is read exactly as one scan reads it, its outline holding
 * what the graph shows.
 */
class UeventPropertiesTest {

    private static final long FIRST_SEED = 0x5eed_0e7e_0000L;
    private static final int HOSTS = 40;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> randomHosts() {
        return Stream.iterate(FIRST_SEED, s -> s + 1).limit(HOSTS)
                .map(seed -> DynamicTest.dynamicTest("seed " + Long.toHexString(seed), () -> check(seed)));
    }

    private void check(long seed) throws IOException {
        Path plain = Files.createDirectories(dir.resolve(Long.toHexString(seed) + "-plain"));
        RandomHost.generate(plain, seed).fixture.write();
        Path withUevent = Files.createDirectories(dir.resolve(Long.toHexString(seed) + "-uevent"));
        RandomHost h = RandomHost.generate(withUevent, seed);
        for (FixtureDevice f : h.fixture.devices()) {
            f.raw("uevent", f.uevent());
        }
        h.fixture.write();

        List<String> expected = facts(new SysfsReader(HostRoot.of(plain)).scan());
        assertThat(facts(new SysfsReader(HostRoot.of(withUevent)).scan())).containsExactlyElementsOf(expected);
        assertThat(facts(new SysfsReader(HostRoot.sysfsLike(withUevent)).scan())).containsExactlyElementsOf(expected);
        assertThat(facts(new SysfsReader(HostRoot.sysfsLike(plain)).scan())).containsExactlyElementsOf(expected);
        // and read in two steps (the window's outline, then the rest), each of them is the tree one scan reads
        for (Path tree : List.of(plain, withUevent)) {
            StagedScans.assertSameAsScan(HostRoot.of(tree));
            StagedScans.assertSameAsScan(HostRoot.sysfsLike(tree));
        }
    }

    /** Everything the reader says about each function, but where its directory is. */
    private static List<String> facts(Topology t) {
        return t.devices().stream().map(UeventPropertiesTest::facts).toList();
    }

    private static String facts(PciDevice d) {
        return String.join(" | ", d.address().toString(), String.valueOf(d.vendorId()), String.valueOf(d.deviceId()),
                String.valueOf(d.classCode()), String.valueOf(d.subsystemVendorId()), String.valueOf(d.subsystemDeviceId()),
                String.valueOf(d.revision()), String.valueOf(d.driver()), String.valueOf(d.iommuGroup()),
                String.valueOf(d.parent()), String.valueOf(d.resetMethods()), String.valueOf(d.link()),
                String.valueOf(d.sriov()), String.valueOf(d.secondaryBus()), String.valueOf(d.subordinateBus()),
                String.valueOf(d.notes()), String.valueOf(d.config().map(c -> c.length() + " " + c.capabilities())));
    }
}
