package org.vfioinspector.app.priv;

import java.io.PrintStream;
import java.util.ServiceLoader;

/**
 * The {@code vfio-inspector} command line, run in this process: what {@link InProcessRunner} runs. The CLI
 * package provides it as a service ({@code META-INF/services}), so that this package, which the window
 * uses, does not depend on the CLI package.
 */
public interface InProcessCommands {

    /**
     * Runs the command {@code args} as {@code vfio-inspector} would, acting on the host through
     * {@code access}; returns its exit code.
     */
    int run(String[] args, PrintStream out, PrintStream err, HostAccess access);

    /** The command line on the class path. */
    static InProcessCommands provided() {
        return ServiceLoader.load(InProcessCommands.class, InProcessCommands.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the vfio-inspector command line is not on the class path"));
    }
}
