package org.vfioinspector.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.snapshot.SnapshotWriter;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The bundled demo snapshot is what {@link DemoTopology} builds. Regenerate it after changing the
 * builder: {@code mvn -pl core test -Dtest=DemoHostTest -Ddemo.regenerate=true}.
 */
class DemoHostTest {

    static final Path RESOURCE = Path.of("src/main/resources/org/vfioinspector/core/demo/demo-host.tar.gz");

    @TempDir
    Path dir;

    static List<String> summary(Topology t) {
        return t.devices().stream().map(DemoHostTest::line).toList();
    }

    private static String line(PciDevice d) {
        return d.address() + " " + d.parent().map(Object::toString).orElse("-") + " " + d.idPair() + " "
                + d.classCode() + " " + d.driver().orElse("-") + " " + d.iommuGroup() + " " + d.resetMethods()
                + " " + d.portType() + " " + d.config().map(c -> c.capabilities().size() + "/"
                + c.extendedCapabilities().size()).orElse("-") + " " + d.sriov().virtfns() + " " + d.bootVga();
    }

    @Test
    void bundledDemoIsWhatTheBuilderMakes() throws Exception {
        Path built = dir.resolve("built");
        Files.createDirectories(built);
        DemoTopology.build(new SysfsFixture(built));
        if (Boolean.getBoolean("demo.regenerate")) {
            new SnapshotWriter("demo").write(HostRoot.of(built), RESOURCE.toAbsolutePath());
        }
        Topology expected = new SysfsReader(HostRoot.of(built)).scan();
        try (HostRoot demo = DemoHost.open()) {
            Topology actual = new SysfsReader(demo).scan();
            assertThat(summary(actual)).as("the bundled demo is stale: regenerate it with -Ddemo.regenerate=true")
                    .isEqualTo(summary(expected));
            assertThat(actual.host().kernelRelease()).isEqualTo(expected.host().kernelRelease());
            assertThat(actual.host().cmdline()).isEqualTo(expected.host().cmdline());
            assertThat(Files.exists(demo.resolve("proc/4242/fd/22"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(demo.description()).isEqualTo("demo topology");
        }
    }

    @Test
    void demoHasEverythingTheDesignAsksFor() {
        Path built = dir.resolve("b");
        Topology t = new SysfsReader(HostRoot.of(DemoTopology.build(new SysfsFixture(built)).root())).scan();
        assertThat(t.domains()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(t.devices()).anyMatch(d -> d.classCode().getAsInt() >> 8 == 0x0300
                && t.devices().stream().anyMatch(o -> o.address().slotId().equals(d.address().slotId())
                        && o.classCode().getAsInt() >> 8 == 0x0403));
        assertThat(t.devices()).anyMatch(d -> !d.sriov().virtfns().isEmpty());
        assertThat(t.devices()).anyMatch(d -> d.classCode().getAsInt() >> 8 == 0x0108);
        assertThat(t.devices()).anyMatch(d -> d.portType().map(p -> p.name().equals("PCIE_TO_PCI_BRIDGE")).orElse(false)
                && t.children(d.address()).size() == 2);
        assertThat(t.roots()).anyMatch(d -> !d.isBridge() && !d.isHostBridge());
        assertThat(t.notes()).isEmpty();
        assertThat(t.devices()).allMatch(d -> d.notes().isEmpty());
    }

    @Test
    void unpacksInTheRuntimeDirectoryGivenAndRemovesItOnClose() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("run-user"));
        Topology expected;
        try (HostRoot tmp = DemoHost.open(null)) {
            expected = new SysfsReader(tmp).scan();
            assertThat(tmp.path().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        }
        try (HostRoot demo = DemoHost.open(runtime)) {
            assertThat(demo.path().getParent()).isEqualTo(runtime);
            assertThat(demo.description()).isEqualTo("demo topology");
            assertThat(summary(new SysfsReader(demo).scan())).isEqualTo(summary(expected));
            try (var inRuntime = Files.list(runtime)) {
                assertThat(inRuntime).containsExactly(demo.path()); // the archive copy is gone already
            }
        }
        try (var left = Files.list(runtime)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRuntimeDirectoryThatFailsFallsBackToTheTemporaryDirectory() throws Exception {
        Path gone = dir.resolve("gone"); // usable when checked, removed before the demo is unpacked
        try (HostRoot demo = DemoHost.open(gone)) {
            assertThat(demo.path().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            assertThat(new SysfsReader(demo).scan().devices()).isNotEmpty();
        }
        assertThat(gone).doesNotExist();
    }

    @Test
    void onlyAnAbsoluteWritableDirectoryOfThisUserIsARuntimeDirectory() throws Exception {
        Path ok = Files.createDirectories(dir.resolve("ok"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), ok);
        assertThat(DemoHost.scratch(ok.toString())).isEqualTo(ok);
        assertThat(DemoHost.scratch(null)).isNull();
        assertThat(DemoHost.scratch("")).isNull();
        assertThat(DemoHost.scratch("run/user/1000")).as("relative").isNull();
        assertThat(DemoHost.scratch(dir.resolve("missing").toString())).isNull();
        assertThat(DemoHost.scratch(file.toString())).isNull();
        assertThat(DemoHost.scratch(link.toString())).as("a link").isNull();
        assertThat(DemoHost.scratch("/run/user/" + (char) 0)).as("not a path").isNull();
        if ("root".equals(System.getProperty("user.name"))) {
            Path others = Files.createDirectories(dir.resolve("others"));
            Files.setOwner(others, others.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            assertThat(DemoHost.scratch(others.toString())).as("another user's").isNull();
        }
    }
}
