package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.FxDialogs;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * The window as the application wires it ({@link WizardFlows#forWindow}) on the demo: Reset… opens the wizard
 * as the labelled simulation. Headless Monocle; the demo's own temporary tree only.
 */
@ExtendWith(ApplicationExtension.class)
class DemoWindowSimulationFxTest {

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        FxBackground background = new FxBackground();
        model = new MainViewModel(background, new TreeLayout(),
                WizardFlows.forWindow(stage, background, new FxDialogs(stage)));
        org.vfioinspector.app.gui.TestWindow.show(stage, model);
    }

    @AfterEach
    void close() throws Exception {
        model.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void theDemosResetButtonOpensTheWizardAsASimulation(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.open(HostSource.DEMO)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.hostProperty().get() != null
                && !model.busyProperty().get());
        robot.interact(() -> model.select(PciAddress.parse("0000:05:00.0"), true));
        // the blast panel fills in once the selection's blast radius is worked out
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#blast-reset").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Button reset = robot.lookup("#blast-reset").queryButton();
        assertThat(reset.isDisabled()).isFalse();
        robot.interact(reset::fire);

        DialogPane[] wizard = new DialogPane[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && w.getScene() != null
                        && w.getScene().getRoot().lookup(".dialog-pane") instanceof DialogPane p
                        && "target-page".equals(p.getId())) {
                    wizard[0] = p;
                    return true;
                }
            }
            return false;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(wizard[0].getHeaderText()).startsWith("SIMULATION · Step 1 of 6");
        assertThat(((javafx.scene.control.Label) wizard[0].lookup("#simulation-label")).getText())
                .startsWith("Simulation — nothing on this machine is touched");
        robot.interact(((Button) wizard[0].lookupButton(javafx.scene.control.ButtonType.CANCEL))::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
