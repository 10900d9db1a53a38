package org.vfioinspector.app.gui;

import java.nio.file.Path;

import javafx.application.Application;

/** Entry point the CLI calls by name when no command is given. */
public final class InspectorLauncher {

    static volatile boolean demo;
    static volatile Path root;

    private InspectorLauncher() {
    }

    public static void launch(boolean useDemo, Path rootPath) {
        demo = useDemo;
        root = rootPath;
        Application.launch(InspectorApp.class);
    }
}
