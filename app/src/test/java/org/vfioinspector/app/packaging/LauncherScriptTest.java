package org.vfioinspector.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/launcher.sh, the package's bin/vfio-inspector, run on an image laid out as jpackage lays it
 * out, with a stand-in {@code lib/runtime/bin/java} that prints what it was started with.
 */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("..", "packaging", "launcher.sh").toAbsolutePath().normalize();

    @TempDir
    Path image;

    private Path launcher;

    @BeforeEach
    void image() throws IOException {
        launcher = image.resolve("bin/vfio-inspector");
        Files.createDirectories(launcher.getParent());
        Files.copy(SCRIPT, launcher);
        executable(launcher);
        Path java = image.resolve("lib/runtime/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n"
                + "printf 'GDK_GL=%s\\n' \"${GDK_GL-unset}\"\n");
        executable(java);
        Path app = image.resolve("lib/app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("vfio-inspector.cfg"), String.join("\n",
                "[Application]",
                "app.classpath=$APPDIR/vfio-inspector.jar",
                "app.mainclass=org.vfioinspector.app.Main",
                "app.classpath=$APPDIR/picocli-4.7.7.jar",
                "",
                "[JavaOptions]",
                "java-options=-XX:SharedArchiveFile=$APPDIR/vfio-inspector.jsa",
                "java-options=-Djna.boot.library.path=$APPDIR",
                "java-options=-XX:+UseSerialGC")); // no newline at the end: the last line still counts
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, List<String> args, String gdkGl, String out) {
    }

    private Run run(Path command, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("GDK_GL");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> argv = out.lines().filter(l -> l.startsWith("arg:")).map(l -> l.substring(4)).toList();
        String gdk = out.lines().filter(l -> l.startsWith("GDK_GL=")).map(l -> l.substring(7)).findFirst().orElse("");
        return new Run(p.exitValue(), argv, gdk, out);
    }

    /** As the script decides: a machine without GPU device nodes goes straight to software rendering. */
    private static boolean noGpuNodes() {
        File[] dri = new File("/dev/dri").listFiles();
        File[] dev = new File("/dev").listFiles((d, n) -> n.startsWith("nvidia"));
        return (dri == null || dri.length == 0) && (dev == null || dev.length == 0);
    }

    @Test
    void startsTheRuntimesJavaWithTheCfgsClassPathOptionsAndTheUsersArguments() throws Exception {
        Run r = run(launcher, Map.of(), "--root", "/tmp/a dir with spaces", "tree");
        String appdir = image.toRealPath().resolve("lib/app").toString();

        assertThat(r.exit()).as(r.out()).isZero();
        List<String> a = r.args();
        int cp = a.indexOf("-cp");
        assertThat(cp).as(r.out()).isPositive();
        assertThat(a.get(cp + 1)).isEqualTo(appdir + "/vfio-inspector.jar:" + appdir + "/picocli-4.7.7.jar");
        assertThat(a.get(cp + 2)).isEqualTo("org.vfioinspector.app.Main");
        assertThat(a.subList(cp + 3, a.size())).containsExactly("--root", "/tmp/a dir with spaces", "tree");
        assertThat(a.subList(0, cp)).contains("-XX:SharedArchiveFile=" + appdir + "/vfio-inspector.jsa",
                "-Djna.boot.library.path=" + appdir, "-XX:+UseSerialGC",
                "-Djpackage.app-path=" + image.toRealPath().resolve("bin/vfio-inspector"));
        // the unrelocated CDS mapping is for unprivileged users only
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(a.contains("-XX:ArchiveRelocationMode=0")).isEqualTo(!root);
        assertThat(a.contains("-Dprism.order=sw")).isEqualTo(noGpuNodes());
        assertThat(r.gdkGl()).isEqualTo(noGpuNodes() ? "disable" : "unset");
    }

    @Test
    void followsTheSymlinkOnThePathToFindItsImage() throws Exception {
        Path link = Files.createSymbolicLink(image.resolve("vfio-inspector-link"), launcher);
        Run r = run(link, Map.of(), "--version");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.args()).contains("-Djpackage.app-path=" + image.toRealPath().resolve("bin/vfio-inspector"))
                .endsWith("org.vfioinspector.app.Main", "--version");
    }

    @Test
    void theUsersOwnRenderingChoicesWin() throws Exception {
        Run r = run(launcher, Map.of("JAVA_TOOL_OPTIONS", "-Dprism.order=es2", "GDK_GL", "always"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.args()).doesNotContain("-Dprism.order=sw");
        assertThat(r.gdkGl()).isEqualTo("always");
    }

    @Test
    void anUnprivilegedUserMapsTheClassDataArchiveUnrelocated() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && new File("/usr/bin/setpriv").canExecute(), "needs root and setpriv to become another user");
        // the image must be readable for nobody: JUnit makes its temporary directory private (only that one
        // directory is opened up; the temporary directory it lives in is world-readable already)
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path asNobody = Files.writeString(image.resolve("as-nobody.sh"),
                "#!/bin/sh\nexec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " + launcher + " \"$@\"\n");
        executable(asNobody);
        Run r = run(asNobody, Map.of(), "--version");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.args()).contains("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    @Test
    void anIncompleteInstallationSaysSoInsteadOfStartingSomething() throws Exception {
        Files.delete(image.resolve("lib/app/vfio-inspector.cfg"));
        Run r = run(launcher, Map.of(), "tree");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("the installation is incomplete").contains("reinstall the package");
        assertThat(r.args()).isEmpty();
    }
}
