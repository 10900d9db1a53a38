package org.vfioinspector.app.gui;

import java.nio.file.Path;

import javafx.application.Application;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.session.HostSource;

/**
 * Entry point the CLI calls by reflection when no command is given ({@code vfio-inspector},
 * {@code --demo}, {@code --root X}). Not an {@code Application} itself, so that loading it never
 * needs JavaFX on the class path of the caller.
 */
public final class InspectorLauncher {

    /**
     * JavaFX's own logger, held so its level stays set: started from the class path ({@code java -jar}, the
     * README's run command) JavaFX warns "Unsupported JavaFX configuration" at every start, which users
     * cannot act on (the package runs JavaFX from the runtime's modules and gets no such warning). Its
     * warnings are kept with {@code -Dvfio.javafx.warnings=true}.
     */
    static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private static volatile HostSource source = HostSource.LIVE;
    private static volatile Preload preload;

    private InspectorLauncher() {
    }

    /** Opens the window on the demo, on {@code root}, or (both unset) on this host; returns when it closes. */
    public static void launch(boolean demo, Path root) {
        launchSource(HostSource.fromArguments(demo, root));
    }

    /** Opens the window on {@code s} (a remote host is captured while the window starts); returns when it closes. */
    public static void launchSource(HostSource s) {
        source = s;
        quietJavaFxWarnings(Boolean.getBoolean("vfio.javafx.warnings"));
        Timing.mark("launcher");
        // the scan and the first layout run while JavaFX starts and the window is built
        preload = Preload.start(source, new TreeLayout());
        Application.launch(InspectorApp.class);
    }

    /** Only JavaFX's errors reach the terminal, unless {@code keep}. */
    static void quietJavaFxWarnings(boolean keep) {
        JAVAFX_LOG.setLevel(keep ? null : java.util.logging.Level.SEVERE);
    }

    static HostSource source() {
        return source;
    }

    /** The host being read since launch, taken once (a refresh reads again). */
    static Preload takePreload() {
        Preload p = preload;
        preload = null;
        return p;
    }
}
