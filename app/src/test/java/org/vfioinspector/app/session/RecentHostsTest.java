package org.vfioinspector.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.vfioinspector.core.remote.RemoteHost;

class RecentHostsTest {

    @TempDir
    Path dir;

    @Test
    void newestFirstWithoutDuplicatesBoundedAndOnlyHostNames() throws Exception {
        RecentHosts r = RecentHosts.forUser(Map.of("XDG_CONFIG_HOME", dir.toString()));
        assertThat(r.list()).isEmpty();
        r.remember(RemoteHost.parse("lab1"));
        r.remember(RemoteHost.parse("root@[fe80::1]:2222"));
        r.remember(RemoteHost.parse("lab1"));
        assertThat(r.list()).extracting(RemoteHost::toString).containsExactly("lab1", "root@[fe80::1]:2222");
        Path file = dir.resolve("vfio-inspector/recent-hosts");
        assertThat(Files.readString(file)).isEqualTo("lab1\nroot@[fe80::1]:2222\n");
        for (int i = 0; i < 20; i++) {
            r.remember(RemoteHost.parse("lab" + i));
        }
        assertThat(r.list()).hasSize(RecentHosts.MAX).first().hasToString("lab19");
        Files.writeString(file, "-oProxyCommand=x\nlab 2\n\nok-host\n");
        assertThat(r.list()).extracting(RemoteHost::toString).containsExactly("ok-host");
    }
}
