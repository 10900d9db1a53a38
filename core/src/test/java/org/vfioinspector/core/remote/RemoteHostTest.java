package org.vfioinspector.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RemoteHostTest {

    @Test
    void validSpecs() {
        assertThat(RemoteHost.parse("lab1")).isEqualTo(new RemoteHost(null, "lab1", 0));
        assertThat(RemoteHost.parse("root@lab1.example.org:2222")).isEqualTo(new RemoteHost("root", "lab1.example.org", 2222));
        assertThat(RemoteHost.parse("[fe80::1]")).isEqualTo(new RemoteHost(null, "fe80::1", 0));
        assertThat(RemoteHost.parse("admin@[::1]:22").destination()).isEqualTo("admin@::1");
        assertThat(RemoteHost.parse("admin@[::1]:22")).hasToString("admin@[::1]:22");
        assertThat(RemoteHost.parse("10.0.0.7:22").destination()).isEqualTo("10.0.0.7");
    }

    @Test
    void everythingThatCouldBecomeAnOptionOrShellIsRefused() {
        for (String bad : List.of("", "-oProxyCommand=x", "lab 1", "lab1;reboot", "lab1$(id)", "a@b@c", "lab1:0",
                "lab1:65536", "lab1:", "fe80::1", "[lab1]", "@lab1", "-l@lab1", "u@-lab1", "lab1\n", "l`id`",
                "'lab1'", "lab1|x", "..", "lab1/x", "[fe80::1%eth0]")) {
            assertThatThrownBy(() -> RemoteHost.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void theCommandPutsTheHostAfterDoubleDashAndQuotesTheRoot() {
        RemoteOptions o = new RemoteOptions(true, Duration.ofSeconds(60), List.of("ssh", "-F", "/x y/config"),
                "/it's", "t");
        List<String> c = RemoteCapture.command(RemoteHost.parse("u@lab1:2222"), o);
        assertThat(c).startsWith("ssh", "-F", "/x y/config").contains("BatchMode=yes", "ConnectTimeout=30");
        int dd = c.indexOf("--");
        assertThat(c.subList(dd + 1, c.size())).containsExactly("u@lab1", "sudo -n sh -s -- '/it'\\''s'");
        assertThat(c.subList(0, dd)).containsSequence("-p", "2222");
    }

    @Test
    void sshCommandsSplitLikeAShell() {
        assertThat(SshCommand.split("ssh -F '/my dir/cfg' -o \"A=b c\" x\\ y")).containsExactly("ssh", "-F",
                "/my dir/cfg", "-o", "A=b c", "x y");
        assertThat(SshCommand.fromEnvironment(java.util.Map.of())).containsExactly("ssh");
        assertThatThrownBy(() -> SshCommand.split("ssh 'x")).isInstanceOf(IllegalArgumentException.class);
    }
}
