package org.vfioinspector.app.gui;

import java.nio.file.Path;

import javafx.application.Application;

import org.vfioinspector.app.gui.graph.ElkTreeLayout;

/**
 * Entry point the CLI calls by reflection when no command is given ({@code vfio-inspector},
 * {@code --demo}, {@code --root X}). Not an {@code Application} itself, so that loading it never
 * needs JavaFX on the class path of the caller.
 */
public final class InspectorLauncher {

    private static volatile HostSource source = HostSource.LIVE;
    private static volatile Preload preload;

    private InspectorLauncher() {
    }

    /** Opens the window on the demo, on {@code root}, or (both unset) on this host; returns when it closes. */
    public static void launch(boolean demo, Path root) {
        source = HostSource.fromArguments(demo, root);
        Timing.mark("launcher");
        // the scan and the first layout run while JavaFX starts and the window is built
        preload = Preload.start(source, new ElkTreeLayout());
        Application.launch(InspectorApp.class);
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
