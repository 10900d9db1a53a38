package org.vfioinspector.core.vfio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;

import org.vfioinspector.core.health.KernelLog;

/**
 * This machine's kernel log through {@code /dev/kmsg}, opened non-blocking so that reading stops at the newest
 * record (EAGAIN) instead of waiting for the next one. Needs root (or {@code dmesg_restrict=0}); when it cannot be
 * opened the log is unknown, never empty. Only ever used on the live host as root: tests inject a {@link KernelLog}.
 */
public final class Kmsg implements KernelLog {

    private static final String PATH = "/dev/kmsg";
    /** A record is at most this long (the kernel's CONSOLE_EXT_LOG_MAX is 8192). */
    private static final int RECORD = 8192;
    /** Stops a log that keeps growing while it is read (counts every read, EPIPE included). */
    private static final int MAX_RECORDS = 200_000;
    /** {@code EPIPE}: records were overwritten before this reader got to them; reading goes on with the oldest left. */
    private static final int EPIPE = 32;

    @Override
    public OptionalLong position() {
        return read().map(l -> l.isEmpty() ? OptionalLong.of(-1) : OptionalLong.of(l.get(l.size() - 1).sequence()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public Optional<List<Entry>> since(long position) {
        return read().map(l -> l.stream().filter(e -> e.sequence() > position).toList());
    }

    private static Optional<List<Entry>> read() {
        int fd;
        try {
            fd = Libc.INSTANCE.open(PATH, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        byte[] buf = new byte[RECORD];
        try {
            for (int reads = 0; reads < MAX_RECORDS; reads++) {
                long n;
                try {
                    n = Libc.INSTANCE.read(fd, buf, new NativeLong(buf.length)).longValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EPIPE) {
                        continue;
                    }
                    if (e.getErrorCode() == Errno.EAGAIN) {
                        break;
                    }
                    return Optional.empty();
                }
                if (n <= 0) {
                    break;
                }
                KernelLog.parse(new String(buf, 0, (int) n, StandardCharsets.UTF_8)).ifPresent(out::add);
            }
        } finally {
            try {
                Libc.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // a close of a read-only fd that fails loses nothing
            }
        }
        return Optional.of(out);
    }
}
