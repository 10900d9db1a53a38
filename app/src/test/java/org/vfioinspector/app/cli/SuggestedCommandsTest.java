package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.vfio.FixtureVfioKernel;

/**
 * A command the blast report suggests for the demo or a snapshot names that source, so pasted as it stands it
 * is refused as read-only there, and never acts on the machine at hand. The suggested commands are run here
 * through a host access that fails the test on any write and has no VFIO but an empty simulated one.
 */
class SuggestedCommandsTest {

    private static final Pattern SUGGESTED = Pattern.compile("'(vfio-inspector [^']*bind [^']*)'");

    @TempDir
    Path dir;

    private static List<String> suggested(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SUGGESTED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Runs a suggested command as a shell would split it (it has no quoting here). */
    private CliTest.Result runAsPasted(String command) {
        List<String> words = new ArrayList<>(List.of(command.split(" ")));
        assertThat(words.remove(0)).isEqualTo("vfio-inspector");
        HostAccess nothing = new HostAccess(new FixtureVfioKernel(dir).kernel(), r -> (p, v) -> {
            throw new AssertionError("a suggested command wrote " + p);
        }, () -> true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(words.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), nothing);
        return new CliTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDemosSuggestedBindNamesTheDemoAndIsRefusedThere() {
        CliTest.Result r = CliTest.run("--demo", "blast", "0001:01:02.2");
        assertThat(r.code()).isZero();
        List<String> commands = suggested(r.out());
        assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("vfio-inspector --demo bind "));
        assertThat(r.out()).doesNotContain("'vfio-inspector bind ");

        CliTest.Result pasted = runAsPasted(commands.get(0));
        assertThat(pasted.code()).isEqualTo(2);
        assertThat(pasted.err()).contains("--demo is read-only", "the window's reset wizard walks the demo to the end "
                + "as a simulation");
    }

    @Test
    void aSnapshotsSuggestedBindNamesTheSnapshotAndIsRefusedThere() throws Exception {
        Path snapshot = dir.resolve("server.tar.gz");
        try (InputStream in = DemoHost.class.getResourceAsStream(DemoHost.RESOURCE)) {
            Files.copy(in, snapshot);
        }
        CliTest.Result r = CliTest.run("--root", snapshot.toString(), "blast", "0001:01:02.2", "--json");
        assertThat(r.code()).isZero();
        List<String> commands = suggested(r.out());
        assertThat(commands).isNotEmpty()
                .allSatisfy(c -> assertThat(c).startsWith("vfio-inspector --root " + snapshot + " bind "));

        CliTest.Result pasted = runAsPasted(commands.get(0));
        assertThat(pasted.code()).isEqualTo(2);
        assertThat(pasted.err()).contains("is a snapshot, which is read-only");
    }
}
