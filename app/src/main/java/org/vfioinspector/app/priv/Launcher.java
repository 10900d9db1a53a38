package org.vfioinspector.app.priv;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start this program's CLI in another process: the installed launcher (for which packaging
 * ships a polkit policy) when present, else {@code java -jar} on this jar.
 *
 * @param command the program and the arguments that come before the CLI's own arguments
 */
public record Launcher(List<String> command) {

    /** Where the .deb installs the launcher. */
    public static final Path INSTALLED = Path.of("/usr/lib/vfio-inspector/bin/vfio-inspector");

    public Launcher {
        command = List.copyOf(command);
        if (command.isEmpty() || !command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("a launcher must start with an absolute program path (pkexec needs one)");
        }
    }

    /** The installed launcher, else {@code java -jar <this jar>}, else this JVM on this class path. */
    public static Launcher locate() {
        if (Files.isExecutable(INSTALLED)) {
            return new Launcher(List.of(INSTALLED.toString()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = thisJar();
        if (jar != null && jar.toString().endsWith(".jar")) {
            return new Launcher(List.of(java, "-jar", jar.toString()));
        }
        // a development run from target/classes: same JVM, same class path
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.vfioinspector.app.Main"));
        return new Launcher(cmd);
    }

    private static Path thisJar() {
        try {
            var src = Launcher.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** The full command for one invocation. */
    public List<String> with(CliInvocation inv) {
        Objects.requireNonNull(inv, "inv");
        List<String> all = new ArrayList<>(command);
        all.addAll(inv.arguments());
        return all;
    }
}
