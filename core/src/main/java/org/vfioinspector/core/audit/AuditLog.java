package org.vfioinspector.core.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;

/**
 * The audit log: one JSON object per line ({@code audit.jsonl}), appended by the process that resets, binds or
 * restores, as the user it acts as (root), and forced to disk before that process goes on. Nothing rewrites or
 * truncates the file. For this host it lives in {@code /var/log/vfio-inspector} (directory 0750, file 0640, both
 * owned by root, group {@code adm} when there is one, so administrators can read it without root); for a test tree
 * given with {@code --root DIR}, in {@code DIR/var/log/vfio-inspector}.
 *
 * <p>Appending refuses a log that others could have written: a directory or file that is a symbolic link, is
 * not owned by the acting user, or is writable by its group or by anyone. Reading is tolerant: a line that is
 * not a record (corrupt, cut short, hostile, longer than {@value #MAX_LINE} bytes) is skipped and counted.
 */
public final class AuditLog {

    public static final String FILE = "audit.jsonl";
    /** Where this host's log lives. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/var/log/vfio-inspector");
    /**
     * A system property naming another directory for this host's log: for tests only, which must never touch
     * {@code /var/log} (the build sets it for every test run).
     */
    public static final String DIRECTORY_PROPERTY = "vfio.inspector.audit.dir";
    /** Where the log of a {@code --root} tree lives, inside the tree. */
    public static final String TREE_DIRECTORY = "var/log/vfio-inspector";
    /** A longer line is not a record (the longest real one is a few kilobytes). */
    public static final int MAX_LINE = 64 * 1024;
    private static final int MAX_NOTES = 20;

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");

    private final Path directory;
    private final Path file;
    private final Sync sync;

    /** Forces an appended line to the disk; tests replace it to see when it runs and to make it fail. */
    interface Sync {
        Sync FORCE = ch -> ch.force(true);

        void force(FileChannel ch) throws IOException;
    }

    public AuditLog(Path directory) {
        this(directory, Sync.FORCE);
    }

    AuditLog(Path directory, Sync sync) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.file = directory.resolve(FILE);
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    /** The log of the host a command acts on: this host's, or the one inside a {@code --root} tree. */
    public static AuditLog forHost(HostRoot root) {
        return new AuditLog(root.isLive() ? systemDirectory() : root.resolve(TREE_DIRECTORY));
    }

    /** {@link #SYSTEM_DIRECTORY}, unless a test named another with {@link #DIRECTORY_PROPERTY}. */
    public static Path systemDirectory() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        return override == null || override.isBlank() ? SYSTEM_DIRECTORY : Path.of(override);
    }

    /** A record as the log's JSON line (without the newline), for documents that show records as written. */
    public static String line(AuditRecord record) {
        return AuditMapper.line(record);
    }

    public Path file() {
        return file;
    }

    /** The parsed log: its records in file order, how many lines were not records, and a note per such line. */
    public record Contents(List<AuditRecord> records, int skipped, List<String> notes) {
        public Contents {
            records = List.copyOf(records);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Appends one record as a line and forces it to disk, creating the directory and the file with the log's
     * modes when missing.
     *
     * @throws IOException when the log cannot be written or could have been written by someone else
     */
    public void append(AuditRecord record) throws IOException {
        byte[] line = (AuditMapper.line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        int me = ProcessIdentity.effectiveUid();
        prepareDirectory(me);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        boolean created = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE))) {
            requireOwnedAndClosed(file, me, false);
            if (created) {
                shareWithAdministrators(file, me);
            }
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            sync.force(ch);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IOException(file + " is a symbolic link; the audit log must be a plain file");
            }
            throw e;
        }
        if (created) {
            syncDirectory();
        }
    }

    /**
     * Reads the log; a file known not to exist is an empty log. A log whose existence cannot be seen (a directory
     * the reader may not search) is an error, never an empty history.
     */
    public Contents read() throws IOException {
        if (Files.notExists(file)) {
            return new Contents(List.of(), 0, List.of());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return parse(in);
        }
    }

    /** The records of a log, line by line, never holding more than {@link #MAX_LINE} bytes of one line. */
    static Contents parse(InputStream in) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int skipped = 0;
        int n = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean more = true;
        while (more) {
            int b = in.read();
            if (b != '\n' && b != -1) {
                if (line.size() < MAX_LINE) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
                continue;
            }
            more = b != -1;
            n++;
            // a malformed UTF-8 sequence becomes U+FFFD, and the line then fails to parse or keeps the mark
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!tooLong && text.isBlank()) {
                continue;
            }
            var r = tooLong ? java.util.Optional.<AuditRecord>empty() : AuditMapper.parse(text);
            if (r.isPresent()) {
                records.add(r.get());
            } else {
                skipped++;
                if (notes.size() < MAX_NOTES) {
                    notes.add("audit line " + n + (tooLong ? " is longer than " + MAX_LINE + " bytes" : " is not a record")
                            + "; skipped");
                }
            }
            tooLong = false;
        }
        if (skipped > notes.size()) {
            notes.add("… and " + (skipped - notes.size()) + " more lines skipped");
        }
        return new Contents(records, skipped, notes);
    }

    private void prepareDirectory(int me) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                shareWithAdministrators(directory, me);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile: checked below like any other
            }
        }
        requireOwnedAndClosed(directory, me, true);
    }

    /** Refuses a path that is a link, of the wrong type, not the acting user's, or writable by others. */
    private static void requireOwnedAndClosed(Path p, int me, boolean directory) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            throw new IOException(p + " is a symbolic link; the audit log must be a plain " + (directory ? "directory" : "file"));
        }
        if (directory ? !a.isDirectory() : !a.isRegularFile()) {
            throw new IOException(p + " is not a " + (directory ? "directory" : "plain file"));
        }
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != me) {
            throw new IOException(p + " belongs to uid " + owner + ", not to uid " + me + " that writes the audit log");
        }
        Set<PosixFilePermission> m = a.permissions();
        if (m.contains(PosixFilePermission.GROUP_WRITE) || m.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(p + " is writable by others (mode " + PosixFilePermissions.toString(m)
                    + "); records in it could be forged");
        }
    }

    /** Root's log gets the group {@code adm} (Debian's readers of /var/log) when the system has one. */
    private static void shareWithAdministrators(Path p, int me) {
        if (me != 0) {
            return;
        }
        try {
            var adm = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("adm");
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(adm);
        } catch (IOException | UnsupportedOperationException e) {
            // no such group: the log stays root's alone
        }
    }

    /** Makes a new file's directory entry durable too. */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the record itself is on disk
        }
    }
}
