package org.vfioinspector.app.priv;

import java.io.PrintStream;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.vfioinspector.app.report.CliDocument;
import org.vfioinspector.app.report.ProgressLine;

/**
 * The {@code vfio-inspector} command line, run in this process: what {@link InProcessRunner} runs. The CLI
 * package provides it as a service ({@code META-INF/services}), so that this package, which the window
 * uses, does not depend on the CLI package.
 */
public interface InProcessCommands {

    /**
     * What a command run in this process gave: its exit code and the {@code --json} document it built, handed
     * over as it is instead of printed.
     */
    record Result(int exitCode, Optional<CliDocument> document) {
    }

    /**
     * Runs the command {@code args} as {@code vfio-inspector} would, acting on the host through
     * {@code access}; its {@code --progress --json} lines go to {@code progress}, anything else it prints to
     * {@code out} and {@code err}.
     */
    Result run(String[] args, PrintStream out, PrintStream err, HostAccess access, Consumer<ProgressLine> progress);

    /** The command line on the class path. */
    static InProcessCommands provided() {
        return ServiceLoader.load(InProcessCommands.class, InProcessCommands.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the vfio-inspector command line is not on the class path"));
    }
}
