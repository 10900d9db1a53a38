package org.vfioinspector.core.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops decompression past a fixed number of bytes, so that a small archive that expands to
 * gigabytes of headers or padding is refused while being read.
 */
final class CappedInputStream extends FilterInputStream {
    private final long max;
    private final Limits limits;
    private long count;

    CappedInputStream(InputStream in, long max, Limits limits) {
        super(in);
        this.max = max;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // read instead of skip so every byte is counted
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int got = read(buf, 0, buf.length);
        return Math.max(got, 0);
    }

    private void add(int n) throws SnapshotException {
        count += n;
        if (count > max) {
            throw new SnapshotException("archive expands to more than " + Limits.size(max)
                    + "; a snapshot holds at most " + Limits.size(limits.maxTotalBytes()) + " of data");
        }
    }
}
