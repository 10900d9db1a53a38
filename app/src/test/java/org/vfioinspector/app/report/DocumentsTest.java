package org.vfioinspector.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;

/**
 * The reset, bind, restore and progress documents against the output the CLI printed before they were records
 * (captured in the resources beside this class: key order, nulls and empty lists included), and each one
 * written, read back and compared.
 */
class DocumentsTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = DocumentsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T> T read(String json, Class<T> type) throws IOException {
        return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
    }

    private static String printed(CliDocument d) {
        return Json.write(d.json()) + "\n";
    }

    private static Optional<BindDocument> bind(org.vfioinspector.core.bind.BindReport r) {
        return Optional.of(BindDocument.of(r, Reports.JOURNAL));
    }

    private static final List<Case> RESETS = List.of(
            new Case("reset.json", ResetDocument.of(Reports.reset(), bind(Reports.bound()), bind(Reports.restored()))),
            new Case("reset-dry-run.json", ResetDocument.of(Reports.dryRun(), Optional.empty(), Optional.empty())),
            new Case("reset-refused.json", ResetDocument.of(Reports.refused(), Optional.empty(), Optional.empty())),
            new Case("reset-failed.json", ResetDocument.of(Reports.failed(), Optional.empty(), Optional.empty())),
            new Case("reset-refused-at-bind.json", ResetDocument.refusedAtBind("01:00.0",
                    BindDocument.of(Reports.bindRefused(), Reports.JOURNAL))));

    private static final List<Case> BINDS = List.of(
            new Case("bind.json", BindDocument.of(Reports.bound(), Reports.JOURNAL).withOthers(List.of(
                    new BindDocument.Other("0000:01:00.2", Optional.empty(), false, Optional.empty(), "bind it to vfio-pci"),
                    new BindDocument.Other("0000:00:1c.0", Optional.of("pcieport"), true, Optional.of(true), "unbind it")))),
            new Case("bind-refused.json", BindDocument.of(Reports.bindRefused(), Reports.JOURNAL).withOthers(List.of())),
            new Case("restore.json", BindDocument.of(Reports.restored(), Reports.JOURNAL)));

    private record Case(String file, CliDocument document) {
    }

    @Test
    void everyDocumentPrintsExactlyAsBefore() throws IOException {
        for (Case c : RESETS) {
            assertThat(printed(c.document())).as(c.file()).isEqualTo(resource(c.file()));
        }
        for (Case c : BINDS) {
            assertThat(printed(c.document())).as(c.file()).isEqualTo(resource(c.file()));
        }
    }

    @Test
    void everyDocumentReadsBackAsItWasWritten() throws IOException {
        for (Case c : RESETS) {
            assertThat(read(printed(c.document()), ResetDocument.class)).as(c.file()).isEqualTo(c.document());
            assertThat(read(resource(c.file()), ResetDocument.class)).as(c.file()).isEqualTo(c.document());
        }
        for (Case c : BINDS) {
            assertThat(read(resource(c.file()), BindDocument.class)).as(c.file()).isEqualTo(c.document());
        }
    }

    @Test
    void theCapturedResetReadsAsTheRecordsSay() throws IOException {
        ResetDocument r = read(resource("reset.json"), ResetDocument.class);
        assertThat(r.outcome()).isEqualTo(ResetDocument.Outcome.RESET);
        assertThat(r.kind()).contains(ResetDocument.Kind.HOT_RESET);
        assertThat(r.predicted()).containsExactly(Reports.A, Reports.B);
        assertThat(r.kernelLines()).containsExactly("0000:01:00.0 group 7", "0000:01:00.1 group 7");
        VerificationDocument v = r.verification().orElseThrow();
        assertThat(v.verdict()).isEqualTo("lost");
        assertThat(v.functions()).extracting(VerificationDocument.Function::verdict)
                .containsExactly("came-back-degraded", "lost");
        assertThat(v.functions().get(0).aerIncrease().correctable()).hasValue(1);
        assertThat(v.functions().get(1).after().ids()).contains("ffff:ffff");
        assertThat(v.functions().get(1).kernelLog()).isEmpty();
        assertThat(v.advice()).hasValueSatisfying(a -> assertThat(a).startsWith("0000:01:00.1 did not come back"));
        assertThat(r.bind().orElseThrow().functions().get(0).driverBefore()).contains("e1000e");
        assertThat(r.restore().orElseThrow().outcome()).isEqualTo(BindDocument.Outcome.INCOMPLETE);
        assertThat(r.restore().orElseThrow().otherHostFunctions()).isEmpty();

        ResetDocument dry = read(resource("reset-dry-run.json"), ResetDocument.class);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.kernelList().get(1).group()).isEmpty();
        assertThat(dry.kernelLines()).contains("0000:01:00.1 devid -1 notOwned");
        assertThat(dry.kernelDiffers()).isTrue();

        ResetDocument refused = read(resource("reset-refused.json"), ResetDocument.class);
        assertThat(refused.refusals()).extracting(ResetDocument.Finding::code).containsExactly("NOT_ROOT", "HOST_DRIVER");
        assertThat(refused.refusals().get(0).device()).isEmpty();
        assertThat(refused.refusals().get(1).device()).contains("0000:01:00.1");

        ResetDocument failed = read(resource("reset-failed.json"), ResetDocument.class);
        assertThat(failed.kind()).contains(ResetDocument.Kind.FUNCTION_RESET);
        assertThat(failed.prediction()).isEmpty();
        assertThat(failed.error().orElseThrow().errno()).isEqualTo(OptionalInt.of(16));
        assertThat(failed.steps().get(0).detail()).isEqualTo("EBUSY: \"busy\"\nsecond line");

        ResetDocument atBind = read(resource("reset-refused-at-bind.json"), ResetDocument.class);
        assertThat(atBind.kind()).isEmpty();
        assertThat(atBind.outcome()).isEqualTo(ResetDocument.Outcome.REFUSED);
        assertThat(atBind.bind().orElseThrow().ok()).isFalse();
    }

    @Test
    void theCapturedProgressLinesPrintAndReadBackAsBefore() throws IOException {
        List<String> lines = resource("progress.jsonl").lines().toList();
        List<ProgressLine> expected = List.of(ProgressLine.phase("Binding 2 function(s) to vfio-pci (journaled)"),
                new ProgressLine(ProgressLine.Kind.STARTING, null, "open_container", "open /dev/vfio/vfio", "/dev/vfio/vfio",
                        null, null),
                new ProgressLine(ProgressLine.Kind.STARTING, null, "compare", "compare kernel list", "", null, null),
                new ProgressLine(ProgressLine.Kind.STEP, null, "get_status", "VFIO_GROUP_GET_STATUS", "/dev/vfio/7",
                        ProtocolStep.Outcome.OK, "viable"),
                new ProgressLine(ProgressLine.Kind.STEP, null, "verify", "verify functions answer", "",
                        ProtocolStep.Outcome.SKIPPED, ""),
                new ProgressLine(ProgressLine.Kind.STEP, null, "hot_reset", "VFIO_DEVICE_PCI_HOT_RESET", "0000:03:00.0",
                        ProtocolStep.Outcome.FAILED, "EBUSY: \"quoted\"\nand a newline — …"));
        assertThat(lines).hasSameSizeAs(expected);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(read(lines.get(i), ProgressLine.class)).isEqualTo(expected.get(i));
            assertThat(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(expected.get(i))).isEqualTo(lines.get(i));
        }
        assertThat(expected.get(3).describe()).isEqualTo("✔ VFIO_GROUP_GET_STATUS /dev/vfio/7: viable");
    }
}
