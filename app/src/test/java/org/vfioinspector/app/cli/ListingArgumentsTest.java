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

/** {@code tree} and {@code groups} recognised without picocli print, fail and exit exactly as through picocli. */
class ListingArgumentsTest {

    @TempDir
    static Path dir;

    @Test
    void recognisesOnlyTheListingsPlainForms() {
        assertThat(ListingArguments.of(new String[] {"--demo", "tree"}))
                .contains(new ListingArguments(true, null, "tree", false, false));
        assertThat(ListingArguments.of(new String[] {"--root=/x", "groups", "--json", "--explain"}))
                .contains(new ListingArguments(false, Path.of("/x"), "groups", true, true));
        assertThat(ListingArguments.of(new String[] {"tree", "--json"}))
                .contains(new ListingArguments(false, null, "tree", true, false));
        for (String[] other : List.of(new String[] {"tree", "--json", "--json"}, new String[] {"tree", "--explain"},
                new String[] {"--root", "-x", "tree"}, new String[] {"--demo", "--root", "x", "tree"},
                new String[] {"tree", "--help"}, new String[] {"--root", "", "tree"}, new String[] {"show", "01:00.0"},
                new String[] {"tree", "extra"}, new String[] {"--root=", "tree"}, new String[] {"--demo"},
                new String[] {"--root", "x", "tree", "--root", "y"}, new String[] {"groups", "--explain", "--explain"})) {
            assertThat(ListingArguments.of(other)).as(String.join(" ", other)).isEmpty();
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
                List.of("--root", notARoot.toString(), "groups"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            assertThat(ListingArguments.of(args)).as(String.join(" ", line)).isPresent();
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
