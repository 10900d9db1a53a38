package org.vfioinspector.core.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A tar reader that refuses oversized metadata and notices a missing end.
 *
 * <p>Commons Compress reads PAX extended headers and GNU long names into memory whole; their size
 * comes from the archive, so a hostile one could claim hundreds of megabytes. Every header record
 * passes through {@link #readRecord()}, so that is where the claimed size is checked. And a tar
 * stream that simply stops, without the two zero records that end an archive, is reported instead
 * of being taken for a complete archive.
 *
 * <p>Commons Compress also drops the leading slash of a name that comes from a PAX {@code path}
 * record or a GNU long name. That would be harmless (the entry lands inside the target), but an
 * absolute name is refused everywhere else, so the metadata is watched as it is read and the same
 * refusal applies here.
 */
final class GuardedTarInputStream extends TarArchiveInputStream {

    /** Largest PAX header or GNU long name accepted; real ones are a path or two. */
    static final int MAX_METADATA = 64 * 1024;

    private static final int TYPE_OFFSET = 156;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int LINK_OFFSET = 157;
    private static final int MAGIC_OFFSET = 257;
    private static final int PREFIX_OFFSET = 345;

    /** The tar data ended between entries without the end-of-archive records. */
    static final class MissingEnd extends IOException {
        private static final long serialVersionUID = 1L;

        MissingEnd() {
            super("tar data ends without the end-of-archive marker");
        }
    }

    /** A PAX record {@code "NN path=/..."}, at the start of the data or after a newline. */
    private static final Pattern ABSOLUTE_PAX_PATH = Pattern.compile("(?:^|\n)\\d+ path=/");

    private final ByteArrayOutputStream paxData = new ByteArrayOutputStream();
    private final ByteArrayOutputStream longName = new ByteArrayOutputStream();
    /** getNextEntry calls itself after a PAX header or long name; only the outermost call checks. */
    private int depth;

    GuardedTarInputStream(InputStream in) {
        super(in, "UTF-8");
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        if (depth == 0) {
            paxData.reset();
            longName.reset();
        }
        TarArchiveEntry entry;
        depth++;
        try {
            entry = super.getNextEntry();
        } finally {
            depth--;
        }
        if (depth == 0 && entry != null && hadAbsoluteName()) {
            throw new SnapshotException("archive entry has an absolute path: /"
                    + EntryRules.printable(entry.getName()));
        }
        return entry;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        TarArchiveEntry current = getCurrentEntry();
        if (n > 0 && current != null) {
            // bounded: readRecord refused any such header over MAX_METADATA
            if (current.isPaxHeader()) {
                paxData.write(buf, off, n);
            } else if (current.isGNULongNameEntry()) {
                longName.write(buf, off, n);
            }
        }
        return n;
    }

    private boolean hadAbsoluteName() {
        String pax = paxData.toString(StandardCharsets.ISO_8859_1);
        String gnu = longName.toString(StandardCharsets.ISO_8859_1);
        return ABSOLUTE_PAX_PATH.matcher(pax).find() || gnu.startsWith("/");
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record == null) {
            if (!isAtEOF()) {
                throw new MissingEnd();
            }
            return null;
        }
        checkUtf8(record);
        byte type = record[TYPE_OFFSET];
        if (type == 'x' || type == 'g' || type == 'X' || type == 'L' || type == 'K') {
            long size;
            try {
                size = TarUtils.parseOctalOrBinary(record, SIZE_OFFSET, SIZE_LENGTH);
            } catch (IllegalArgumentException e) {
                throw new IOException("an extended tar header has an unreadable size", e);
            }
            if (size < 0 || size > MAX_METADATA) {
                throw new SnapshotException("archive has an extended header of " + size
                        + " bytes; at most " + Limits.size(MAX_METADATA) + " is accepted");
            }
        }
        return record;
    }

    /**
     * Refuses a header whose name or link name bytes are not UTF-8. Commons Compress would quietly
     * decode them as Latin-1 instead, so the file would be unpacked under a name the archive never
     * had; sysfs names are ASCII, so such bytes only come from damage or a crafted archive.
     */
    private static void checkUtf8(byte[] record) throws SnapshotException {
        boolean ustar = new String(record, MAGIC_OFFSET, 5, StandardCharsets.ISO_8859_1).equals("ustar");
        int[][] fields = ustar ? new int[][] {{0, 100}, {LINK_OFFSET, 100}, {PREFIX_OFFSET, 155}}
                : new int[][] {{0, 100}, {LINK_OFFSET, 100}};
        for (int[] f : fields) {
            int len = 0;
            while (len < f[1] && record[f[0] + len] != 0) {
                len++;
            }
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(record, f[0], len));
            } catch (CharacterCodingException e) {
                throw new SnapshotException("archive entry name is not valid UTF-8: " + escaped(record, f[0], len));
            }
        }
    }

    /** The raw bytes for a message: printable ASCII as is, anything else as {@code \xNN}. */
    private static String escaped(byte[] b, int off, int len) {
        StringBuilder out = new StringBuilder();
        for (int i = off; i < off + Math.min(len, 160); i++) {
            int c = b[i] & 0xff;
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.toString();
    }
}
