package org.vfioinspector.core.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.commons.io.file.PathUtils;
import org.vfioinspector.core.snapshot.CaptureNames;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.snapshot.SnapshotResult;
import org.vfioinspector.core.snapshot.SnapshotWriter;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * Captures a remote host over the user's own OpenSSH, with nothing installed there: a POSIX sh script
 * ({@code capture.sh}, coreutils and tar only) goes to {@code ssh … -- HOST sh -s -- ROOT} on standard input,
 * reads the same whitelists the local snapshot writer reads and sends them back as a gzip-compressed tar.
 *
 * <p>What comes back is treated exactly like an untrusted snapshot: it is unpacked with {@link SnapshotReader}
 * (every entry checked, {@link Limits}), then captured again with {@link SnapshotWriter} from the unpacked tree, so
 * the result is this tool's snapshot format with only whitelisted names in it, whatever the remote sent. What the
 * remote user could not read is simply missing (64 bytes of config space without root, other users' open files),
 * and the readers take missing as unknown.
 *
 * <p>ssh runs with {@code BatchMode=yes}: no password or host-key prompt ever appears, and a failure is one line
 * ({@link RemoteCaptureException.Problem}).
 */
public final class RemoteCapture {

    /** Most bytes accepted from the remote host: the snapshot's own limit on content. */
    static final long MAX_RECEIVED = Limits.DEFAULT.maxTotalBytes();
    private static final int STDERR_KEPT = 16 * 1024;
    private static final String SCRIPT_ERROR = "vfio-inspector-capture: error: ";

    private RemoteCapture() {
    }

    /** The script sent to the remote sh: the whitelists, then {@code capture.sh}. */
    public static String script() {
        try (InputStream in = RemoteCapture.class.getResourceAsStream("capture.sh")) {
            if (in == null) {
                throw new IllegalStateException("capture.sh is missing from the build");
            }
            return "#!/bin/sh\n" + CaptureNames.shellAssignments() + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line run locally: the ssh command, its options, {@code --}, the destination, the remote command. */
    public static List<String> command(RemoteHost host, RemoteOptions options) {
        List<String> c = new ArrayList<>(options.ssh());
        long connect = Math.max(1, Math.min(options.timeout().toSeconds(), 30));
        c.addAll(List.of("-T", "-x", "-o", "BatchMode=yes", "-o", "ConnectTimeout=" + connect,
                "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=2"));
        if (host.port() != 0) {
            c.addAll(List.of("-p", Integer.toString(host.port())));
        }
        c.add("--");
        c.add(host.destination());
        // ssh joins these words with spaces for the remote shell: the root is quoted, the rest are fixed words
        c.add((options.sudo() ? "sudo -n " : "") + "sh -s -- " + quote(options.captureRoot()));
        return c;
    }

    /**
     * Captures {@code host} into a snapshot archive in a new private temporary directory.
     *
     * @param progress told the bytes received so far, from another thread, now and then
     * @throws RemoteCaptureException with one line for the user
     */
    public static RemoteSnapshot capture(RemoteHost host, RemoteOptions options, LongConsumer progress)
            throws RemoteCaptureException {
        Path dir;
        try {
            dir = Files.createTempDirectory("vfio-inspector-remote-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RemoteCaptureException(RemoteCaptureException.Problem.LOCAL_IO,
                    "cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            Path received = dir.resolve("received.tar.gz");
            long bytes = receive(host, options, received, progress);
            Path tree = dir.resolve("tree");
            try {
                SnapshotReader.unpack(received, tree, Limits.DEFAULT);
            } catch (SnapshotException e) {
                throw new RemoteCaptureException(RemoteCaptureException.Problem.REFUSED,
                        host + " sent a capture that was refused: " + e.getMessage(), e);
            }
            Path archive = dir.resolve(fileName(host));
            String description = RemoteSnapshot.describe(host, options.sudo());
            SnapshotResult r;
            try (HostRoot source = HostRoot.temporary(tree, description, () -> deleteQuietly(tree))) {
                r = new SnapshotWriter(options.toolVersion()).write(source, archive);
            } catch (IOException e) {
                throw new RemoteCaptureException(RemoteCaptureException.Problem.LOCAL_IO,
                        "cannot write the snapshot of " + host + ": " + e.getMessage(), e);
            }
            Files.deleteIfExists(received);
            List<String> notes = new ArrayList<>(r.notes());
            if (!options.sudo()) {
                notes.add(0, "captured as the remote user, without --sudo: config space past its first 64 bytes"
                        + " and other users' open files (VFIO holders) may be unreadable, and are unknown then");
            }
            SnapshotResult withNotes = new SnapshotResult(r.archive(), r.files(), r.links(), r.directories(),
                    r.bytes(), r.skipped(), notes);
            return new RemoteSnapshot(host, options.sudo(), archive, withNotes, bytes, () -> deleteQuietly(dir));
        } catch (RemoteCaptureException e) {
            deleteQuietly(dir);
            throw e;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw new RemoteCaptureException(RemoteCaptureException.Problem.LOCAL_IO,
                    "capture of " + host + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs ssh, writes what it prints to {@code out}; returns the byte count or throws the failure. */
    private static long receive(RemoteHost host, RemoteOptions options, Path out, LongConsumer progress)
            throws RemoteCaptureException, IOException {
        List<String> command = command(host, options);
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new RemoteCaptureException(RemoteCaptureException.Problem.NO_SSH,
                    "cannot run " + command.get(0) + ": " + e.getMessage()
                            + (System.getenv(SshCommand.ENV) != null ? " (from " + SshCommand.ENV + ")" : ""), e);
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        StderrTail stderr = new StderrTail(p.getErrorStream());
        Copy copy = new Copy(p.getInputStream(), out, progress);
        Thread errThread = daemon(stderr, "ssh-stderr");
        Thread outThread = daemon(copy, "ssh-stdout");
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(script().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // ssh ended before reading the script: its exit status and message tell why
            }
            boolean ended = p.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
            if (ended) {
                outThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
            }
            if (!ended || outThread.isAlive()) {
                kill(p);
                throw new RemoteCaptureException(RemoteCaptureException.Problem.TIMEOUT, "the capture of " + host
                        + " did not finish within " + options.timeout().toSeconds() + " s (--timeout)");
            }
            errThread.join(2000);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new RemoteCaptureException(RemoteCaptureException.Problem.FAILED, "the capture of " + host
                    + " was interrupted");
        }
        if (copy.tooMuch) {
            throw new RemoteCaptureException(RemoteCaptureException.Problem.REFUSED, host + " sent more than "
                    + (MAX_RECEIVED >> 20) + " MiB; a snapshot is never that large");
        }
        if (copy.failure != null) {
            throw copy.failure;
        }
        int exit = p.exitValue();
        if (exit != 0) {
            throw failure(host, options, exit, stderr.text());
        }
        return copy.count;
    }

    /** The one line for a failed ssh or capture, from its exit status and what it printed on standard error. */
    static RemoteCaptureException failure(RemoteHost host, RemoteOptions options, int exit, String stderr) {
        String err = stderr.toLowerCase(Locale.ROOT);
        for (String line : stderr.split("\n")) {
            int at = line.indexOf(SCRIPT_ERROR);
            if (at >= 0) {
                String rest = line.substring(at + SCRIPT_ERROR.length());
                int colon = rest.indexOf(": ");
                String kind = colon < 0 ? "" : rest.substring(0, colon);
                String text = colon < 0 ? rest : rest.substring(colon + 2);
                RemoteCaptureException.Problem problem = switch (kind) {
                    case "not-linux" -> RemoteCaptureException.Problem.NOT_LINUX;
                    case "no-sys" -> RemoteCaptureException.Problem.NO_SYS;
                    default -> RemoteCaptureException.Problem.FAILED;
                };
                return new RemoteCaptureException(problem, host + ": " + clean(text));
            }
        }
        RemoteCaptureException.Problem problem;
        String what;
        if (err.contains("could not resolve hostname") || err.contains("name or service not known")) {
            problem = RemoteCaptureException.Problem.UNREACHABLE;
            what = "the name " + host.host() + " does not resolve";
        } else if (err.contains("connection refused")) {
            problem = RemoteCaptureException.Problem.UNREACHABLE;
            what = "connection refused (is sshd running, on that port?)";
        } else if (err.contains("no route to host") || err.contains("network is unreachable")) {
            problem = RemoteCaptureException.Problem.UNREACHABLE;
            what = "no route to the host";
        } else if (err.contains("timed out")) {
            problem = RemoteCaptureException.Problem.UNREACHABLE;
            what = "the connection timed out";
        } else if (err.contains("identification has changed")) {
            problem = RemoteCaptureException.Problem.HOST_KEY;
            what = "its host key CHANGED since it was recorded in known_hosts; check why before removing the old key";
        } else if (err.contains("host key verification failed") || err.contains("no ") && err.contains("host key is known")) {
            problem = RemoteCaptureException.Problem.HOST_KEY;
            what = "its host key is not known; connect once with ssh " + host.destination()
                    + " to check and accept it";
        } else if (err.contains("permission denied")) {
            problem = RemoteCaptureException.Problem.AUTH_REFUSED;
            what = "authentication refused (no key or agent identity was accepted; passwords are not asked)";
        } else if (options.sudo() && (err.contains("sudo: a password is required")
                || err.contains("sudo: a terminal is required") || err.contains("is not in the sudoers")
                || err.contains("not allowed to execute"))) {
            problem = RemoteCaptureException.Problem.SUDO;
            what = "sudo -n needs a password there (or is not allowed); run without --sudo, or allow it without one";
        } else if (options.sudo() && err.contains("sudo") && err.contains("not found")) {
            problem = RemoteCaptureException.Problem.SUDO;
            what = "sudo is not installed there";
        } else if (exit == 255) {
            problem = RemoteCaptureException.Problem.FAILED;
            what = "ssh failed: " + lastLine(stderr);
        } else {
            problem = RemoteCaptureException.Problem.FAILED;
            what = "the capture failed (exit status " + exit + ")" + (stderr.isBlank() ? "" : ": " + lastLine(stderr));
        }
        return new RemoteCaptureException(problem, "cannot capture " + host + ": " + what);
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return clean(lines[lines.length - 1]);
    }

    /** One line, no control characters, at most 200 characters: the remote's text is not to be trusted. */
    private static String clean(String s) {
        String c = s.replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", " ").strip();
        return c.length() > 200 ? c.substring(0, 200) + "…" : c;
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String fileName(RemoteHost host) {
        return host.host().replaceAll("[^A-Za-z0-9_.-]", "_") + ".tar.gz";
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void deleteQuietly(Path p) {
        try {
            PathUtils.delete(p);
        } catch (IOException | RuntimeException e) {
            // best effort: a private temporary directory left behind
        }
    }

    /** Copies ssh's standard output into the file, counting, and stops past {@link #MAX_RECEIVED}. */
    private static final class Copy implements Runnable {
        private final InputStream in;
        private final Path out;
        private final LongConsumer progress;
        volatile long count;
        volatile boolean tooMuch;
        volatile RemoteCaptureException failure;

        Copy(InputStream in, Path out, LongConsumer progress) {
            this.in = in;
            this.out = out;
            this.progress = progress;
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            long lastReport = 0;
            try (in; OutputStream o = Files.newOutputStream(out)) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    if (count + n > MAX_RECEIVED) {
                        tooMuch = true;
                        return;
                    }
                    o.write(buf, 0, n);
                    count += n;
                    if (count - lastReport >= 256 * 1024) {
                        lastReport = count;
                        progress.accept(count);
                    }
                }
                progress.accept(count);
            } catch (IOException e) {
                failure = new RemoteCaptureException(RemoteCaptureException.Problem.LOCAL_IO,
                        "cannot keep what the remote host sent: " + e.getMessage(), e);
            }
        }
    }

    /** Keeps the last {@link #STDERR_KEPT} characters of ssh's standard error. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    synchronized (text) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > STDERR_KEPT) {
                            text.delete(0, text.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
