package org.vfioinspector.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vfioinspector.app.report.ExitCodes;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;

import picocli.CommandLine.Option;

/**
 * What the commands that change the host share: the {@code --state-dir} option, the refusal to act
 * on the demo or a snapshot, and argument parsing that validates every address before anything is
 * written. A {@code --root DIR} is allowed: writes then go only to files that already exist under DIR
 * (the tests and the lab use that).
 */
final class HostWrites {

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the bind journal lives (default: /var/lib/vfio-inspector as root, "
                    + "else $XDG_STATE_HOME/vfio-inspector; with --root DIR, DIR/var/lib/vfio-inspector).")
    Path stateDir;

    /** Refuses the demo and snapshots: there is nothing there to bind or reset. */
    static void requireWritableHost(Cli cli) {
        if (cli.demo) {
            throw new CliException(ExitCodes.USAGE, "--demo is read-only: bind, restore and reset act on a live host "
                    + "(the window's reset wizard walks the demo to the end as a simulation)");
        }
        if (cli.root != null && Files.isRegularFile(cli.root)) {
            throw new CliException(ExitCodes.USAGE, cli.root + " is a snapshot, which is read-only: bind, restore "
                    + "and reset act on a live host");
        }
    }

    /**
     * The journal of the host acted on: {@code --state-dir}, else this machine's state directory for the live
     * host, else one inside the {@code --root} tree. A journal about a tree never lands in this machine's state
     * directory, where a later {@code restore} of the live host would act on its addresses here.
     */
    BindJournal journal(HostRoot root) {
        if (stateDir != null) {
            return new BindJournal(stateDir);
        }
        return new BindJournal(root.isLive() ? defaultStateDir() : root.resolve(TREE_STATE_DIR));
    }

    /** Where the journal of a {@code --root} tree goes without {@code --state-dir}: inside the tree. */
    static final String TREE_STATE_DIR = "var/lib/vfio-inspector";

    static Path defaultStateDir() {
        if (ProcessIdentity.isRoot()) {
            return Path.of("/var/lib/vfio-inspector");
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("vfio-inspector");
    }

    /**
     * {@code 0000:01:00.0,0000:01:00.1}: every item a BDF, none empty, none twice. A malformed list is a
     * usage error (exit 2) before anything else happens.
     */
    static List<PciAddress> parseConfirmed(String text) {
        if (text == null || text.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--confirm needs the affected set, e.g. --confirm 0000:01:00.0,0000:01:00.1");
        }
        List<PciAddress> out = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "--confirm has an empty item: '" + printable(text) + "'");
            }
            PciAddress a = Addresses.parse(item);
            if (out.contains(a)) {
                throw new CliException(ExitCodes.USAGE, "--confirm names " + a + " twice");
            }
            out.add(a);
        }
        return out;
    }

    static String printable(String s) {
        return s.codePoints().limit(80).collect(StringBuilder::new,
                (b, c) -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c), StringBuilder::append).toString();
    }
}
