package org.vfioinspector.app.report;

import java.util.List;

import org.vfioinspector.core.snapshot.SnapshotResult;

/** The {@code snapshot OUT --json} document: what was written, and the notes. */
public record SnapshotDocument(String archive, int files, int links, int directories, long bytes, int skipped,
                               List<String> notes) {

    public static SnapshotDocument of(SnapshotResult r) {
        return new SnapshotDocument(r.archive().toString(), r.files(), r.links(), r.directories(), r.bytes(),
                r.skipped(), r.notes());
    }
}
