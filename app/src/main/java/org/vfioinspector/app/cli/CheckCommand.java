package org.vfioinspector.app.cli;

import java.util.concurrent.Callable;

import org.vfioinspector.app.report.CheckDocument;
import org.vfioinspector.app.report.DiffText;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.compare.Change;
import org.vfioinspector.core.compare.Comparer;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Side;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", description = {"Check this host (or --root, --demo) against a baseline: a snapshot archive or "
        + "directory saved earlier (write one with 'snapshot').",
        "What matters is what diff calls worse or unknown, and a baseline from another host.",
        "Exit 0 when nothing that matters changed, 1 when something did."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Option(names = "--baseline", required = true, paramLabel = "FILE|DIR",
            description = "The saved snapshot archive or directory to check against.")
    String baseline;

    @Option(names = "--json", description = "Machine-readable output (findings for CI).")
    boolean json;

    @Override
    public Integer call() {
        Sides.Spec spec = Sides.parse(baseline);
        if (spec.kind() != Sides.Kind.PATH) {
            throw new CliException(ExitCodes.USAGE, "--baseline takes a snapshot archive or a directory, not " + baseline);
        }
        Session host = cli.session();
        try (Session base = Sides.open(spec)) {
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

    private void print(CheckDocument d, Comparison c) {
        cli.out.println("Check " + d.host().side() + " against baseline " + d.baseline().side());
        if (d.ok()) {
            cli.out.println("OK: nothing that matters changed (" + c.count(Change.Impact.BETTER) + " better, "
                    + c.count(Change.Impact.NEUTRAL) + " neutral).");
        } else {
            cli.out.println("FAILED: " + d.findings().size() + " finding(s) that matter:");
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
