package org.vfioinspector.core.pciids;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.vfioinspector.core.sysfs.HostRoot;

/** Finds and reads {@code pci.ids} under a host root: the I/O half of {@link PciIds#load}. */
final class PciIdsFiles {

    /** Where pciutils and hwdata install it, in lspci's order of preference. */
    static final List<String> LOCATIONS = List.of(
            "usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids", "usr/share/pci.ids");

    /**
     * The real file is about 1.4 MB; anything far larger is not a pci.ids, and the cap keeps a
     * crafted gzip in a snapshot from filling memory.
     */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private PciIdsFiles() {
    }

    static PciIds load(HostRoot root, boolean allowLiveFallback) {
        return load(root, allowLiveFallback ? Optional.of(HostRoot.live()) : Optional.empty());
    }

    /** {@code fallback} plays the live system; tests pass a second temporary root. */
    static PciIds load(HostRoot root, Optional<HostRoot> fallback) {
        Optional<PciIds> found = loadUnder(root);
        if (found.isEmpty() && !root.isLive() && fallback.isPresent()) {
            found = loadUnder(fallback.get());
        }
        return found.orElse(PciIds.empty());
    }

    private static Optional<PciIds> loadUnder(HostRoot root) {
        for (String location : LOCATIONS) {
            for (String name : List.of(location, location + ".gz")) {
                Optional<PciIds> ids = read(root.resolve(name));
                if (ids.isPresent()) {
                    return ids;
                }
            }
        }
        return Optional.empty();
    }

    /** The names in {@code file}, or empty when it is missing, unreadable, too big or holds no names. */
    static Optional<PciIds> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = openMaybeGzipped(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return Optional.empty();
            }
            PciIds ids = PciIdsIndex.of(bytes);
            // An empty or garbage file should not hide a good copy at the next location.
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.withSource(file));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Decides by the gzip magic, not the name, so a mislabelled file still reads. */
    private static InputStream openMaybeGzipped(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
