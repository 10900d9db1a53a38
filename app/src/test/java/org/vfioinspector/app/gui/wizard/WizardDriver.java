package org.vfioinspector.app.gui.wizard;

import java.util.Set;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Window;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives a shown {@link ResetWizard} with TestFX: buttons by id, the dialog's current page. */
final class WizardDriver {

    private final FxRobot robot;
    private final ResetWizard wizard;

    WizardDriver(FxRobot robot, ResetWizard wizard) {
        this.robot = robot;
        this.wizard = wizard;
    }

    /** Shows the (blocking) wizard dialog from a later FX pulse, so the test thread keeps control. */
    static WizardDriver show(FxRobot robot, ResetWizard wizard) {
        Platform.runLater(wizard::showAndWait);
        WaitForAsyncUtils.waitForFxEvents();
        return new WizardDriver(robot, wizard);
    }

    Button button(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#" + id).queryButton();
    }

    boolean enabled(String id) {
        Button b = button(id);
        return b.isVisible() && !b.isDisabled();
    }

    boolean present(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#" + id).tryQuery().filter(Node::isVisible).isPresent();
    }

    /**
     * Presses a button or check box the way a click does ({@code fire()}: the same action event, filters
     * and handlers), without the robot's slow mouse travel; refuses a disabled or hidden control, as a
     * click would do nothing there.
     */
    void click(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ButtonBase b = robot.lookup("#" + id).queryAs(javafx.scene.control.ButtonBase.class);
        if (b.isDisabled() || !b.isVisible()) {
            throw new AssertionError(id + " cannot be clicked: " + (b.isDisabled() ? "disabled" : "hidden"));
        }
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The id of the page the dialog shows now. */
    String page() {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".reset-wizard-page").queryAll().stream().filter(n -> n.getScene() != null)
                .filter(n -> n.getScene().getWindow() != null && n.getScene().getWindow().isShowing())
                .map(Node::getId).findFirst().orElse("none");
    }

    void tickAllWarnings() {
        Set<CheckBox> boxes = robot.lookup(".warning-check").queryAllAs(CheckBox.class);
        for (CheckBox b : boxes) {
            if (!b.isSelected()) {
                robot.interact(b::fire);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The wizard's window (the dialog). */
    Window window() {
        return wizard.pages().stream().filter(p -> p.getScene() != null).map(p -> p.getScene().getWindow())
                .filter(w -> w != null && w.isShowing()).findFirst().orElseThrow();
    }

    String text(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        Node n = robot.lookup("#" + id).query();
        StringBuilder b = new StringBuilder();
        collect(n, b);
        return b.toString();
    }

    private static void collect(Node n, StringBuilder b) {
        if (n instanceof javafx.scene.control.Labeled l) {
            b.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, b));
        }
    }
}
