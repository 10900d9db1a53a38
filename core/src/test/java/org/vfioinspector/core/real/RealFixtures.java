package org.vfioinspector.core.real;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Unpacks the real captured sysfs trees from test resources (fixtures/NOTICE.md) into host roots. */
public final class RealFixtures {

    private RealFixtures() {
    }

    /** The QEMU lab guest with most endpoints on vfio-pci; {@code initial} = at boot, host drivers bound. */
    public static Path qemuQ35(Path dir, boolean initial) throws IOException {
        Path root = dir.resolve(initial ? "q35-initial" : "q35");
        untar("/fixtures/qemu-q35/qemu-q35-sysfs" + (initial ? "-initial" : "") + ".tar.gz", root, "xzf");
        // the capture keeps cmdline and uname beside sys/; put them where a host root has them
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/cmdline"), Files.readString(root.resolve("cmdline.txt")));
        String uname = Files.readString(root.resolve("uname.txt")).strip();
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), uname.split("\\s+")[2] + "\n");
        return root;
    }

    /** The two-socket Xeon server from hwloc's tests (64-byte configs, no IOMMU groups). */
    public static Path hwlocServer(Path dir) throws IOException {
        Path root = dir.resolve("hwloc");
        untar("/fixtures/real/32em64t-2n8c+dax+nvme+mic+dimms.tar.bz2", root, "xjf");
        return root.resolve("32em64t-2n8c+1mic");
    }

    /** The ThinkPad X1 Carbon Gen10 from ghw's tests (group links dangle, no config files). */
    public static Path thinkpad(Path dir) throws IOException {
        Path root = dir.resolve("thinkpad");
        untar("/fixtures/real/thinkpad-x1-carbon-gen10.tar.gz", root, "xzf");
        return root;
    }

    private static void untar(String resource, Path target, String flags) throws IOException {
        Files.createDirectories(target);
        Path archive = Files.createTempFile("fixture", ".tar");
        try (InputStream in = RealFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            run(List.of("tar", flags, archive.toString(), "-C", target.toString()));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** Runs a command and returns its standard output; fails with its error output. */
    public static String run(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
        Path err = Files.createTempFile("cmd", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " failed (" + p.exitValue() + "): " + errText);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
