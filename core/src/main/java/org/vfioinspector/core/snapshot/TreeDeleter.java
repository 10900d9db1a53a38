package org.vfioinspector.core.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes an unpacked snapshot. Links are deleted as links and never followed, so a link to
 * {@code /} inside the tree cannot make this delete anything outside it.
 */
final class TreeDeleter {

    private TreeDeleter() {
    }

    /** Deletes {@code dir} and everything in it; best effort, never throws. */
    static void delete(Path dir) {
        walk(dir, true);
    }

    /** Deletes everything inside {@code dir} but keeps the directory; best effort, never throws. */
    static void deleteContents(Path dir) {
        walk(dir, false);
    }

    private static void walk(Path top, boolean includeTop) {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // walkFileTree without FOLLOW_LINKS reports a link as a file: the link itself is deleted
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (includeTop || !dir.equals(top)) {
                        quietlyDelete(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            // best effort: a temp directory left behind is untidy, not unsafe
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | SecurityException e) {
            // keep going with the rest of the tree
        }
    }
}
