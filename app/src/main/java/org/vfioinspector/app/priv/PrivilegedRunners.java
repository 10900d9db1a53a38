package org.vfioinspector.app.priv;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.vfio.ProcessIdentity;

/** Picks the {@link PrivilegedRunner} for a host: in-process as root, pkexec, or a command to run by hand. */
public final class PrivilegedRunners {

    private PrivilegedRunners() {
    }

    /**
     * Only the live host gets a runner that acts: a snapshot, the demo or a directory is read-only here,
     * so the user is shown the command to run on the real machine instead, commented out and saying where
     * (the window's demo runs a simulation instead: {@link SimulatedRunner}).
     */
    public static PrivilegedRunner choose(HostRoot root) {
        if (!root.isLive()) {
            return ManualRunner.elsewhere("This window shows " + root.description() + ", not the live host: nothing can "
                    + "be reset from here.", root.description());
        }
        Launcher launcher = Launcher.locate();
        if (ProcessIdentity.isRoot()) {
            return new InProcessRunner();
        }
        return findPkexec().<PrivilegedRunner>map(p -> new PkexecRunner(p, launcher))
                .orElseGet(() -> new ManualRunner("pkexec is not installed (package polkitd/pkexec), so the "
                        + "wizard cannot ask for root.", launcher));
    }

    /** pkexec on the PATH, or in /usr/bin. */
    public static Optional<Path> findPkexec() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.startsWith("/")) {
                    Path p = Path.of(dir, "pkexec");
                    if (Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        Path usr = Path.of("/usr/bin/pkexec");
        return Files.isExecutable(usr) ? Optional.of(usr) : Optional.empty();
    }
}
