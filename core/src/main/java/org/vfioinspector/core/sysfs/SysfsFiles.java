package org.vfioinspector.core.sysfs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every file-system access of one scan: the readers of this package list, open, stat and readlink only
 * through here. Each access first tells {@code heard} its path (a no-op outside tests), so a test can
 * check that a snapshot captures everything the readers look at.
 */
final class SysfsFiles {

    /** Nobody listens: the paths of names looked up in a listing are then not even made. */
    static final Consumer<Path> NOBODY = p -> { };

    private final HostRoot root;
    private final boolean trusted;
    private final Consumer<Path> heard;
    private final boolean listening;
    /** {@code sys/devices} below the root, as a path and as the string function directories start with. */
    private final Path devices;
    private final String devicesText;
    private final String rootText;

    SysfsFiles(HostRoot root, Consumer<Path> heard) {
        this.root = root;
        this.trusted = root.noSpecialFiles();
        this.heard = heard;
        this.listening = heard != NOBODY;
        this.devices = root.resolve(SysfsNames.DEVICES);
        this.devicesText = devices.toString();
        this.rootText = root.path().toString();
    }

    HostRoot root() {
        return root;
    }

    /** A path below the root (no access). */
    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** A sysfs attribute as text in one read (see {@link AttributeFile}); empty when missing or unreadable. */
    Optional<String> attributeText(Path file) {
        heard.accept(file);
        return AttributeFile.readText(file, trusted);
    }

    /** Up to {@code max} bytes of a sysfs attribute such as {@code config}. */
    Optional<byte[]> attributeBytes(Path file, int max) {
        heard.accept(file);
        return AttributeFile.readBytes(file, max, trusted);
    }

    /** A small text file read to its end (procfs, slot attributes): {@link HostRoot#readText}. */
    Optional<String> text(Path file) {
        heard.accept(file);
        return HostRoot.readText(file);
    }

    Optional<Path> readLink(Path link) {
        heard.accept(link);
        return HostRoot.readLink(link);
    }

    /** The last path element a link points to ({@code driver} → {@code nvme}); empty when not a link. */
    Optional<String> linkName(Path link) {
        return readLink(link).map(Path::getFileName).map(Path::toString);
    }

    /** The entries of a directory as paths, sorted; empty when missing (links to directories are followed). */
    List<Path> list(Path dir) {
        heard.accept(dir);
        return HostRoot.list(dir);
    }

    /** Directory entry names, or null when the directory is gone. One listing replaces a stat per attribute. */
    Set<String> names(Path dir) {
        String[] list = rawNames(dir);
        return list == null ? null : new HashSet<>(Arrays.asList(list));
    }

    /**
     * Entry names of a directory, sorted as {@link #list} sorts its paths; empty when missing or unreadable
     * (links to directories are followed). One readdir pass and plain strings, without a {@code stat} first.
     */
    List<String> sortedNames(Path dir) {
        String[] list = rawNames(dir);
        if (list == null) {
            return List.of();
        }
        Arrays.sort(list);
        return Arrays.asList(list);
    }

    /** The entry names, or null when {@code dir} is gone, not a directory or unreadable. */
    private String[] rawNames(Path dir) {
        heard.accept(dir);
        // java.io's list: one native opendir/readdir/closedir and plain strings, where a DirectoryStream
        // adds dup/fcntl calls and a Path per entry (a function directory has ~30 entries)
        try {
            return dir.toFile().list();
        } catch (SecurityException e) {
            return null;
        }
    }

    /** True for a directory, following links. */
    boolean isDirectory(Path p) {
        heard.accept(p);
        return Files.isDirectory(p);
    }

    /** True for a directory that is not a link. */
    boolean isRealDirectory(Path p) {
        heard.accept(p);
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** True when the path exists, without following a final link. */
    boolean exists(Path p) {
        heard.accept(p);
        return HostRoot.exists(p);
    }

    /** A name looked up in a directory listing already read: what the listing shows about it is used too. */
    void consulted(Path dir, String name) {
        if (listening) {
            heard.accept(dir.resolve(name));
        }
    }

    /**
     * Where a function directory lies: below {@code sys/devices} when it does (as the kernel's device path
     * reads), else below the root. Compared as strings, because a scan asks this of every function and the
     * directories are normalised absolute paths (no {@code .} or {@code ..}, no doubled or trailing slash).
     */
    String sysfsPath(Path dir) {
        String d = dir.toString();
        String below = below(devicesText, d);
        if (below == null) {
            below = below(rootText, d);
        }
        return below != null ? below
                : dir.startsWith(devices) ? devices.relativize(dir).toString() : root.path().relativize(dir).toString();
    }

    /** {@code path} relative to {@code base} (both normalised absolute), or null when it is not below it. */
    static String below(String base, String path) {
        if (base.equals("/")) {
            return path.startsWith("/") ? path.substring(1) : null;
        }
        if (path.equals(base)) {
            return "";
        }
        return path.startsWith(base) && path.length() > base.length() && path.charAt(base.length()) == '/'
                ? path.substring(base.length() + 1) : null;
    }
}
