package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.priv.InProcessCommands;
import org.vfioinspector.app.report.CliDocument;
import org.vfioinspector.app.report.ProgressLine;

/**
 * {@link Cli#run} for the window's in-process runner, which finds it as a service
 * ({@code META-INF/services/org.vfioinspector.app.priv.InProcessCommands}): the document and
 * progress lines are handed over as records, not printed.
 */
public final class InProcessCli implements InProcessCommands {

    @Override
    public Result run(String[] args, PrintStream out, PrintStream err, HostAccess access,
                      Consumer<ProgressLine> progress) {
        AtomicReference<CliDocument> document = new AtomicReference<>();
        int code = Cli.run(args, out, err, access, new Cli.HandOver(document::set, progress));
        return new Result(code, Optional.ofNullable(document.get()));
    }
}
