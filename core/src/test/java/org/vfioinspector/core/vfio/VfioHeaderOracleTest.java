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
 * <p>Without gcc or the header this test fails, unless {@code VFIO_ORACLE_OPTIONAL=1} is set.
 */
class VfioHeaderOracleTest {

    /** Constants of the current uapi that older headers (Linux 6.1) do not have yet. */
    private static final Set<String> NEWER_UAPI_CONSTANTS = Set.of(
            "VFIO_PCI_HOT_RESET_FLAG_DEV_ID", "VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED",
            "VFIO_PCI_DEVID_OWNED", "VFIO_PCI_DEVID_NOT_OWNED");

    /** Struct members of the current uapi that older headers lack: struct → member. */
    private static final Map<String, String> NEWER_UAPI_MEMBERS = Map.of(
            "vfio_device_info", "pad",
            "vfio_pci_dependent_device", "devid");

    @TempDir
    Path dir;

    @Test
    void javaConstantsStructSizesAndOffsetsMatchTheKernelHeader() throws Exception {
        requireHeader();
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
            } else {
                soft.assertThat(NEWER_UAPI_CONSTANTS).as(c.getKey() + " missing from <linux/vfio.h>")
                        .contains(c.getKey());
            }
        }
        for (VfioStruct s : javaStructs()) {
            String name = s.getClass().getSimpleName();
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
        StringBuilder c = new StringBuilder("""
                #include <stdio.h>
                #include <stddef.h>
                #include <errno.h>
                #include <fcntl.h>
                #include <linux/vfio.h>
                #define P(name) printf("%s=%lld\\n", #name, (long long)(name))
                #define S(t) printf("sizeof.%s=%zu\\n", #t, sizeof(struct t))
                #define O(t, f) printf("offsetof.%s.%s=%zu\\n", #t, #f, offsetof(struct t, f))
                #define E(t, f) printf("elemsize.%s.%s=%zu\\n", #t, #f, sizeof(((struct t *)0)->f[0]))
                int main(void) {
                """);
        for (String name : javaConstants().keySet()) {
            c.append("#ifdef ").append(name).append("\n  P(").append(name).append(");\n#endif\n");
        }
        for (VfioStruct s : javaStructs()) {
            String name = s.getClass().getSimpleName();
            c.append("  S(").append(name).append(");\n");
            for (String field : fieldOrder(s)) {
                if (!field.equals(NEWER_UAPI_MEMBERS.get(name)) || field.equals(optionalMembers.get(name))) {
                    c.append("  O(").append(name).append(", ").append(field).append(");\n");
                }
            }
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
        Result r = run(List.of("gcc", "-std=gnu11", "-o", exe.toString(), src.toString()));
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
