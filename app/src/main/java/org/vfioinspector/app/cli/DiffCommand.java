package org.vfioinspector.app.cli;

import java.util.concurrent.Callable;

import org.vfioinspector.app.report.DiffDocument;
import org.vfioinspector.app.report.DiffText;
import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.compare.Comparer;
import org.vfioinspector.core.compare.Comparison;
import org.vfioinspector.core.compare.Side;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "diff", description = {"Compare two reads of hosts: what changed for passthrough (groups, ACS, reset "
        + "methods, links, drivers, kernel), each judged worse, better, neutral or unknown.",
        "A side is a directory laid out like /, a snapshot archive, 'live' (or -) for this machine, or [user@]HOST[:PORT].",
        "Exit 0 when nothing got worse or unknown, 1 when something did."})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The side to compare from.")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The side to compare with it.")
    String after;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        Sides.Spec a = Sides.parse(before);
        Sides.Spec b = Sides.parse(after);
        Sides.Remote remote = Sides.Remote.of(cli);
        try (Session sa = Sides.open(a, remote); Session sb = Sides.open(b, remote)) {
            Side x = Sides.read(a, sa);
            Side y = Sides.read(b, sb);
            Comparison c = Comparer.compare(x, y);
            if (json) {
                Json.print(cli.out, DiffDocument.of(x, y, c));
            } else {
                if (a.sameAs(b)) {
                    cli.out.println("Note: both sides are the same (" + before + "); what differs changed between the two reads.");
                }
                DiffText.text(c).forEach(cli.out::println);
            }
            return c.nothingWorse() ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }
}
