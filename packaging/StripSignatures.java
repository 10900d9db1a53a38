import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes the code-signing files (META-INF/*.SF, *.RSA, *.DSA, *.EC) from the jars named on the command
 * line, in place; every other entry is copied as it is. For a signed jar the JVM checks a digest of every
 * class it loads from it and an RSA signature per jar, which cost ~0.2 s of a 2-CPU machine's start while
 * the graph was laid out by the signed Eclipse jars (ELK, EMF, Xtext; BENCHMARKS.md). None of today's jars
 * is signed, so this leaves them as they are; it stays so that a signed dependency cannot slow the start. The application is installed from its own package,
 * whose integrity dpkg checks, so the signatures add nothing there.
 *
 * <p>Run with the JDK's source launcher: {@code java packaging/StripSignatures.java (JAR | DIR)...}; a
 * directory stands for the jars in it. With {@code --verbose} first, prints one line per jar it changed
 * (the package build logs them; {@code mvn -q package} stays quiet). A jar without signatures is left
 * untouched (so running it twice changes nothing).
 */
public class StripSignatures {

    static boolean verbose;

    public static void main(String[] args) throws IOException {
        for (String a : args) {
            if (a.equals("--verbose")) {
                verbose = true;
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (var jars = Files.list(p)) {
                    for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        strip(jar);
                    }
                }
            } else {
                strip(p);
            }
        }
    }

    static void strip(Path jar) throws IOException {
        {
            int removed = 0;
            Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".strip-", ".jar");
            try (ZipFile in = new ZipFile(jar.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    if (isSignature(entry.getName())) {
                        removed++;
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            if (removed > 0) {
                // a temporary file is created 0600: give the copy the jar's own mode, or a user other than
                // the one who built the package cannot read it
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
                if (verbose) {
                    System.out.println("unsigned " + jar.getFileName() + " (" + removed + " signature file(s))");
                }
            } else {
                Files.delete(tmp);
            }
        }
    }

    static boolean isSignature(String name) {
        if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC");
    }
}
