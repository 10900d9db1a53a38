package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.priv.InProcessCommands;
import org.vfioinspector.app.report.CliDocument;

/**
 * {@link Cli#run} for the window's in-process runner, which finds it as a service
 * ({@code META-INF/services/org.vfioinspector.app.priv.InProcessCommands}): the document is handed over, not printed.
 */
public final class InProcessCli implements InProcessCommands {

    @Override
    public Result run(String[] args, PrintStream out, PrintStream err, HostAccess access) {
        AtomicReference<CliDocument> document = new AtomicReference<>();
        int code = Cli.run(args, out, err, access, document::set);
        return new Result(code, Optional.ofNullable(document.get()));
    }
}
