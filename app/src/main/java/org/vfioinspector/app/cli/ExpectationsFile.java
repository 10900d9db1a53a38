package org.vfioinspector.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.core.compare.Expectations;

/** Reading and writing {@code check}'s expectations files: JSON, at most 4 MiB, one message for anything wrong. */
final class ExpectationsFile {

    private static final int MAX = 4 * 1024 * 1024;

    private ExpectationsFile() {
    }

    /** A regular file whose first non-blank byte is '{' (a snapshot archive starts with gzip's 1f 8b). */
    static boolean looksLikeOne(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            for (int i = 0, b = in.read(); b >= 0 && i < 4096; i++, b = in.read()) {
                if (!Character.isWhitespace(b)) {
                    return b == '{';
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static Expectations read(Path p) {
        try {
            if (Files.size(p) > MAX) {
                throw new CliException(ExitCodes.USAGE, p + " is larger than an expectations file can be (4 MiB)");
            }
            return Expectations.parse(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "cannot read " + p + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, p + ": " + e.getMessage());
        }
    }

    static void write(Path p, Expectations e) {
        try {
            Files.writeString(p, e.write() + "\n", StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new CliException(ExitCodes.IO, "cannot write " + p + ": " + x.getMessage());
        }
    }
}
