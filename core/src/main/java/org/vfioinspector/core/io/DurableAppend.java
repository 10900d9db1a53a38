package org.vfioinspector.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends to a log file and forces it to disk before returning: the bind journal and the audit log
 * must survive a crash that happens right after the change they announce.
 */
public final class DurableAppend {

    private DurableAppend() {
    }

    /** Creates the parent folders and the file when needed, appends {@code bytes}, and syncs. */
    public static void append(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
