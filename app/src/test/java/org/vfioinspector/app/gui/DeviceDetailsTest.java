package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.cli.Cli;
import org.vfioinspector.app.gui.view.DetailsView;
import org.vfioinspector.app.report.DetailRow;
import org.vfioinspector.app.report.DetailSection;
import org.vfioinspector.app.report.FunctionDescriber;
import org.vfioinspector.app.report.FunctionDescription;
import org.vfioinspector.app.report.TooltipText;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/**
 * The description of a function, and {@code show}, the details panel and the graph's tooltip telling
 * the same facts from it.
 */
@ExtendWith(ApplicationExtension.class)
class DeviceDetailsTest {

    static LoadedHost demo;

    @Start
    void start(Stage stage) {
        // the FX toolkit, for the details panel
    }

    @BeforeAll
    static void load() {
        demo = LoadedHost.load(HostSource.of(Hosts.sharedDemo()));
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static List<DetailSection> of(String bdf) {
        return DeviceDetails.of(demo.topology().device(PciAddress.parse(bdf)).orElseThrow(), demo).sections();
    }

    private static List<DetailRow> rows(List<DetailSection> s, String title) {
        return s.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow().rows();
    }

    @Test
    void aGroupListsItsMembersWithDriversAndWhyTheyAreTogether() {
        List<DetailRow> g = rows(of("0000:04:00.0"), "IOMMU group");

        assertThat(g.get(0).value()).startsWith("12");
        assertThat(g).extracting(DetailRow::value).anyMatch(v -> v.startsWith("0000:04:00.1") && v.endsWith("[vfio-pci]"));
        assertThat(g).extracting(DetailRow::key).contains("Why together");
    }

    @Test
    void holdersOfTheGroupAreShown() {
        assertThat(rows(of("0000:04:00.0"), "In use by")).extracting(DetailRow::value)
                .anyMatch(v -> v.contains("qemu-system-x86") && v.contains("4242"));
    }

    @Test
    void resetMethodsAreExplained() {
        List<DetailRow> r = rows(of("0001:01:02.0"), "Reset methods");
        assertThat(r).extracting(DetailRow::key).containsExactly("flr");
        assertThat(r.get(0).value()).contains("Function Level Reset");
        assertThat(rows(of("0000:00:1f.0"), "Reset methods").get(0).value()).isEqualTo("absent");
    }

    @Test
    void acsBitsOfAPortAreShownWithTheirMeaning() {
        List<DetailRow> caps = rows(of("0000:03:08.0"), "Capabilities");
        DetailRow acs = caps.stream().filter(x -> x.key().equals("ACS")).findFirst().orElseThrow();
        assertThat(acs.value()).contains("SV+").contains("TB-").contains("RR+");
        assertThat(acs.hint()).contains("Source Validation");
        assertThat(caps).extracting(DetailRow::value).contains("isolates the functions below");
    }

    @Test
    void linkShowsCurrentAndMaximum() {
        List<DetailRow> p = rows(of("0000:08:00.0"), "Position and link");
        DetailRow link = p.stream().filter(x -> x.key().equals("Link")).findFirst().orElseThrow();
        assertThat(link.value()).startsWith("8.0 GT/s PCIe x2").contains("max 8.0 GT/s PCIe x4");
        assertThat(link.hint()).contains("below its maximum");
    }

    @Test
    void showThePanelAndTheTooltipAgreeOnTheGpu() throws Exception {
        PciDevice gpu = demo.topology().device(PciAddress.parse("0000:04:00.0")).orElseThrow();
        FunctionDescription f = DeviceDetails.of(gpu, demo);
        // the facts, from the scan itself rather than from the description
        String driver = f.row(FunctionDescriber.DRIVER).orElseThrow().value();
        String group = f.row(FunctionDescriber.GROUP).orElseThrow().value();
        String link = f.row(FunctionDescriber.LINK).orElseThrow().value();
        assertThat(driver).isEqualTo(gpu.driver().orElseThrow()).isEqualTo("vfio-pci");
        assertThat(group).startsWith("12");
        assertThat(link).startsWith(gpu.link().describeCurrent());

        String show = show("0000:04:00.0");
        String panel = panel(f);
        String tooltip = TooltipText.render(f);

        assertThat(show).startsWith(f.heading() + "\n");
        assertThat(show).containsPattern("(?m)^  Driver: +\\Q" + driver + "\\E$")
                .containsPattern("(?m)^  IOMMU group: +\\Q" + group + "\\E$")
                .containsPattern("(?m)^  Link: +\\Q" + link + "\\E$");
        assertThat(panel.lines()).containsSubsequence("Driver", driver).containsSubsequence("IOMMU group", group)
                .containsSubsequence("Link", link);
        assertThat(tooltip).startsWith(f.heading() + "\n")
                .contains("Driver: " + driver, "IOMMU group: " + group, "Link: " + link);
        // every row the panel shows is in show's text too
        for (var s : f.sections()) {
            assertThat(panel).contains(s.title());
            assertThat(show).contains(s.title()); // the first, the identity, is in the heading
            for (var r : s.rows()) {
                assertThat(panel.lines()).contains(r.key(), r.value());
                assertThat(show).contains(r.key() + ":").contains(r.value());
            }
        }
    }

    private static String show(String bdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"--demo", "show", bdf}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String panel(FunctionDescription f) throws Exception {
        AtomicReference<String> text = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            DetailsView v = new DetailsView();
            v.show(f.sections());
            text.set(v.text());
        }).get();
        return text.get();
    }
}
