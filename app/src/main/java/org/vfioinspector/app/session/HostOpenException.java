package org.vfioinspector.app.session;

/**
 * The host could not be opened; the message is one line for the user. The CLI turns it into its exit
 * code, the window shows the message.
 */
public final class HostOpenException extends RuntimeException {

    /** Whose mistake it is: a path that is not a host root is the caller's, an unreadable one is not. */
    public enum Problem { NOT_A_HOST_ROOT, UNREADABLE }

    private final Problem problem;
    private final org.vfioinspector.core.remote.RemoteCaptureException.Problem remoteProblem;

    public HostOpenException(Problem problem, String message) {
        this(problem, message, null);
    }

    /** A remote host that could not be captured or opened, with which failure it was. */
    public HostOpenException(Problem problem, String message,
                             org.vfioinspector.core.remote.RemoteCaptureException.Problem remoteProblem) {
        super(message);
        this.problem = problem;
        this.remoteProblem = remoteProblem;
    }

    /** For a remote host: which failure (unreachable, auth refused, ...); empty for every other source. */
    public java.util.Optional<org.vfioinspector.core.remote.RemoteCaptureException.Problem> remoteProblem() {
        return java.util.Optional.ofNullable(remoteProblem);
    }

    public Problem problem() {
        return problem;
    }
}
