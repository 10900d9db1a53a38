package org.vfioinspector.app.cli;

/** A failure with a one-line message for the user and the exit code it maps to. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
