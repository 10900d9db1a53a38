package org.vfioinspector.core.snapshot;

import java.io.IOException;

/**
 * A snapshot archive was refused or could not be read or written. The message is meant for the
 * user: it names the archive entry or file and says what is wrong with it.
 */
public class SnapshotException extends IOException {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
