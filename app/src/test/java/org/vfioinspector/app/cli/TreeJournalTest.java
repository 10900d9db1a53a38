package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.sysfs.HostRoot;

import picocli.CommandLine;

/**
 * Where {@code bind}, {@code reset --bind} and {@code restore} keep their journal: a journal about a {@code --root}
 * tree stays in that tree, never in this machine's state directory, where a later {@code restore} of the live host
 * would act on the same addresses here. Nothing is written: only the journal's path is looked at.
 */
class TreeJournalTest {

    @TempDir
    Path dir;

    private static HostWrites parsed(String... args) {
        HostWrites w = new HostWrites();
        new CommandLine(new Object() {
            @CommandLine.Mixin
            HostWrites writes = w;
        }).parseArgs(args);
        return w;
    }

    @Test
    void aTreesJournalIsInsideTheTree() {
        BindJournal j = parsed().journal(HostRoot.of(dir));
        assertThat(j.file()).isEqualTo(dir.resolve("var/lib/vfio-inspector").resolve(BindJournal.FILE));
    }

    @Test
    void theLiveHostsJournalIsThisMachinesStateDirectory() {
        assertThat(parsed().journal(HostRoot.live()).file())
                .isEqualTo(HostWrites.defaultStateDir().resolve(BindJournal.FILE));
    }

    @Test
    void stateDirStillWins() {
        Path state = dir.resolve("state");
        assertThat(parsed("--state-dir", state.toString()).journal(HostRoot.of(dir)).file())
                .isEqualTo(state.resolve(BindJournal.FILE));
    }
}
