package org.vfioinspector.core.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SnapshotWriter#write} put into an archive.
 *
 * @param archive     the archive written
 * @param files       regular files stored (including {@code snapshot-info.txt})
 * @param links       symbolic links stored
 * @param directories directories stored
 * @param bytes       bytes of file content stored
 * @param skipped     whitelisted items that existed but could not be read
 * @param notes       why items were skipped or truncated, and what could not be looked at; for the user
 */
public record SnapshotResult(Path archive, int files, int links, int directories, long bytes, int skipped,
                             List<String> notes) {

    public SnapshotResult {
        Objects.requireNonNull(archive, "archive");
        if (files < 0 || links < 0 || directories < 0 || bytes < 0 || skipped < 0) {
            throw new IllegalArgumentException("snapshot counts cannot be negative");
        }
        notes = List.copyOf(notes);
    }
}
