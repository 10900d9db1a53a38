package org.vfioinspector.app;

import org.vfioinspector.app.cli.Cli;

/**
 * The one launcher: a command runs the CLI without starting JavaFX; no command opens the GUI.
 * Deliberately not a JavaFX {@code Application} subclass, so that the classpath launch works
 * (shared/STACK.md pitfall 12) and the CLI never loads JavaFX classes.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Timing.mark("main");
        System.exit(Cli.run(args, System.out, System.err));
    }
}
