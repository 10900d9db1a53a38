package org.vfioinspector.core.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for one test, started by the test: {@code /usr/sbin/sshd -D -e -f <temp config>} on
 * 127.0.0.1 and a free port, with a host key and a client key made now, keys accepted from a file in the test's
 * directory. The system's sshd and /etc/ssh are never touched. {@link #sshCommand} is the client side
 * ({@code ssh -F <temp config>}: that client key, known_hosts in the test's directory, strict host key checking).
 */
public final class TestSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private Process process;

    /** Why sshd tests cannot run here, or null when they can (sshd installed, running as root). */
    public static String unavailable() {
        if (!Files.isExecutable(SSHD)) {
            return "skipped: /usr/sbin/sshd is not installed (apt-get install openssh-server)";
        }
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return "skipped: sshd tests start their own sshd, which needs root";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "skipped: cannot tell whether this runs as root: " + e;
        }
        return null;
    }

    private TestSshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts sshd accepting the client key with the given authorized_keys options ({@code command="…"},
     * {@code environment="…"}; empty for none).
     */
    public static TestSshd start(Path dir, String keyOptions) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path run = Path.of("/run/sshd"); // sshd's privilege separation directory, which the package expects
        if (!Files.isDirectory(run)) {
            Files.createDirectories(run);
        }
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TestSshd sshd = new TestSshd(dir, port);
        sshd.authorize(keyOptions, dir.resolve("client_key.pub"));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "PermitUserEnvironment yes",
                "LogLevel ERROR",
                ""));
        Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host *",
                "  IdentityFile " + dir.resolve("client_key"),
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  UserKnownHostsFile " + dir.resolve("known_hosts"),
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  LogLevel ERROR",
                ""));
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(dir.resolve("host_key.pub")));
        sshd.process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        sshd.awaitListening();
        return sshd;
    }

    /** Replaces the accepted keys: {@code key}'s public half, with {@code options}. */
    public void authorize(String options, Path publicKey) throws IOException {
        String line = (options.isEmpty() ? "" : options + " ") + Files.readString(publicKey).strip() + "\n";
        Files.writeString(dir.resolve("authorized_keys"), line);
    }

    static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vfio-inspector-test",
                "-f", key.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed for " + key);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        throw new IOException("sshd did not listen on " + port + " within 5 s");
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** {@code user@127.0.0.1:PORT}. */
    public RemoteHost host(String user) {
        return RemoteHost.parse(user + "@127.0.0.1:" + port);
    }

    /** The client: {@code ssh -F <this server's client config>}. */
    public List<String> sshCommand() {
        return new ArrayList<>(List.of("ssh", "-F", dir.resolve("ssh_config").toString()));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
