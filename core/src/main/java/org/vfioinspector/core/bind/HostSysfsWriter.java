package org.vfioinspector.core.bind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.regex.Pattern;

import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Writes sysfs attributes under a {@link HostRoot}, like {@code echo value > file}: the file must
 * exist (never created), the value goes out in one write, and the path must stay inside the root
 * after following links. Paths are built from validated addresses and driver names only; the pattern
 * check here is the last line of defence against anything else reaching a file name.
 */
public final class HostSysfsWriter implements SysfsWriter {

    private static final Pattern SAFE_PATH = Pattern.compile("sys/[A-Za-z0-9_.:/+-]+");

    private final HostRoot root;

    public HostSysfsWriter(HostRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public void write(String rootRelativePath, String value) throws IOException {
        if (!SAFE_PATH.matcher(rootRelativePath).matches() || rootRelativePath.contains("..")) {
            throw new IOException("refusing to write to " + rootRelativePath + ": not a sysfs attribute path");
        }
        Path file = root.resolve(rootRelativePath);
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException("/" + rootRelativePath + " does not exist (the function or its driver went away?)", e);
        }
        if (!real.startsWith(root.path().toRealPath())) {
            throw new IOException("refusing to write to " + rootRelativePath + ": it leads outside " + root.path());
        }
        Files.write(real, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
