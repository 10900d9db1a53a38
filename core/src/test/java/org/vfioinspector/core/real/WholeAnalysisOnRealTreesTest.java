package org.vfioinspector.core.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.AffectedSet;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The whole analysis over every real captured tree: every function the {@code sys/devices} nesting or
 * {@code sys/bus/pci/devices} holds is read, and analysing each one throws nothing.
 */
class WholeAnalysisOnRealTreesTest {

    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    @TempDir
    Path dir;

    @Test
    void hwlocServer() throws Exception {
        analyseEverything(HostRoot.of(RealFixtures.hwlocServer(dir)), 137);
    }

    /**
     * The hwloc server's I350 (02:00.0, 02:00.3) sits below root port 00:01.1. A capture that lost the port's
     * bus link still holds its directory: it is read from there, and both NIC functions are reset by it,
     * exactly as with the link (the kernel resets bus 02 whatever sysfs links say).
     */
    @Test
    void hwlocServerWithoutThePortsBusLinkStillResetsBothNicFunctions() throws Exception {
        Path root = RealFixtures.hwlocServer(dir);
        PciAddress nic = PciAddress.parse("0000:02:00.0");
        HotResetPrediction before = AffectedSet.predict(new SysfsReader(HostRoot.of(root)).scan(), nic);
        Files.delete(root.resolve("sys/bus/pci/devices/0000:00:01.1"));

        Topology t = new SysfsReader(HostRoot.of(root)).scan();

        assertThat(t.size()).isEqualTo(137);
        assertThat(t.parent(nic).map(PciDevice::address)).contains(PciAddress.parse("0000:00:01.1"));
        HotResetPrediction p = AffectedSet.predict(t, nic);
        assertThat(p).isEqualTo(before);
        assertThat(p.possible()).isTrue();
        assertThat(p.affected()).extracting(Object::toString).containsExactly("0000:02:00.0", "0000:02:00.3");
        analyseEverything(HostRoot.of(root), 137);
    }

    @Test
    void thinkpad() throws Exception {
        analyseEverything(HostRoot.of(RealFixtures.thinkpad(dir)), 23);
    }

    @Test
    void qemuQ35AtBootAndWithVfio() throws Exception {
        analyseEverything(HostRoot.of(RealFixtures.qemuQ35(dir, true)), 0);
        analyseEverything(HostRoot.of(RealFixtures.qemuQ35(dir, false)), 0);
    }

    @Test
    void labGuestSnapshot() throws Exception {
        try (HostRoot root = SnapshotReader.open(resource("/fixtures/lab/lab-guest-snapshot.tar.gz"))) {
            analyseEverything(root, 0);
        }
    }

    /** @param expected how many functions the capture holds, 0 when not pinned here */
    private static void analyseEverything(HostRoot root, int expected) throws IOException {
        Topology t = new SysfsReader(root).scan();
        TreeSet<String> inTree = functionsInTree(root.path());
        assertThat(t.devices()).extracting(d -> d.address().toString()).containsExactlyElementsOf(inTree);
        if (expected > 0) {
            assertThat(t.size()).isEqualTo(expected);
        }
        HostState host = HostStateReader.read(root, t);
        BlastRadiusAnalyzer analyzer = new BlastRadiusAnalyzer(t, host);
        for (PciDevice d : t.devices()) {
            BlastRadius b = analyzer.analyze(d.address());
            assertThat(b.device()).isEqualTo(d.address());
            assertThat(b.hotReset().affected()).contains(d.address());
            // a function is either known to sit below a bridge, on a root bus, or its parent is unknown
            Optional<String> unknown = t.parentUnknown(d.address());
            if (unknown.isPresent()) {
                assertThat(b.hotReset().possibility()).isEmpty();
            } else if (t.parent(d.address()).isEmpty()) {
                assertThat(b.hotReset().possibility()).contains(false);
            }
        }
    }

    /**
     * Every function the tree holds, found independently of the reader: the function directories of the
     * {@code sys/devices} nesting (links are not followed) and what {@code sys/bus/pci/devices} links to.
     */
    private static TreeSet<String> functionsInTree(Path root) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root.resolve("sys/devices"))) {
            s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> BDF.matcher(n).matches()).forEach(out::add);
        }
        Path bus = root.resolve("sys/bus/pci/devices");
        if (Files.isDirectory(bus)) {
            try (Stream<Path> s = Files.list(bus)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(out::add);
            }
        }
        return out;
    }

    private static Path resource(String name) throws URISyntaxException {
        var url = WholeAnalysisOnRealTreesTest.class.getResource(name);
        assertThat(url).as(name).isNotNull();
        return Path.of(url.toURI());
    }
}
