package org.vfioinspector.app.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.app.session.HostOpenException;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.compare.Side;
import org.vfioinspector.core.remote.RemoteHost;

/**
 * The sides of {@code diff}, {@code check} and {@code fleet}: a side is an existing directory (laid out like
 * {@code /}) or snapshot archive; {@code live} or {@code -} is this machine; anything else that looks like
 * {@code [user@]HOST[:PORT]} is a remote host, read over the user's own ssh ({@link #openRemote}).
 */
final class Sides {

    /** {@code [user@]host[:port]}: a user name, a DNS name or IPv4 address, an optional port. */
    private static final Pattern HOST = Pattern.compile("^([a-z_][a-z0-9_.-]*@)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$");

    /** What a side argument names. */
    enum Kind { PATH, LIVE, REMOTE }

    /** A side as given: {@code path} for a PATH, {@code host} for a REMOTE. */
    record Spec(String argument, Kind kind, Path path, String host) {

        /** The same host root as {@code other}: one path (after links) or both this machine. */
        boolean sameAs(Spec other) {
            if (kind != other.kind) {
                return false;
            }
            return switch (kind) {
                case LIVE -> true;
                case REMOTE -> host.equals(other.host);
                case PATH -> real(path).equals(real(other.path));
            };
        }

        private static Path real(Path p) {
            try {
                return p.toRealPath();
            } catch (java.io.IOException e) {
                return p.toAbsolutePath().normalize();
            }
        }
    }

    /** How remote sides are captured: {@code --sudo} and {@code --timeout}, as for {@code --host}. */
    record Remote(boolean sudo, java.time.Duration timeout) {

        /** The global options of {@code cli}. */
        static Remote of(Cli cli) {
            if (cli.timeout <= 0) {
                throw new CliException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
            }
            return new Remote(cli.sudo, java.time.Duration.ofSeconds(cli.timeout));
        }
    }

    private Sides() {
    }

    /** Reads a side argument; a name that is neither an existing path nor a host is a usage error. */
    static Spec parse(String argument) {
        if (argument.equals("live") || argument.equals("-")) {
            return new Spec(argument, Kind.LIVE, null, null);
        }
        Path p = Path.of(argument);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.exists(p)) {
            return new Spec(argument, Kind.PATH, p, null);
        }
        boolean pathLike = argument.contains("/") || argument.endsWith(".tar.gz") || argument.endsWith(".tgz")
                || argument.endsWith(".tar") || argument.endsWith(".json");
        if (!pathLike && HOST.matcher(argument).matches()) {
            return new Spec(argument, Kind.REMOTE, null, argument);
        }
        throw new CliException(ExitCodes.USAGE, "no such directory or snapshot archive: " + argument
                + " (a side is a directory, a snapshot archive, 'live' for this machine, or [user@]HOST[:PORT])");
    }

    /** Opens a side; a side that cannot be opened is a {@link CliException} with one line. */
    static Session open(Spec s, Remote remote) {
        try {
            return switch (s.kind()) {
                case LIVE -> Session.open(Session.Source.LIVE, null);
                case PATH -> Session.open(Session.Source.PATH, s.path());
                case REMOTE -> openRemote(s.host(), remote);
            };
        } catch (HostOpenException e) {
            int code = e.problem() == HostOpenException.Problem.NOT_A_HOST_ROOT ? ExitCodes.USAGE : ExitCodes.IO;
            throw new CliException(code, e.getMessage());
        }
    }

    /**
     * A remote host read over the user's own ssh, as {@code --host} reads it: a capture streamed from the host,
     * then opened like an untrusted snapshot. A spec {@link RemoteHost#parse} refuses is a usage error.
     */
    static Session openRemote(String host, Remote remote) {
        RemoteHost h;
        try {
            h = RemoteHost.parse(host);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        HostSource source;
        try {
            source = HostSource.remote(h, remote.sudo(), remote.timeout());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage()); // e.g. an unterminated quote in VFIO_INSPECTOR_SSH
        }
        return Session.open(source);
    }

    /** Reads everything a comparison needs from an opened side. */
    static Side read(Spec s, Session session) {
        try {
            return Side.of(s.argument(), session.root(), session.topology(), session.health());
        } catch (java.io.UncheckedIOException e) {
            throw new CliException(ExitCodes.IO, "cannot read " + s.argument() + ": " + e.getCause().getMessage());
        }
    }
}
