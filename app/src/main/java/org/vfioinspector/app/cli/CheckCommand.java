package org.vfioinspector.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vfioinspector.app.report.CheckDocument;
import org.vfioinspector.app.report.DiffText;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparer;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Expectations;
import org.vfioinspector.core.compare.Side;
import org.vfioinspector.core.text.Counted;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", description = {"Check this host (or --root, --demo) against a baseline: a snapshot archive or "
        + "directory saved earlier (write one with 'snapshot'), or an expectations file (write one with --write-baseline).",
        "What matters is what diff calls worse or unknown, a baseline from another host, and every pin of an "
                + "expectations file the host does not meet or does not show.",
        "Exit 0 when nothing that matters changed, 1 when something did."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--baseline", paramLabel = "FILE|DIR",
            description = "The snapshot archive, directory or expectations file (JSON) to check against.")
    String baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write an expectations file (JSON, version 1) of this host as it is, to trim and check against.")
    Path writeBaseline;

    @Option(names = "--json", description = "Machine-readable output (findings for CI).")
    boolean json;

    @Override
    public Integer call() {
        if ((baseline == null) == (writeBaseline == null)) {
            throw new CliException(ExitCodes.USAGE, "check needs exactly one of --baseline FILE|DIR and --write-baseline FILE");
        }
        if (writeBaseline != null) {
            return write();
        }
        Sides.Spec spec = Sides.parse(baseline);
        if (spec.kind() == Sides.Kind.PATH && ExpectationsFile.looksLikeOne(spec.path())) {
            return expectations(ExpectationsFile.read(spec.path()));
        }
        if (spec.kind() != Sides.Kind.PATH) {
            throw new CliException(ExitCodes.USAGE, "--baseline takes a snapshot archive or a directory, not " + baseline);
        }
        Session host = cli.session();
        try (Session base = Sides.open(spec, Sides.Remote.of(cli))) {
            Side before = Sides.read(spec, base);
            Side now = Side.of(host.root().description(), host.root(), host.topology(), host.health());
            Comparison c = Comparer.compare(before, now);
            CheckDocument d = CheckDocument.of(before, now, c);
            if (json) {
                Json.print(cli.out, d);
            } else {
                print(d, c);
            }
            return d.ok() ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }

    private Integer write() {
        Session host = cli.session();
        Side now = Side.of(host.root().description(), host.root(), host.topology(), host.health());
        Expectations e = Expectations.of(now);
        ExpectationsFile.write(writeBaseline, e);
        cli.out.println("Wrote " + writeBaseline + ": " + Counted.of(e.functions().size(), "function") + " of " + now.label()
                + " pinned (remove what does not matter, then: check --baseline " + writeBaseline + ")");
        return ExitCodes.OK;
    }

    private Integer expectations(Expectations e) {
        Session host = cli.session();
        Side now = Side.of(host.root().description(), host.root(), host.topology(), host.health());
        CheckDocument d = CheckDocument.of(baseline, e, now, e.check(now));
        if (json) {
            Json.print(cli.out, d);
        } else {
            cli.out.println("Check " + d.host().side() + " against expectations " + baseline);
            printFindings(d);
        }
        return d.ok() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private void printFindings(CheckDocument d) {
        if (d.ok()) {
            cli.out.println("OK: every expectation is met.");
            return;
        }
        cli.out.println("FAILED: " + Counted.of(d.findings().size(), "finding") + " that matter" + (d.findings().size() == 1 ? "s" : "") + ":");
        d.findings().forEach(f -> {
            cli.out.println("  [" + f.impact() + "] " + f.summary());
            if (f.was().isPresent() || f.now().isPresent()) {
                cli.out.println("      expected: " + f.was().orElse("not shown") + "   now: " + f.now().orElse("not shown"));
            }
        });
    }

    private void print(CheckDocument d, Comparison c) {
        cli.out.println("Check " + d.host().side() + " against baseline " + d.baseline().side());
        if (d.ok()) {
            cli.out.println("OK: nothing that matters changed (" + c.count(Change.Impact.BETTER) + " better, "
                    + c.count(Change.Impact.NEUTRAL) + " neutral).");
        } else {
            cli.out.println("FAILED: " + Counted.of(d.findings().size(), "finding") + " that matter" + (d.findings().size() == 1 ? "s" : "") + ":");
            d.findings().forEach(f -> {
                cli.out.println("  [" + f.impact() + "] " + f.summary());
                if (f.was().isPresent() || f.now().isPresent()) {
                    cli.out.println("      baseline: " + f.was().orElse("not shown") + "   now: " + f.now().orElse("not shown"));
                }
                f.reasons().forEach(r -> cli.out.println("      why: " + r));
            });
        }
        if (!c.notCompared().isEmpty()) {
            cli.out.println("Not compared (neither side shows it): " + String.join("; ", c.notCompared()));
        }
        cli.out.println(DiffText.verdict(c));
    }
}
