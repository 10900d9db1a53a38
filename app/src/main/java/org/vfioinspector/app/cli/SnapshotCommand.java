package org.vfioinspector.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import java.io.IOException;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.SnapshotDocument;
import org.vfioinspector.app.report.ToolVersion;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotResult;
import org.vfioinspector.core.snapshot.SnapshotWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "snapshot", description = "Capture what this tool reads from the host into OUT.tar.gz, to inspect elsewhere with --root.")
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "OUT.tar.gz")
    Path out;

    @Option(names = "--json", description = "Machine-readable output: what was written, and the notes.")
    boolean json;

    @Override
    public Integer call() {
        Session s = cli.session();
        try {
            SnapshotResult r = new SnapshotWriter(ToolVersion.VERSION).write(s.root(), out);
            if (json) {
                Json.print(cli.out, SnapshotDocument.of(r));
                return ExitCodes.OK;
            }
            cli.out.println("Wrote " + r.archive() + ": " + r.files() + " files, " + r.links() + " links, "
                    + r.directories() + " directories, " + r.bytes() + " bytes"
                    + (r.skipped() > 0 ? ", " + r.skipped() + " skipped" : ""));
            r.notes().forEach(n -> cli.out.println("  note: " + n));
            return ExitCodes.OK;
        } catch (SnapshotException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot write " + out + ": " + e.getMessage());
        }
    }
}
