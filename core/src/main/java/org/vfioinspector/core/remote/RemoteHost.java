package org.vfioinspector.core.remote;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host to inspect over ssh, as the user wrote it: {@code [user@]HOST[:PORT]}, an IPv6 address in brackets
 * ({@code [fe80::1]:2222}). Validated strictly, so that it can only ever be ssh's destination: no leading
 * {@code -}, no spaces, quotes or other shell characters, a port from 1 to 65535.
 *
 * @param user user name, or null for ssh's own choice (the user's config, or the local name)
 * @param host host name, IPv4 address or IPv6 address (without brackets)
 * @param port port, or 0 for ssh's own choice
 */
public record RemoteHost(String user, String host, int port) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern SPEC = Pattern.compile(
            "(?:([^@]*)@)?(?:\\[([^\\]]*)\\]|([^:\\[\\]]*))(?::([0-9]{1,5}))?");

    public RemoteHost {
        Objects.requireNonNull(host, "host");
        if (user != null && !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a valid user name: " + printable(user));
        }
        boolean v6 = host.contains(":");
        if (v6 ? !IPV6.matcher(host).matches() : !NAME.matcher(host).matches() || host.contains("..")) {
            throw new IllegalArgumentException("not a valid host name or address: " + printable(host));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a valid port: " + port);
        }
    }

    /**
     * Parses {@code [user@]HOST[:PORT]}.
     *
     * @throws IllegalArgumentException with a message for the user naming what is wrong
     */
    public static RemoteHost parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new IllegalArgumentException("the host is empty; expected [user@]HOST[:PORT]");
        }
        if (spec.startsWith("-")) {
            throw new IllegalArgumentException("a host cannot start with '-': " + printable(spec));
        }
        if (spec.length() > 300 || !spec.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("not a host: " + printable(spec)
                    + " (expected [user@]HOST[:PORT], no spaces or control characters)");
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a host: " + printable(spec)
                    + " (expected [user@]HOST[:PORT]; an IPv6 address goes in brackets: [fe80::1]:22)");
        }
        String user = m.group(1);
        String host = m.group(2) != null ? m.group(2) : m.group(3);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host name in " + printable(spec));
        }
        if (m.group(3) != null && host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets: [" + host + "]");
        }
        if (m.group(2) != null && !host.contains(":")) {
            throw new IllegalArgumentException("only an IPv6 address goes in brackets: " + printable(spec));
        }
        int port = 0;
        if (m.group(4) != null) {
            port = Integer.parseInt(m.group(4));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a valid port: " + m.group(4) + " (1 to 65535)");
            }
        }
        if (user != null && user.isEmpty()) {
            throw new IllegalArgumentException("empty user name in " + printable(spec));
        }
        return new RemoteHost(user, host, port);
    }

    public Optional<String> userName() {
        return Optional.ofNullable(user);
    }

    public OptionalInt portNumber() {
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** What ssh takes after {@code --}: {@code user@host} or {@code host} (an IPv6 address without brackets). */
    public String destination() {
        return user == null ? host : user + "@" + host;
    }

    /** The host as the user writes it on the command line ({@code root@[fe80::1]:2222}). */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port == 0 ? "" : ":" + port);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().limit(80).forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return "'" + b + (s.length() > 80 ? "…" : "") + "'";
    }
}
