package org.vfioinspector.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import java.io.IOException;

import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotResult;
import org.vfioinspector.core.snapshot.SnapshotWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "snapshot", description = "Capture what this tool reads from the host into OUT.tar.gz, to inspect elsewhere with --root.")
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    Cli cli;

    @Parameters(paramLabel = "OUT.tar.gz")
    Path out;

    @Override
    public Integer call() {
        Session s = cli.session();
        try {
            SnapshotResult r = new SnapshotWriter(Cli.VERSION).write(s.root(), out);
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
