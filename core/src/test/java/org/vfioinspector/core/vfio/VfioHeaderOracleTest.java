package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.jna.Structure.FieldOrder;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.vfio.VfioStructs.VfioStruct;

/**
 * Layer 2 of the tests: compiles a C program against this machine's {@code <linux/vfio.h>} and
 * compares every ioctl number, flag, struct size and field offset with the Java side. The list of
 * names comes from the Java classes (every public constant of {@link Vfio}, every field of every
 * struct), so nothing added there escapes the check.
 *
 * <p>Without gcc or the header this test fails, unless {@code VFIO_ORACLE_OPTIONAL=1} is set. A second run compiles
 * against the 6.12 uapi headers of Debian's {@code linux-source-6.12} (the cdev path and {@code <linux/iommufd.h>}),
 * where nothing may be missing.
 */
class VfioHeaderOracleTest {

    /** Constants of the current uapi that older headers (Linux 6.1) do not have yet. */
    private static final Set<String> NEWER_UAPI_CONSTANTS = Set.of(
            "VFIO_PCI_HOT_RESET_FLAG_DEV_ID", "VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED",
            "VFIO_PCI_DEVID_OWNED", "VFIO_PCI_DEVID_NOT_OWNED",
            "VFIO_DEVICE_BIND_IOMMUFD", "VFIO_DEVICE_ATTACH_IOMMUFD_PT", "VFIO_DEVICE_DETACH_IOMMUFD_PT",
            "IOMMUFD_TYPE", "IOMMUFD_CMD_BASE", "IOMMUFD_CMD_DESTROY", "IOMMUFD_CMD_IOAS_ALLOC", "IOMMU_DESTROY",
            "IOMMU_IOAS_ALLOC");

    /** {@code <linux/iommufd.h>} names that are enum values, not macros: printed when the header is there. */
    private static final Set<String> ENUM_CONSTANTS = Set.of("IOMMUFD_CMD_BASE", "IOMMUFD_CMD_DESTROY",
            "IOMMUFD_CMD_IOAS_ALLOC");

    /** Structs of the cdev uapi (6.6+) and iommufd, each printed only where the header defines the given macro. */
    private static final Map<String, String> NEWER_UAPI_STRUCTS = Map.of(
            "vfio_device_bind_iommufd", "VFIO_DEVICE_BIND_IOMMUFD",
            "vfio_device_attach_iommufd_pt", "VFIO_DEVICE_ATTACH_IOMMUFD_PT",
            "iommu_ioas_alloc", "IOMMU_IOAS_ALLOC");

    /**
     * The 6.12 uapi headers: Debian 12's own {@code <linux/vfio.h>} is 6.1's, without the cdev uapi, and it has no
     * {@code <linux/iommufd.h>}; package {@code linux-source-6.12} (6.12.118-1~deb12u1) carries both.
     */
    static final Path LINUX_SOURCE_612 = Path.of("/usr/src/linux-source-6.12.tar.xz");

    /** Where the headers taken from {@link #LINUX_SOURCE_612} are kept between runs (unpacking reads 150 MB of xz). */
    static final Path UAPI_612 = Path.of("target/uapi-6.12/include");

    /** The include directory given to gcc ahead of the system's (null: the system's headers alone). */
    private Path includeDir;
    /** Every Java constant and struct must be in the header (the 6.12 run). */
    private boolean strict;

    /** Struct members of the current uapi that older headers lack: struct → member. */
    private static final Map<String, String> NEWER_UAPI_MEMBERS = Map.of(
            "vfio_device_info", "pad",
            "vfio_pci_dependent_device", "devid");

    @TempDir
    Path dir;

    @Test
    void javaConstantsStructSizesAndOffsetsMatchTheKernelHeader() throws Exception {
        requireHeader();
        check();
    }

    /**
     * The same comparison against the 6.12 uapi headers of {@code linux-source-6.12}, where every constant and struct
     * of the cdev path and iommufd must be present. Without the package it says so and skips, except under CI=1.
     */
    @Test
    void cdevAndIommufdUapiMatchTheLinux612Headers() throws Exception {
        requireHeader();
        includeDir = uapi612();
        strict = true;
        assertThat(compiles("#include <linux/vfio.h>\n#include <linux/iommufd.h>\n"
                + "int main(void){return VFIO_DEVICE_BIND_IOMMUFD == 0;}\n"))
                .as("the 6.12 headers in " + includeDir + " have the cdev uapi; gcc said:\n" + lastCompilerOutput).isTrue();
        check();
    }

    /** The extracted 6.12 headers, unpacking them on first use. */
    private static Path uapi612() throws Exception {
        Path linux = UAPI_612.resolve("linux");
        if (Files.isRegularFile(linux.resolve("vfio.h")) && Files.isRegularFile(linux.resolve("iommufd.h"))) {
            return UAPI_612.toAbsolutePath();
        }
        if (!Files.isRegularFile(LINUX_SOURCE_612)) {
            String why = LINUX_SOURCE_612 + " is missing: apt-get install --no-install-recommends "
                    + "linux-source-6.12=6.12.118-1~deb12u1 (the 6.12 uapi headers with the vfio cdev and iommufd)";
            if ("1".equals(System.getenv("CI"))) {
                fail("VFIO header oracle (6.12) cannot run under CI: " + why);
            }
            Assumptions.abort("VFIO header oracle (6.12) skipped: " + why);
        }
        Path tmp = Files.createDirectories(UAPI_612.getParent()).resolve("unpack");
        Files.createDirectories(tmp);
        List<String> members = new ArrayList<>();
        for (String h : List.of("vfio.h", "iommufd.h")) { // what they include comes from the system (linux-libc-dev)
            members.add("linux-source-6.12/include/uapi/linux/" + h);
        }
        List<String> tar = new ArrayList<>(List.of("tar", "-xJf", LINUX_SOURCE_612.toString(), "-C", tmp.toString()));
        tar.addAll(members);
        Result r = run(tar);
        assertThat(r.exitCode).as("tar said: " + r.output).isZero();
        Files.createDirectories(linux);
        for (String m : members) {
            Path from = tmp.resolve(m);
            // what the kernel's scripts/headers_install.sh does to a uapi header: drop the sparse annotations
            String text = Files.readString(from, StandardCharsets.UTF_8)
                    .replaceAll("([\\s(])(__user|__force|__iomem)\\s", "$1");
            Files.writeString(linux.resolve(from.getFileName()), text, StandardCharsets.UTF_8);
            Files.delete(from);
        }
        return UAPI_612.toAbsolutePath();
    }

    private void check() throws Exception {
        Map<String, String> optionalMembers = new TreeMap<>();
        for (Map.Entry<String, String> m : NEWER_UAPI_MEMBERS.entrySet()) {
            if (compiles("#include <stddef.h>\n#include <linux/vfio.h>\nint main(void){return (int)offsetof(struct "
                    + m.getKey() + ", " + m.getValue() + ");}\n")) {
                optionalMembers.put(m.getKey(), m.getValue());
            }
        }
        Map<String, Long> header = runOracle(optionalMembers);
        assertThat(header).as("oracle output").containsKey("VFIO_GET_API_VERSION");

        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Long> c : javaConstants().entrySet()) {
            if (header.containsKey(c.getKey())) {
                soft.assertThat(c.getValue()).as(c.getKey()).isEqualTo(header.get(c.getKey()));
            } else if (strict) {
                soft.fail(c.getKey() + " missing from the 6.12 <linux/vfio.h>/<linux/iommufd.h>");
            } else {
                soft.assertThat(NEWER_UAPI_CONSTANTS).as(c.getKey() + " missing from <linux/vfio.h>")
                        .contains(c.getKey());
            }
        }
        for (VfioStruct s : javaStructs()) {
            String name = s.getClass().getSimpleName();
            if (!header.containsKey("sizeof." + name)) {
                if (strict || !NEWER_UAPI_STRUCTS.containsKey(name)) {
                    soft.fail("struct " + name + " missing from the header");
                }
                continue;
            }
            boolean headerIsShorter = false;
            for (String field : fieldOrder(s)) {
                String key = "offsetof." + name + "." + field;
                if (header.containsKey(key)) {
                    soft.assertThat((long) s.offsetOf(field)).as(key).isEqualTo(header.get(key));
                } else {
                    // a trailing member newer than this header: the header's struct must end where it starts
                    headerIsShorter = true;
                    soft.assertThat(field).as(key + " missing from <linux/vfio.h>")
                            .isEqualTo(NEWER_UAPI_MEMBERS.get(name));
                    soft.assertThat((long) s.offsetOf(field)).as("sizeof " + name + " in this older header")
                            .isEqualTo(header.get("sizeof." + name));
                }
            }
            if (!headerIsShorter) {
                soft.assertThat((long) s.size()).as("sizeof " + name).isEqualTo(header.get("sizeof." + name));
            }
        }
        if (header.containsKey("offsetof.vfio_pci_dependent_device.devid")) {
            soft.assertThat(header.get("offsetof.vfio_pci_dependent_device.devid")).as("devid shares group_id's storage")
                    .isEqualTo((long) new VfioStructs.vfio_pci_dependent_device().offsetOf("group_id"));
        }
        soft.assertThat((long) HotResetInfoCodec.HEADER_SIZE).as("offsetof vfio_pci_hot_reset_info.devices")
                .isEqualTo(header.get("offsetof.vfio_pci_hot_reset_info.devices"));
        soft.assertThat((long) HotResetInfoCodec.DEVICE_SIZE).as("sizeof devices[0]")
                .isEqualTo(header.get("elemsize.vfio_pci_hot_reset_info.devices"));
        soft.assertThat((long) HotResetRequestCodec.HEADER_SIZE).as("offsetof vfio_pci_hot_reset.group_fds")
                .isEqualTo(header.get("offsetof.vfio_pci_hot_reset.group_fds"));
        soft.assertThat((long) HotResetRequestCodec.FD_SIZE).as("sizeof group_fds[0]")
                .isEqualTo(header.get("elemsize.vfio_pci_hot_reset.group_fds"));
        for (Map.Entry<Integer, String> e : Errno.NAMES.entrySet()) {
            soft.assertThat((long) e.getKey()).as(e.getValue()).isEqualTo(header.get(e.getValue()));
        }
        soft.assertThat((long) Libc.O_RDONLY).as("O_RDONLY").isEqualTo(header.get("O_RDONLY"));
        soft.assertThat((long) Libc.O_RDWR).as("O_RDWR").isEqualTo(header.get("O_RDWR"));
        soft.assertThat((long) Libc.O_CLOEXEC).as("O_CLOEXEC").isEqualTo(header.get("O_CLOEXEC"));
        soft.assertAll();
    }

    private Map<String, Long> runOracle(Map<String, String> optionalMembers) throws Exception {
        // the cdev structs are checked as the header has them, not through NEWER_UAPI_MEMBERS
        StringBuilder c = new StringBuilder("""
                #include <stdio.h>
                #include <stddef.h>
                #include <errno.h>
                #include <fcntl.h>
                #include <linux/vfio.h>
                #if __has_include(<linux/iommufd.h>)
                #include <linux/iommufd.h>
                #endif
                #define P(name) printf("%s=%lld\\n", #name, (long long)(name))
                #define S(t) printf("sizeof.%s=%zu\\n", #t, sizeof(struct t))
                #define O(t, f) printf("offsetof.%s.%s=%zu\\n", #t, #f, offsetof(struct t, f))
                #define E(t, f) printf("elemsize.%s.%s=%zu\\n", #t, #f, sizeof(((struct t *)0)->f[0]))
                int main(void) {
                """);
        for (String name : javaConstants().keySet()) {
            c.append("#ifdef ").append(ENUM_CONSTANTS.contains(name) ? "IOMMUFD_TYPE" : name).append("\n  P(").append(name)
                    .append(");\n#endif\n");
        }
        for (VfioStruct s : javaStructs()) {
            String name = s.getClass().getSimpleName();
            String guard = NEWER_UAPI_STRUCTS.get(name);
            c.append(guard == null ? "" : "#ifdef " + guard + "\n").append("  S(").append(name).append(");\n");
            for (String field : fieldOrder(s)) {
                if (!field.equals(NEWER_UAPI_MEMBERS.get(name)) || field.equals(optionalMembers.get(name))) {
                    c.append("  O(").append(name).append(", ").append(field).append(");\n");
                }
            }
            c.append(guard == null ? "" : "#endif\n");
        }
        if (optionalMembers.containsKey("vfio_pci_dependent_device")) {
            c.append("  O(vfio_pci_dependent_device, devid);\n");
        }
        c.append("  O(vfio_pci_hot_reset_info, devices);\n  E(vfio_pci_hot_reset_info, devices);\n");
        c.append("  O(vfio_pci_hot_reset, group_fds);\n  E(vfio_pci_hot_reset, group_fds);\n");
        for (String errno : Errno.NAMES.values()) {
            c.append("  P(").append(errno).append(");\n");
        }
        c.append("  P(O_RDONLY);\n  P(O_RDWR);\n  P(O_CLOEXEC);\n  return 0;\n}\n");

        Path exe = compile("oracle", c.toString());
        if (exe == null) {
            fail("the oracle program did not compile against <linux/vfio.h>; gcc said:\n" + lastCompilerOutput);
        }
        Result run = run(List.of(exe.toString()));
        assertThat(run.exitCode).as("oracle exit code, output:\n" + run.output).isZero();
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : run.output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
            }
        }
        return values;
    }

    /** Every public static constant of {@link Vfio}, widened to long; names are header macro names. */
    private static Map<String, Long> javaConstants() throws IllegalAccessException {
        Map<String, Long> constants = new TreeMap<>();
        for (Field f : Vfio.class.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)) {
                constants.put(f.getName(), ((Number) f.get(null)).longValue());
            }
        }
        return constants;
    }

    private static List<VfioStruct> javaStructs() throws ReflectiveOperationException {
        List<VfioStruct> structs = new ArrayList<>();
        for (Class<?> k : VfioStructs.class.getDeclaredClasses()) {
            if (VfioStruct.class.isAssignableFrom(k) && !Modifier.isAbstract(k.getModifiers())) {
                structs.add((VfioStruct) k.getConstructor().newInstance());
            }
        }
        assertThat(structs).as("structs found by reflection").hasSizeGreaterThanOrEqualTo(5);
        return structs;
    }

    private static List<String> fieldOrder(VfioStruct s) {
        return Arrays.asList(s.getClass().getAnnotation(FieldOrder.class).value());
    }

    private void requireHeader() throws Exception {
        boolean gcc;
        try {
            gcc = run(List.of("gcc", "--version")).exitCode == 0;
        } catch (IOException e) {
            gcc = false;
        }
        if (!gcc) {
            missing("gcc is not installed");
        }
        if (!compiles("#include <linux/vfio.h>\nint main(void){return 0;}\n")) {
            missing("<linux/vfio.h> is missing (package linux-libc-dev); gcc said:\n" + lastCompilerOutput);
        }
    }

    private static void missing(String why) {
        if ("1".equals(System.getenv("VFIO_ORACLE_OPTIONAL"))) {
            Assumptions.abort("VFIO header oracle skipped (VFIO_ORACLE_OPTIONAL=1): " + why);
        }
        fail("VFIO header oracle cannot run: " + why
                + ". Install gcc and linux-libc-dev, or set VFIO_ORACLE_OPTIONAL=1 to skip this test.");
    }

    private String lastCompilerOutput = "";
    private int programs;

    private boolean compiles(String source) throws Exception {
        return compile("probe", source) != null;
    }

    private Path compile(String name, String source) throws Exception {
        String base = name + (programs++);
        Path src = dir.resolve(base + ".c");
        Path exe = dir.resolve(base);
        Files.writeString(src, source, StandardCharsets.UTF_8);
        List<String> gcc = new ArrayList<>(List.of("gcc", "-std=gnu11"));
        if (includeDir != null) {
            gcc.addAll(List.of("-I", includeDir.toString()));
        }
        gcc.addAll(List.of("-o", exe.toString(), src.toString()));
        Result r = run(gcc);
        lastCompilerOutput = r.output;
        return r.exitCode == 0 ? exe : null;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out);
    }
}
