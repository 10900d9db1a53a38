package org.vfioinspector.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfioinspector.core.real.RealFixtures;

/**
 * The JSON of the viewing commands is byte for byte (key order included) what it was when captured into
 * {@code golden/} before the documents became typed records: lab scripts parse it. The fixture root's
 * path is written as {@code $ROOT} in the captured files.
 */
class JsonGoldenTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                demo("demo-tree", "tree"),
                demo("demo-groups", "groups"),
                demo("demo-show-gpu", "show", "04:00.0"),
                demo("demo-show-nic", "show", "01:00.0"),
                demo("demo-show-port", "show", "0000:03:08.0"),
                demo("demo-show-vf", "show", "0001:01:02.2"),
                demo("demo-blast-held", "blast", "04:00.0"),
                demo("demo-blast-rootbus", "blast", "00:14.0"),
                demo("demo-blast-ready", "blast", "0001:01:02.2"),
                demo("demo-blast-hot", "blast", "0001:01:02.2", "--reset", "hot"),
                demo("demo-blast-nvme", "blast", "0000:02:00.0"),
                fixture("q35-tree", "q35", "tree"),
                fixture("q35-groups", "q35", "groups"),
                fixture("q35-blast", "q35", "blast", "01:00.0"),
                fixture("q35-initial-tree", "q35-initial", "tree"),
                fixture("q35-initial-blast", "q35-initial", "blast", "01:00.0"),
                fixture("hwloc-tree", "hwloc", "tree"),
                fixture("hwloc-groups", "hwloc", "groups"),
                fixture("hwloc-blast-unknown", "hwloc", "blast", "0000:02:00.0"),
                fixture("thinkpad-tree", "thinkpad", "tree"),
                fixture("thinkpad-groups", "thinkpad", "groups"),
                fixture("thinkpad-show", "thinkpad", "show", "0000:00:02.0"),
                fixture("thinkpad-blast", "thinkpad", "blast", "0000:00:02.0"));
    }

    private static Arguments demo(String name, String... command) {
        return Arguments.of(name, "demo", List.of(command));
    }

    private static Arguments fixture(String name, String host, String... command) {
        return Arguments.of(name, host, List.of(command));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theJsonIsByteForByteTheCapturedOne(String name, String host, List<String> command) throws IOException {
        Path root = root(host);
        List<String> args = new ArrayList<>(root == null ? List.of("--demo") : List.of("--root", root.toString()));
        args.addAll(command);
        args.add("--json");
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        String actual = "exit " + r.code() + "\n" + (root == null ? r.out() : r.out().replace(root.toString(), "$ROOT"));
        if (Boolean.getBoolean("golden.update")) {
            // -Dgolden.update=true rewrites the captured files from today's output: review the diff before committing
            Files.writeString(Path.of("src/test/resources/golden/" + name + ".json"), actual);
        }
        assertThat(actual).as(name).isEqualTo(golden(name));
    }

    private static Path root(String host) throws IOException {
        Path p = dir.resolve(host);
        return switch (host) {
            case "demo" -> null;
            case "q35" -> Files.isDirectory(p) ? p : RealFixtures.qemuQ35(dir, false);
            case "q35-initial" -> Files.isDirectory(p) ? p : RealFixtures.qemuQ35(dir, true);
            case "hwloc" -> Files.isDirectory(p) ? p.resolve("32em64t-2n8c+1mic") : RealFixtures.hwlocServer(dir);
            case "thinkpad" -> Files.isDirectory(p) ? p : RealFixtures.thinkpad(dir);
            default -> throw new IllegalArgumentException(host);
        };
    }

    static String golden(String name) throws IOException {
        try (InputStream in = JsonGoldenTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("captured /golden/" + name + ".json").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
