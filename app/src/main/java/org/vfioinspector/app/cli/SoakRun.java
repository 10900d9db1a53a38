package org.vfioinspector.app.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.SoakDocument;
import org.vfioinspector.core.health.AerCounters;
import org.vfioinspector.core.health.FunctionVerification;
import org.vfioinspector.core.health.Verification;
import org.vfioinspector.core.health.VerdictRules;
import org.vfioinspector.core.health.VerificationVerdict;
import org.vfioinspector.core.model.LinkStatus;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetReport;

/**
 * {@code reset --soak N}: {@link ResetCommand#once} N times, each round verified, waiting {@code --interval} seconds
 * between rounds and stopping after the first round that fails (any exit code but 0) unless {@code --keep-going};
 * then the summary table (round, duration, link, AER increase, verdict) or the {@link SoakDocument}. The exit code is
 * 4 when any round lost a function, else the worst round's.
 */
final class SoakRun {

    private final int rounds;
    private final long intervalMillis;
    private final boolean keepGoing;
    private final ResetCommand command;

    SoakRun(int rounds, double intervalSeconds, boolean keepGoing, ResetCommand command) {
        this.rounds = rounds;
        this.intervalMillis = Math.round(intervalSeconds * 1000);
        this.keepGoing = keepGoing;
        this.command = command;
    }

    int run() {
        List<SoakDocument.Round> rows = new ArrayList<>();
        List<VerificationVerdict> verdicts = new ArrayList<>();
        int worst = ExitCodes.OK;
        boolean lost = false;
        int stoppedAt = 0;
        for (int i = 1; i <= rounds; i++) {
            command.phase("Soak round " + i + " of " + rounds);
            ResetCommand.Round r = command.once(i);
            int code = ResetCommand.exitCode(r);
            Optional<Verification> v = r.verification();
            verdicts.add(v.map(Verification::verdict).orElse(VerificationVerdict.UNKNOWN));
            lost |= v.filter(Verification::lost).isPresent();
            worst = Math.max(worst, code);
            SoakDocument.Round row = new SoakDocument.Round(i, r.millis(),
                    r.report().map(x -> x.outcome().name().toLowerCase().replace('_', '-')).orElse("refused"),
                    verdicts.get(verdicts.size() - 1).word(), link(r), aerIncrease(v), code, command.document(r));
            rows.add(row);
            if (!command.json) {
                command.cli.out.println("Round " + i + " of " + rounds + ": " + verdicts.get(verdicts.size() - 1).words()
                        + ", exit " + code + ", " + r.millis() + " ms");
                if (code != ExitCodes.OK || verdicts.get(verdicts.size() - 1) != VerificationVerdict.CAME_BACK) {
                    command.text(r); // the whole story of a round that did not simply come back
                }
            }
            if (code != ExitCodes.OK && !keepGoing) {
                stoppedAt = i < rounds ? i : 0;
                break;
            }
            if (i < rounds && !pause()) {
                stoppedAt = i;
                break;
            }
        }
        VerificationVerdict verdict = VerificationVerdict.worst(verdicts);
        if (command.json) {
            command.cli.document(new SoakDocument(new SoakDocument.Soak(rounds, verdict.word(), stoppedAt, rows)));
        } else {
            table(rows, verdict, stoppedAt);
        }
        return lost ? ExitCodes.NOT_BACK : worst;
    }

    private boolean pause() {
        if (intervalMillis <= 0) {
            return true;
        }
        try {
            Thread.sleep(intervalMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void table(List<SoakDocument.Round> rows, VerificationVerdict verdict, int stoppedAt) {
        var out = command.cli.out;
        out.println("Soak: " + rows.size() + " of " + Counted.of(rounds, "round") + " run"
                + (stoppedAt > 0 ? ", stopped after round " + stoppedAt + " (--keep-going goes on)" : "")
                + "; verdict: " + verdict.words());
        out.printf("  %-5s  %11s  %-22s  %12s  %-18s  %s%n", "round", "duration ms", "link", "AER increase", "verdict", "exit");
        for (SoakDocument.Round r : rows) {
            out.printf("  %-5d  %11d  %-22s  %12s  %-18s  %d%n", r.round(), r.durationMs(), r.link(),
                    r.aerIncrease() == null ? "?" : "+" + r.aerIncrease(), r.verdict().replace('-', ' '), r.exitCode());
        }
    }

    /**
     * The target's link after the round (its port's when the function reports none), {@code down} when the port's
     * Data Link Layer Link Active bit is 0 or the kernel gave up on
     * the link (ENOTTY), {@code ?} when unknown.
     */
    private static String link(ResetCommand.Round r) {
        Optional<FunctionVerification> f = r.verification().flatMap(v -> r.report().flatMap(x ->
                v.of(x.plan().request().target())).or(() -> v.functions().stream().findFirst()));
        if (f.isEmpty()) {
            return "?";
        }
        boolean gaveUp = r.report().flatMap(ResetReport::error)
                .filter(e -> e.errnoName().equals(VerdictRules.LINK_DOWN_ERRNO)).isPresent();
        if (gaveUp || f.get().after().upstreamLinkActive().filter(active -> !active).isPresent()) {
            return "down"; // the kernel or the port's DLLLA says so, whatever sysfs still shows from before
        }
        LinkStatus own = f.get().after().function().link();
        LinkStatus shown = own.known() ? own : f.get().after().upstreamLink();
        return shown.known() ? shown.describeCurrent() : "?";
    }

    /**
     * The AER errors counted during the round: every function's own, and each root port's once; null when no
     * counter could be compared.
     */
    private static Long aerIncrease(Optional<Verification> v) {
        if (v.isEmpty()) {
            return null;
        }
        long sum = 0;
        boolean known = false;
        Set<PciAddress> ports = new HashSet<>();
        for (FunctionVerification f : v.get().functions()) {
            AerCounters own = f.after().function().aer().increaseSince(f.before().function().aer());
            known |= own.known();
            sum += total(own);
            if (f.after().rootPort().isPresent() && ports.add(f.after().rootPort().get())) {
                AerCounters port = f.after().rootPortAer().increaseSince(f.before().rootPortAer());
                known |= port.known();
                sum += total(port);
            }
        }
        return known ? sum : null;
    }

    private static long total(AerCounters c) {
        return c.correctable().orElse(0) + c.nonFatal().orElse(0) + c.fatal().orElse(0);
    }
}
