package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.FxDialogs;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * One verdict per kind of reset, the same in the blast panel's badges and on the wizard's first page, the
 * consequences first in the panel, and "Reset…" only while some kind can run (headless Monocle, the demo).
 */
@ExtendWith(ApplicationExtension.class)
class VerdictConsistencyFxTest {

    @TempDir
    Path state;

    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        FxBackground background = new FxBackground();
        // the demo with a fixture journal: the wizard opens, nothing can run (a recording runner that refuses)
        WizardFlows flows = new WizardFlows(background, new FxDialogs(stage),
                h -> WizardFixtures.env(new org.vfioinspector.app.priv.RecordingRunner(inv -> {
                    throw new AssertionError("nothing may run");
                }), background, h.session().root().path(), state),
                h -> true, m -> new ResetWizard(stage, m).showAndWait());
        model = new MainViewModel(background, new TreeLayout(), flows);
        view = org.vfioinspector.app.gui.TestWindow.show(stage, model);
    }

    @AfterEach
    void close() throws Exception {
        model.close();
        FxToolkit.cleanupStages();
    }

    private void openDemo() throws Exception {
        org.vfioinspector.app.gui.TestWindow.open(view, model, HostSource.of(Hosts.sharedDemo()));
    }

    private void select(FxRobot robot, String address) throws Exception {
        PciAddress a = PciAddress.parse(address);
        robot.interact(() -> model.select(a, false));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.blast().summaryText())
                .get().contains("Hot reset of " + a));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryLabeled().getText();
    }

    private static DialogPane wizard(String title) throws Exception {
        DialogPane[] found = new DialogPane[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && w instanceof Stage s && String.valueOf(s.getTitle()).contains(title)
                        && w.getScene().getRoot().lookup(".dialog-pane") instanceof DialogPane p) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void aVfWithFlrShowsTheSameVerdictInThePanelAndOnTheWizardsFirstPage(FxRobot robot) throws Exception {
        openDemo();
        // an iavf VF with FLR: the panel once said "BLOCKED · 8 blockers", the wizard "No blockers"
        select(robot, "0001:01:02.0");

        String badge = label(robot, "blast-verdict");
        assertThat(badge).startsWith("Function reset (FLR): NEEDS vfio-pci (1 function to bind").doesNotContain("BLOCKED");
        assertThat(robot.lookup("#blast-verdict").queryLabeled().getStyleClass()).doesNotContain("verdict-ok");
        Button reset = robot.lookup("#blast-reset").queryButton();
        assertThat(reset.isDisabled()).isFalse();

        robot.interact(reset::fire);
        DialogPane page = wizard("Reset 0001:01:02.0");
        Label flr = (Label) page.lookup("#verdict-flr");
        Label hot = (Label) page.lookup("#verdict-hot");
        assertThat(flr.getText()).isEqualTo("Verdict: " + badge);
        assertThat(hot.getText()).isEqualTo("Verdict: " + label(robot, "blast-verdict-hot"));
        robot.interact(() -> ((Button) page.lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRootBusFunctionNoKindCanResetDisablesResetAndSaysWhy(FxRobot robot) throws Exception {
        openDemo();
        // 00:1f.0 on the root bus: no hot reset, and reset_method is empty
        select(robot, "0000:00:1f.0");

        assertThat(label(robot, "blast-verdict")).isEqualTo("Function reset: NOT OFFERED");
        assertThat(label(robot, "blast-verdict-hot")).isEqualTo("Hot reset: NOT OFFERED");
        assertThat(robot.lookup("#blast-reset").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#blast-reset").queryButton().getTooltip().getText()).startsWith("No reset can run.");
        assertThat(robot.lookup("#blast-reset-why").queryLabeled().isVisible()).isTrue();
        assertThat(label(robot, "blast-reset-why")).contains("root bus");
        // no "reaches 1 function" for a hot reset that does not exist
        assertThat(view.blast().summaryText()).contains("no hot reset").doesNotContain("reaches");
        assertThat(label(robot, "blast-headline")).startsWith("No reset can run here");

        // a root-bus function with a function reset: the badge says which kind is missing, Reset… stays on
        select(robot, "0000:00:14.0");
        assertThat(label(robot, "blast-verdict-hot")).isEqualTo("Hot reset: NOT OFFERED");
        assertThat(label(robot, "blast-verdict")).startsWith("Function reset (PM D3hot): NEEDS vfio-pci");
        assertThat(robot.lookup("#blast-reset").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#blast-reset-why").queryLabeled().isVisible()).isFalse();
    }

    @Test
    void theConsequencesComeFirstAndStayAboveTheFold(FxRobot robot) throws Exception {
        openDemo();
        // the management NIC carries the default route: its function reset takes the ssh down
        select(robot, "0000:09:00.0");

        Node panel = robot.lookup("#blast-panel").query();
        Node first = ((javafx.scene.Parent) panel).getChildrenUnmodifiable().get(0);
        assertThat(first.getId()).isEqualTo("blast-headline");
        assertThat(label(robot, "blast-headline"))
                .isEqualTo("Function reset (FLR) · Takes down: eno1 (default route — probably your ssh)");
        assertThat(label(robot, "blast-must-leave")).contains("0000:09:00.0 (igb)");
        Bounds visible = panel.localToScene(panel.getLayoutBounds());
        for (String id : new String[] {"blast-headline", "blast-must-leave", "blast-verdict", "blast-verdict-hot",
                "blast-reset"}) {
            Node n = robot.lookup("#" + id).query();
            Bounds b = n.localToScene(n.getLayoutBounds());
            assertThat(b.getMaxY()).as(id + " above the fold").isLessThanOrEqualTo(visible.getMaxY());
            assertThat(b.getHeight()).as(id + " laid out").isGreaterThan(0);
        }
        // the headline is large: bigger than the table's text
        double headline = robot.lookup("#blast-headline").queryLabeled().getFont().getSize();
        assertThat(headline).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aKnownResetBugIsOnTopNotOnlyInTheFindings(FxRobot robot, @TempDir Path dir) throws Exception {
        // an AMD Navi GPU on vfio-pci with FLR: ready to reset, but it may not come back (the 'AMD reset bug')
        org.vfioinspector.core.fixture.SysfsFixture fx = new org.vfioinspector.core.fixture.SysfsFixture(dir);
        var rp = fx.add("0000:00:01.0").rootPort(1, 1).driver("pcieport").group(2);
        fx.add("0000:01:00.0").under(rp).gpu(0x1002, 0x731f).driver("vfio-pci").group(9).resetMethods("flr").flr(true);
        WizardFixtures.visibleHost(fx);
        org.vfioinspector.app.gui.TestWindow.open(view, model, HostSource.of(dir));
        select(robot, "0000:01:00.0");

        assertThat(label(robot, "blast-verdict")).isEqualTo("Function reset (FLR): CHECK (1 warning)");
        assertThat(robot.lookup(".blast-key-warning").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("⚠ 0000:01:00.0: AMD Polaris/Vega/Navi"));
        Node panel = robot.lookup("#blast-panel").query();
        Node warning = robot.lookup(".blast-key-warning").query();
        assertThat(warning.localToScene(warning.getLayoutBounds()).getMaxY())
                .isLessThanOrEqualTo(panel.localToScene(panel.getLayoutBounds()).getMaxY());
    }

    @Test
    void aHeldGpuNamesTheVmThatLosesIt(FxRobot robot) throws Exception {
        openDemo();
        select(robot, "0000:04:00.0");

        assertThat(label(robot, "blast-headline")).contains("VM win11-gpu (pid 4242)");
        assertThat(label(robot, "blast-verdict-hot")).startsWith("Hot reset (bus): BLOCKED");
        assertThat(robot.lookup("#blast-reset").queryButton().isDisabled()).isTrue();
        assertThat(view.blast().summaryText()).doesNotContain("recommended");
    }
}
