package org.vfioinspector.app.report;

/** Exit codes of the CLI contract (shared/DESIGN.md). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Refused or blocked, or (blast) the verdict is unknown; the reasons were printed. */
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    /** I/O or kernel error. */
    public static final int IO = 3;
    /** The reset ran but a function was lost or a link did not come back (verification verdict lost). */
    public static final int NOT_BACK = 4;

    private ExitCodes() {
    }
}
