package org.vfioinspector.core.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.bind.JournalEntry.State;
import org.vfioinspector.core.model.PciAddress;

class BindJournalTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final PciAddress A = PciAddress.parse("0000:03:00.0");

    @TempDir
    Path state;

    @Test
    void lastLineOfAFunctionIsItsStateAndGarbageIsNotedNotFatal() {
        BindJournal.Contents c = BindJournal.parse("""
                # vfio-inspector bind journal v1
                2026-11-25T10:00:00Z pending 0000:03:00.0 driver=e1000e override=-
                2026-11-25T10:00:01Z bound 0000:03:00.0 driver=e1000e override=-
                2026-11-25T10:00:02Z pending 0000:04:00.0 driver=- override=uio_pci_generic
                rm -rf / ; driver=x
                2026-11-25T10:00:03Z bound 0000:05:00.0 driver=evil$(reboot) override=-
                2026-11-25T10:00:04Z bound 0000:03:00.1 driver=snd_hda_intel override=-
                2026-11-25T10:00:05Z restored 0000:03:00.1 driver=snd_hda_intel override=-
                """);

        assertThat(c.entries()).hasSize(5);
        assertThat(c.notes()).containsExactly("journal line 5 is not an entry; skipped",
                "journal line 6 is not an entry; skipped");
        assertThat(c.open()).extracting(JournalEntry::address, JournalEntry::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(A, State.BOUND),
                org.assertj.core.groups.Tuple.tuple(PciAddress.parse("0000:04:00.0"), State.PENDING));
        assertThat(c.open().get(1).override()).contains("uio_pci_generic");
        assertThat(c.open().get(1).driver()).isEmpty();
    }

    @Test
    void appendedEntriesReadBackAndTheDirectoryIsCreated() throws Exception {
        BindJournal j = new BindJournal(state.resolve("deep/vfio-inspector"));
        JournalEntry e = new JournalEntry(T, State.PENDING, A, Optional.of("e1000e"), Optional.empty());
        j.append(e);
        j.append(e.with(State.ROLLED_BACK, T.plusSeconds(1)));

        assertThat(j.read().entries()).containsExactly(e, e.with(State.ROLLED_BACK, T.plusSeconds(1)));
        assertThat(j.read().open()).isEmpty();
    }

    @Test
    void missingJournalIsEmpty() throws Exception {
        assertThat(new BindJournal(state).read().entries()).isEmpty();
    }

    @Test
    void namesThatCouldBreakTheFormatCannotBeJournaled() {
        assertThatThrownBy(() -> new JournalEntry(T, State.BOUND, A, Optional.of("a b"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(T, State.BOUND, A, Optional.empty(), Optional.of("x\ny")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JournalEntry.safeName("mlx5_vfio_pci")).isTrue();
    }
}
