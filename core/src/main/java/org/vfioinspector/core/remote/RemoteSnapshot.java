package org.vfioinspector.core.remote;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vfioinspector.core.snapshot.SnapshotResult;

/**
 * A snapshot captured from a remote host: an archive in this tool's snapshot format, in a private temporary
 * directory that {@link #close} removes.
 *
 * @param host     where it came from
 * @param sudo     whether it was captured through {@code sudo -n}
 * @param archive  the snapshot archive ({@code --root} takes it)
 * @param result   what the archive holds, with the notes of the capture
 * @param received bytes received from the remote host
 */
public record RemoteSnapshot(RemoteHost host, boolean sudo, Path archive, SnapshotResult result, long received,
                             Runnable cleanUp) implements AutoCloseable {

    public RemoteSnapshot {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(cleanUp, "cleanUp");
    }

    public List<String> notes() {
        return result.notes();
    }

    /** "host lab1 over ssh" and whether sudo was used: where the snapshot came from, for titles and messages. */
    public String description() {
        return describe(host, sudo);
    }

    /** "host lab1 over ssh", with " (sudo)" when captured through sudo. */
    public static String describe(RemoteHost host, boolean sudo) {
        return "host " + host + " over ssh" + (sudo ? " (sudo)" : "");
    }

    @Override
    public void close() {
        cleanUp.run();
    }
}
