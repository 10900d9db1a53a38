package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.audit.AuditRecord;
import org.vfioinspector.core.audit.Invoker;
import org.vfioinspector.core.model.PciAddress;

class HistoryTextTest {

    private static final PciAddress GPU = PciAddress.parse("0000:03:00.0");
    private static final PciAddress AUDIO = PciAddress.parse("0000:03:00.1");
    private static final Invoker ROOT = Invoker.of(0, "root", Map.of(), uid -> Optional.empty());

    private static AuditRecord round(int n, String phase, Optional<String> result, OptionalInt errno, boolean dryRun) {
        return new AuditRecord(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n), "soak-round", phase, ROOT,
                Optional.empty(), Optional.of(GPU), Optional.of("hot-reset"), dryRun, List.of(GPU, AUDIO),
                result.isPresent() ? List.of(GPU) : List.of(), List.of(), OptionalInt.of(n),
                result.isPresent() ? Optional.of("lost") : Optional.empty(), result, errno,
                errno.isPresent() ? Optional.of("ENOTTY") : Optional.empty(), "line\none");
    }

    @Test
    void aSoakRoundSaysItsRoundKindErrnoAndVerdict() {
        AuditRecord failed = round(3, "result", Optional.of("failed"), OptionalInt.of(25), false);

        assertThat(HistoryText.what(failed)).isEqualTo("soak-round 3 (hot-reset) " + GPU);
        assertThat(HistoryText.outcome(failed)).isEqualTo("failed ENOTTY (25), lost");
        assertThat(HistoryText.functions(failed)).isEqualTo("confirmed " + GPU + "," + AUDIO + "; kernel " + GPU);
        assertThat(HistoryText.line(failed)).isEqualTo("2026-03-01T10:00:03Z  soak-round 3 (hot-reset) " + GPU
                + "  failed ENOTTY (25), lost  by root  confirmed " + GPU + "," + AUDIO + "; kernel " + GPU + "  — line?one");
        assertThat(HistoryText.what(round(1, "intent", Optional.empty(), OptionalInt.empty(), true)))
                .isEqualTo("soak-round 1 (hot-reset, dry run) " + GPU);
    }

    @Test
    void anIntentIsAnsweredOnlyByTheSameActionsResult() {
        AuditRecord one = round(1, "intent", Optional.empty(), OptionalInt.empty(), false);
        AuditRecord two = round(2, "intent", Optional.empty(), OptionalInt.empty(), false);
        AuditRecord oneDone = round(1, "result", Optional.of("ok"), OptionalInt.empty(), false);

        assertThat(HistoryText.unanswered(List.of(one, two, oneDone))).containsExactly(false, true, false);
        assertThat(HistoryText.unanswered(List.of(oneDone, one))).as("a result before it answers nothing")
                .containsExactly(false, true);
    }

    @Test
    void textFromTheLogCannotDriveTheTerminalOrFloodIt() {
        assertThat(HistoryText.printable("a\u001b[31mb\u0007\u2028c")).isEqualTo("a?[31mb??c");
        assertThat(HistoryText.printable("x".repeat(600))).hasSize(501).endsWith("x…");
    }
}
