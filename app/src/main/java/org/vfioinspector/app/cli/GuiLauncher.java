package org.vfioinspector.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.vfioinspector.app.report.ExitCodes;

/**
 * Starts the GUI by name so that the CLI path never loads a JavaFX class (a headless server
 * without JavaFX natives can still run every command).
 */
final class GuiLauncher {

    private GuiLauncher() {
    }

    static int launch(boolean demo, Path root, PrintStream err) {
        return launch(org.vfioinspector.app.session.HostSource.fromArguments(demo, root), err);
    }

    /** Opens the window on any source (a remote host too). */
    static int launch(org.vfioinspector.app.session.HostSource source, PrintStream err) {
        try {
            Class<?> app = Class.forName("org.vfioinspector.app.gui.InspectorLauncher");
            app.getMethod("launchSource", org.vfioinspector.app.session.HostSource.class).invoke(null, source);
            return ExitCodes.OK;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("vfio-inspector: the graphical inspector could not start: " + cause.getMessage());
            err.println("Commands still work without a display, e.g. 'vfio-inspector tree'.");
            return ExitCodes.IO;
        }
    }
}
