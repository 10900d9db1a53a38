package org.vfioinspector.app.session;

/**
 * The host could not be opened; the message is one line for the user. The CLI turns it into its exit
 * code, the window shows the message.
 */
public final class HostOpenException extends RuntimeException {

    /** Whose mistake it is: a path that is not a host root is the caller's, an unreadable one is not. */
    public enum Problem { NOT_A_HOST_ROOT, UNREADABLE }

    private final Problem problem;

    public HostOpenException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
