package org.vfioinspector.app.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vfioinspector.core.remote.RemoteHost;

/**
 * The hosts last opened over ssh, newest first: host specs only ({@code user@lab1:2222}), one a line, in
 * {@code $XDG_CONFIG_HOME/vfio-inspector/recent-hosts} ({@code ~/.config/...}). Nothing secret is stored; a line
 * that is not a valid host is skipped. Reading or writing it never fails the caller.
 */
public final class RecentHosts {

    /** Most hosts remembered. */
    static final int MAX = 10;

    private final Path file;

    public RecentHosts(Path file) {
        this.file = file;
    }

    /** The user's own list, in the XDG config directory. */
    public static RecentHosts forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new RecentHosts(base.resolve("vfio-inspector").resolve("recent-hosts"));
    }

    /** The remembered hosts, newest first; empty when there are none or the file cannot be read. */
    public List<RemoteHost> list() {
        List<RemoteHost> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    RemoteHost h = RemoteHost.parse(line.strip());
                    if (!out.contains(h) && out.size() < MAX) {
                        out.add(h);
                    }
                } catch (IllegalArgumentException e) {
                    // not a host: skipped
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** Puts {@code host} first (best effort: a list that cannot be written is only not remembered). */
    public void remember(RemoteHost host) {
        List<RemoteHost> hosts = list();
        hosts.remove(host);
        hosts.add(0, host);
        StringBuilder b = new StringBuilder();
        hosts.stream().limit(MAX).forEach(h -> b.append(h).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".recent-hosts", ".part");
            try {
                Files.writeString(temp, b.toString(), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered
        }
    }
}
