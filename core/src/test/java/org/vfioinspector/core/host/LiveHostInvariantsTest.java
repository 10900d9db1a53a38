package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * The readers over this machine: only invariants, never this machine's values. They only list
 * directories, read small files and read link texts; nothing under /dev is opened.
 */
class LiveHostInvariantsTest {

    @Test
    void liveHostStateIsWellFormed() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs a Linux /proc");
        HostRoot live = HostRoot.live();
        Topology t = new SysfsReader(live).scan();

        HostState s = HostStateReader.read(live, t);

        s.holders().byGroup().values().forEach(hs -> hs.forEach(h -> {
            assertThat(h.pid()).isPositive();
            assertThat(h.files()).isNotEmpty().allMatch(f -> f.startsWith("/dev/vfio/") || f.equals("/dev/iommu"));
            assertThat(h.cmdline()).doesNotContain("\0");
        }));
        assertThat(s.holders().complete() || !s.holders().notes().isEmpty()).isTrue();
        s.impact().disks().forEach((a, disks) -> disks.forEach(d -> {
            assertThat(t.contains(d.function())).isTrue();
            assertThat(d.mounts()).allMatch(m -> m.mountPoint().startsWith("/"));
        }));
        s.impact().interfaces().forEach((a, ifs) -> ifs.forEach(n -> {
            assertThat(n.function()).isEqualTo(a);
            assertThat(n.name()).isNotBlank().isNotEqualTo("lo");
            assertThat(n.addresses()).allMatch(x -> x.contains("/"));
        }));
        assertThat(s.impact().notes()).doesNotContain("IPv4 addresses are only known on the live host");
    }
}
