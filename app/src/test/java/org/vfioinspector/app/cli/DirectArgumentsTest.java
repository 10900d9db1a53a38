package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.core.real.RealFixtures;

/** {@code tree}, {@code groups}, {@code show} and {@code blast} recognised without picocli print, fail and exit exactly as through picocli. */
class DirectArgumentsTest {

    @TempDir
    static Path dir;

    @Test
    void recognisesOnlyTheListingsPlainForms() {
        assertThat(DirectArguments.of(new String[] {"--demo", "tree"}))
                .contains(new DirectArguments(true, null, "tree", false, false, null, null, false));
        assertThat(DirectArguments.of(new String[] {"--root=/x", "groups", "--json", "--explain"}))
                .contains(new DirectArguments(false, Path.of("/x"), "groups", true, true, null, null, false));
        assertThat(DirectArguments.of(new String[] {"tree", "--json"}))
                .contains(new DirectArguments(false, null, "tree", true, false, null, null, false));
        assertThat(DirectArguments.of(new String[] {"--demo", "blast", "--reset", "hot", "04:00.0", "--cdev", "--json"}))
                .contains(new DirectArguments(true, null, "blast", true, false, "04:00.0", "hot", true));
        assertThat(DirectArguments.of(new String[] {"blast", "--reset=function", "zz"}))
                .contains(new DirectArguments(false, null, "blast", false, false, "zz", "function", false));
        assertThat(DirectArguments.of(new String[] {"--root=/x", "show", "--json", "01:00.0"}))
                .contains(new DirectArguments(false, Path.of("/x"), "show", true, false, "01:00.0", null, false));
        for (String[] other : List.of(new String[] {"tree", "--json", "--json"}, new String[] {"tree", "--explain"},
                new String[] {"--root", "-x", "tree"}, new String[] {"--demo", "--root", "x", "tree"},
                new String[] {"tree", "--help"}, new String[] {"--root", "", "tree"}, new String[] {"show"},
                new String[] {"show", "01:00.0", "02:00.0"}, new String[] {"show", "01:00.0", "--cdev"},
                new String[] {"blast", "01:00.0", "--reset", "warm"}, new String[] {"blast", "01:00.0", "--reset"},
                new String[] {"blast", "--reset", "hot", "--reset", "hot", "01:00.0"}, new String[] {"blast", "-x"},
                new String[] {"blast", "@args"}, new String[] {"--root", "@x", "tree"}, new String[] {"blast", "01:00.0", "--explain"},
                new String[] {"show", "01:00.0", "--"}, new String[] {"snapshot", "x.tar"},
                new String[] {"tree", "extra"}, new String[] {"--root=", "tree"}, new String[] {"--demo"},
                new String[] {"--root", "x", "tree", "--root", "y"}, new String[] {"groups", "--explain", "--explain"})) {
            assertThat(DirectArguments.of(other)).as(String.join(" ", other)).isEmpty();
        }
    }

    @Test
    void printsFailsAndExitsAsThroughPicocli() throws IOException {
        Path q35 = RealFixtures.qemuQ35(dir, false);
        Path notARoot = Files.writeString(dir.resolve("not-a-root.txt"), "hello");
        List<List<String>> lines = List.of(
                List.of("--demo", "tree"), List.of("--demo", "tree", "--json"), List.of("--demo", "groups"),
                List.of("--demo", "groups", "--explain"), List.of("--demo", "groups", "--json", "--explain"),
                List.of("--root", q35.toString(), "tree"), List.of("--root=" + q35, "groups", "--explain", "--json"),
                List.of("--root", dir.resolve("missing").toString(), "tree"),
                List.of("--root", notARoot.toString(), "groups"),
                List.of("--demo", "show", "04:00.0"), List.of("--demo", "show", "--json", "0000:01:00.0"),
                List.of("--demo", "show", "99:00.0"), List.of("--demo", "show", "not-a-bdf"),
                List.of("--demo", "blast", "04:00.0"), List.of("--demo", "blast", "09:00.0", "--json"),
                List.of("--demo", "blast", "01:00.0", "--reset", "function"), List.of("--demo", "blast", "--reset=hot", "0b:00.0"),
                List.of("--demo", "blast", "--cdev", "04:00.0", "--json"), List.of("--demo", "blast", "04:00.0", "--cdev", "--reset", "function"),
                List.of("--root", q35.toString(), "blast", "00:02.0"), List.of("--root=" + q35, "show", "00:1f.2", "--json"),
                List.of("--root", dir.resolve("missing").toString(), "blast", "01:00.0"), List.of("--demo", "blast", "7"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            assertThat(DirectArguments.of(args)).as(String.join(" ", line)).isPresent();
            List<String> fast = run(args, false);
            List<String> picocli = run(args, true);
            assertThat(fast).as(String.join(" ", line)).isEqualTo(picocli);
            assertThat(fast.get(1)).as(String.join(" ", line)).isNotEmpty();
        }
    }

    @Test
    void everyCommandIsRegisteredUnderItsOwnName() {
        Cli.Commands.ALL.forEach((name, type) -> assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name())
                .as(type.getSimpleName()).isEqualTo(name));
        assertThat(Cli.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(Cli.Commands.ALL.keySet());
        assertThat(Cli.onlyCommand(new String[] {"--demo", "blast", "04:00.0"})).isEqualTo("blast");
        assertThat(Cli.onlyCommand(new String[] {"--root", "tree", "tree"})).isNull();
        assertThat(Cli.onlyCommand(new String[] {"blast", "--help"})).isNull();
    }

    /** Exit code, standard output and standard error. */
    private static List<String> run(String[] args, boolean picocli) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = picocli ? Cli.run(args, o, e, HostAccess.LIVE) : Cli.run(args, o, e);
        List<String> r = new ArrayList<>();
        r.add(String.valueOf(code));
        r.add(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        r.add(err.toString(StandardCharsets.UTF_8));
        return r;
    }
}
