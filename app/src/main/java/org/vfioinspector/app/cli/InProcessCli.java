package org.vfioinspector.app.cli;

import java.io.PrintStream;

import org.vfioinspector.app.priv.HostAccess;
import org.vfioinspector.app.priv.InProcessCommands;

/**
 * {@link Cli#run} for the window's in-process runner, which finds it as a service
 * ({@code META-INF/services/org.vfioinspector.app.priv.InProcessCommands}).
 */
public final class InProcessCli implements InProcessCommands {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err, HostAccess access) {
        return Cli.run(args, out, err, access);
    }
}
