package org.vfioinspector.app.report;

/** The program's version, as {@code --version}, the manual page and a snapshot's manifest state it. */
public final class ToolVersion {

    public static final String VERSION = "0.1.0";

    private ToolVersion() {
    }
}
