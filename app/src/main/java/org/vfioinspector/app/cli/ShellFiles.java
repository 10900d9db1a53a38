package org.vfioinspector.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the files a Debian package installs beside the program: the manual page
 * ({@code vfio-inspector.1}) and the bash completion ({@code vfio-inspector.bash}), both from the
 * same command-line model the program parses with. Run by packaging/build-deb.sh:
 * {@code java -cp … org.vfioinspector.app.cli.ShellFiles OUTDIR YYYY-MM-DD}.
 */
public final class ShellFiles {

    private ShellFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[1].matches("\\d{4}-\\d{2}-\\d{2}")) {
            System.err.println("usage: ShellFiles OUTDIR YYYY-MM-DD");
            System.exit(2);
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes both files into {@code dir}. */
    public static void write(Path dir, String date) throws IOException {
        Files.createDirectories(dir);
        CommandLine cmd = Cli.commandLine();
        Files.writeString(dir.resolve("vfio-inspector.1"), ManPage.of(cmd, date), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("vfio-inspector.bash"), AutoComplete.bash("vfio-inspector", cmd),
                StandardCharsets.UTF_8);
    }
}
