package org.vfioinspector.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vfioinspector.core.snapshot.SnapshotException;
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
            var result = SnapshotWriter.write(s.root(), out, Cli.VERSION);
            cli.out.println("Wrote " + out + ": " + result.summary());
            return ExitCodes.OK;
        } catch (SnapshotException e) {
            throw new CliException(ExitCodes.IO, e.getMessage());
        }
    }
}
