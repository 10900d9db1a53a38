package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The window's command lines read without picocli must mean what picocli reads in them. */
class GuiArgumentsTest {

    @Test
    void theWindowsCommandLinesAreReadAsPicocliReadsThem() {
        List<String[]> opening = List.of(new String[] {}, new String[] {"--demo"}, new String[] {"--root", "/tmp/host"},
                new String[] {"--root=/tmp/snap.tar.gz"}, new String[] {"--root", "relative/dir"},
                new String[] {"--root", "dir with spaces"});
        for (String[] args : opening) {
            Optional<GuiArguments> fast = GuiArguments.of(args);
            assertThat(fast).as(String.join(" ", args)).isPresent();
            Cli cli = new Cli();
            CommandLine.ParseResult parsed = new CommandLine(cli).parseArgs(args);
            assertThat(parsed.hasSubcommand()).isFalse();
            assertThat(parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()).isFalse();
            assertThat(fast.get().demo()).as(String.join(" ", args)).isEqualTo(cli.demo);
            assertThat(fast.get().root()).as(String.join(" ", args)).isEqualTo(cli.root);
        }
        assertThat(GuiArguments.of(new String[] {"--root", "/x"}).get().root()).isEqualTo(Path.of("/x"));
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<String[]> others = List.of(new String[] {"tree"}, new String[] {"--demo", "tree"}, new String[] {"--help"},
                new String[] {"--version"}, new String[] {"-h"}, new String[] {"--root"}, new String[] {"--root="},
                new String[] {"--root", ""}, new String[] {"--root", "--demo"}, new String[] {"--demo", "--root", "x"},
                new String[] {"--root", "x", "--demo"}, new String[] {"--root", "x", "tree"}, new String[] {"--DEMO"},
                new String[] {"--root", "a\u0000b"}, new String[] {"groups", "--json"});
        for (String[] args : others) {
            assertThat(GuiArguments.of(args)).as(String.join(" ", args)).isEmpty();
        }
    }
}
