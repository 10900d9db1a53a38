package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.TestWindow;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.Highlight;
import org.vfioinspector.app.report.DetailRow;
import org.vfioinspector.app.report.DetailSection;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.fixture.FixtureDevice;
import org.vfioinspector.core.fixture.SysfsFixture;
import org.vfioinspector.core.model.PciAddress;

/** The details panel tells the selection's links, its bottleneck, power state and AER; the legend says what ▼ is. */
@ExtendWith(ApplicationExtension.class)
class LinkHealthDetailsFxTest {

    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private static Path host() throws Exception {
        Path dir = Files.createTempDirectory("vfio-health-");
        dir.toFile().deleteOnExit();
        SysfsFixture f = new SysfsFixture(dir);
        FixtureDevice rp = f.add("0000:00:01.0").rootPort(1, 3).group(1).link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16)
                .raw("aer_rootport_total_err_cor", "7\n").raw("aer_rootport_total_err_nonfatal", "1\n")
                .raw("aer_rootport_total_err_fatal", "0\n");
        FixtureDevice up = f.add("0000:01:00.0").upstreamPort(2, 3).under(rp).group(2)
                .link("8.0 GT/s PCIe", 16, "8.0 GT/s PCIe", 16);
        FixtureDevice dn = f.add("0000:02:08.0").downstreamPort(3, 3).under(up).group(3)
                .link("8.0 GT/s PCIe", 4, "8.0 GT/s PCIe", 16);
        f.add("0000:03:00.0").gpu(0x10de, 0x24b0).under(dn).group(4).driver("vfio-pci")
                .link("8.0 GT/s PCIe", 4, "16.0 GT/s PCIe", 16).raw("power_state", "D3hot\n")
                .raw("aer_dev_correctable", "TOTAL_ERR_COR 3\n").raw("aer_dev_nonfatal", "TOTAL_ERR_NONFATAL 0\n")
                .raw("aer_dev_fatal", "TOTAL_ERR_FATAL 0\n");
        f.write();
        return dir;
    }

    @Test
    void theSelectionsLinkPathPowerAndErrorsAreInTheDetailsAndItsBottleneckInTheGraph(FxRobot robot) throws Exception {
        TestWindow.open(view, model, HostSource.of(host()));
        PciAddress gpu = PciAddress.parse("0000:03:00.0");
        WaitForAsyncUtils.asyncFx(() -> model.select(gpu, false)).get();
        WaitForAsyncUtils.waitForFxEvents();

        String text = WaitForAsyncUtils.asyncFx(() -> view.details().text()).get();
        assertThat(text).contains("Link path", "0000:02:08.0 → 0000:03:00.0  8 GT/s x4 of 8 GT/s x16 ▼ downgraded  (bottleneck)",
                "Power and errors", "D3hot", "correctable 3, non-fatal 0, fatal 0",
                "0000:00:01.0: correctable 7, non-fatal 1, fatal 0");
        // the downgraded link's row explains our rule, and what the card itself can do
        List<DetailSection> sections = model.detailsProperty().get();
        DetailRow link2 = sections.stream().filter(s -> s.title().equals("Link path")).flatMap(s -> s.rows().stream())
                .filter(r -> r.key().equals("Link 2")).findFirst().orElseThrow();
        assertThat(link2.hint()).contains("both of its ends", "lspci", "The device itself can 16 GT/s x16");
        Label value = robot.lookup(".detail-value").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals(link2.value())).findFirst().orElseThrow();
        assertThat(value.getTooltip().getText()).isEqualTo(link2.hint());

        Highlight h = model.highlightProperty().get();
        assertThat(h.bottleneck()).contains(gpu);
        assertThat(h.isBottleneck(view.graph().scene().model().nodeOf(gpu).orElseThrow())).isTrue();
        assertThat(view.graph().scene().model().nodeOf(gpu).orElseThrow().linkDegraded()).isTrue();
        assertThat(view.graph().scene().model().nodeOf(PciAddress.parse("0000:02:08.0")).orElseThrow().linkDegraded())
                .isFalse();

        // a function above it: its own path has one link, so no bottleneck marked
        WaitForAsyncUtils.asyncFx(() -> model.select(PciAddress.parse("0000:01:00.0"), false)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.highlightProperty().get().bottleneck()).isEqualTo(Optional.empty());
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.details().text()).get()).contains("none (one link)")
                .doesNotContain("▼ downgraded");
    }

    @Test
    void theLegendSaysWhatTheMarkMeans(FxRobot robot) {
        javafx.scene.Node key = robot.lookup("#legend-downgraded").query();
        assertThat(robot.lookup("#legend-downgraded .label").queryAs(Label.class).getText()).isEqualTo("▼ downgraded link");
        // made at the first hover (Tips); Tooltip.install keeps it in the node's properties
        assertThat(key.getProperties().get("javafx.scene.control.Tooltip")).as("before any hover").isNull();
        robot.moveTo(key);
        WaitForAsyncUtils.waitForFxEvents();
        Object tip = key.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip).isInstanceOf(javafx.scene.control.Tooltip.class);
        assertThat(((javafx.scene.control.Tooltip) tip).getText()).contains("both of its ends", "lspci", "bottleneck");
    }
}
