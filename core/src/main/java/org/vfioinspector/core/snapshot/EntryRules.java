package org.vfioinspector.core.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure checks on archive entry names and link targets; no file system access. Each refusal is a
 * {@link SnapshotException} whose message names the entry.
 */
final class EntryRules {

    /** What the tar reader's UTF-8 decoding puts in place of bytes that are not UTF-8. */
    private static final char NOT_UTF8 = '\uFFFD';
    /** Longest entry name or link target accepted; Linux's PATH_MAX. */
    static final int MAX_PATH = 4096;
    /** Longest single path component in bytes; Linux's NAME_MAX. */
    static final int MAX_COMPONENT = 255;
    private static final int MAX_SHOWN = 160;

    private EntryRules() {
    }

    /**
     * The components of a safe relative entry name. {@code .} components and doubled or trailing
     * slashes are dropped ({@code ./sys/} is {@code [sys]}); the result is empty for the archive root
     * itself ({@code ./}).
     *
     * @throws SnapshotException for an empty or absolute name, a {@code ..} component, a control
     *                           character, or a name too long for Linux
     */
    static List<String> components(String name) throws SnapshotException {
        if (name == null || name.isEmpty()) {
            throw new SnapshotException("archive entry has an empty name");
        }
        if (hasControl(name)) {
            throw new SnapshotException("archive entry name contains a control character: " + printable(name));
        }
        if (name.indexOf(NOT_UTF8) >= 0) {
            throw new SnapshotException("archive entry name is not valid UTF-8: " + printable(name));
        }
        if (name.length() > MAX_PATH) {
            throw new SnapshotException("archive entry name is longer than " + MAX_PATH + " characters: "
                    + printable(name));
        }
        if (name.startsWith("/")) {
            throw new SnapshotException("archive entry has an absolute path: " + printable(name));
        }
        List<String> out = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                throw new SnapshotException("archive entry leads out of the snapshot with '..': " + printable(name));
            }
            if (c.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT) {
                throw new SnapshotException("archive entry has a path component longer than " + MAX_COMPONENT
                        + " bytes: " + printable(name));
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The target to create for a symbolic link entry at {@code link} (components from
     * {@link #components}). Relative targets must stay inside the root when resolved against the
     * link's directory. Absolute targets are refused, except that a VFIO holder's fd link
     * ({@code proc/<pid>/fd/<n>}) to {@code /dev/...} is rewritten to the same path inside the root
     * ({@code ../../../dev/vfio/12}), so nothing on disk points out of the snapshot.
     *
     * @throws SnapshotException when the target is empty, has a control character, or escapes
     */
    static String linkTarget(List<String> link, String entryName, String target) throws SnapshotException {
        if (target == null || target.isEmpty()) {
            throw new SnapshotException("symbolic link " + printable(entryName) + " has an empty target");
        }
        if (hasControl(target) || target.indexOf(NOT_UTF8) >= 0 || target.length() > MAX_PATH) {
            throw new SnapshotException("symbolic link " + printable(entryName) + " has an invalid target: "
                    + printable(target));
        }
        String t = target;
        if (t.startsWith("/")) {
            if (!isHolderFd(link) || !t.startsWith("/dev/") || t.contains("/../") || t.endsWith("/..")) {
                throw new SnapshotException("symbolic link " + printable(entryName)
                        + " points to the absolute path " + printable(target));
            }
            t = "../".repeat(link.size() - 1) + t.substring(1);
        }
        if (!staysInside(link.subList(0, link.size() - 1), t)) {
            throw new SnapshotException("symbolic link " + printable(entryName) + " points outside the snapshot: "
                    + printable(target));
        }
        return t;
    }

    /** {@code proc/<digits>/fd/<name>}: where a process's open files are listed. */
    static boolean isHolderFd(List<String> link) {
        return link.size() == 4 && link.get(0).equals("proc") && !link.get(1).isEmpty()
                && link.get(1).chars().allMatch(c -> c >= '0' && c <= '9') && link.get(2).equals("fd");
    }

    /**
     * Whether {@code target}, resolved by name against directory {@code dir}, stays inside the root.
     * This is lexical; links met on the way are checked after unpacking by {@code LinkConfinement}.
     */
    static boolean staysInside(List<String> dir, String target) {
        int depth = dir.size();
        for (String c : target.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else {
                depth++;
            }
        }
        return true;
    }

    /**
     * NUL, C0 controls, DEL and C1 controls (U+009B is CSI to a UTF-8 terminal); a name with one is
     * refused, never cleaned up.
     */
    static boolean hasControl(String s) {
        return s.chars().anyMatch(EntryRules::isControl);
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }

    /** The name for a message: control characters as {@code \xNN}, long names shortened. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_SHOWN) {
            b.append('…');
        }
        return b.toString();
    }
}
