package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.SIBLING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
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
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.model.PciAddress;

/**
 * The main window's two ways into the privileged flow (headless Monocle): the blast panel's "Reset…"
 * button opens the wizard for the selected function, and loading a host whose bind journal still has
 * functions on vfio-pci offers to put them back. Fixture hosts and a recording runner only.
 */
@ExtendWith(ApplicationExtension.class)
class WindowWiringFxTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private MainViewModel model;
    private MainView view;
    /** The wizard's environment with a fixture journal, or null for the application's (no journal for the demo). */
    private volatile WizardEnvironment env;

    @Start
    void start(Stage stage) {
        FxBackground background = new FxBackground();
        // as WizardFlows.forWindow, with the test's journal when it set one
        WizardFlows flows = new WizardFlows(background, new FxDialogs(stage),
                h -> env != null ? env : WizardEnvironment.forHost(h.source().kind(), h.session().root()),
                h -> env != null || h.source().equals(HostSource.LIVE), m -> new ResetWizard(stage, m).showAndWait());
        model = new MainViewModel(background, new TreeLayout(), flows);
        view = org.vfioinspector.app.gui.TestWindow.show(stage, model);
    }

    @AfterEach
    void close() throws Exception {
        model.close();
        FxToolkit.cleanupStages();
    }

    private void open(HostSource source) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.open(source)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.hostProperty().get() != null
                && !model.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The showing dialog whose header (or title) contains {@code text}, waiting up to 20 s for it. */
    private static DialogPane dialog(String text) throws Exception {
        DialogPane[] found = new DialogPane[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && w.getScene() != null && w.getScene().getRoot().lookup(".dialog-pane") instanceof DialogPane p
                        && (String.valueOf(p.getHeaderText()).contains(text)
                        || w instanceof Stage s && String.valueOf(s.getTitle()).contains(text))) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static Button button(Node root, String text) {
        return (Button) root.lookupAll(".button").stream().filter(n -> n instanceof Button b && text.equals(b.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no button '" + text + "'"));
    }

    /** What a click does, without the robot's mouse travel across a headless screen. */
    private static void fire(FxRobot robot, Button b) {
        assertThat(b.isDisabled()).as(b.getText() + " enabled").isFalse();
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aJournalLeftByACrashedRunIsOfferedWhenTheHostLoadsAndYesPutsTheDriverBack(FxRobot robot) throws Exception {
        WizardFixtures.nicPair(dir);
        WizardFixtures.relink(dir, SIBLING, "vfio-pci"); // the crashed run had moved the sibling
        BindJournal journal = new BindJournal(state.resolve("journal"));
        JournalEntry bound = new JournalEntry(Instant.parse("2026-02-01T09:00:00Z"), JournalEntry.State.BOUND, SIBLING,
                Optional.of("e1000e"), Optional.empty());
        journal.append(bound);
        // the real restore command answers, on the fixture, with the driver e1000e the host booted with
        RecordingRunner runner = new RecordingRunner(new FakeKernel(dir).bootDriver(SIBLING, "e1000e"));
        env = WizardFixtures.env(runner, FxBackground.threadPerTask("reset-wizard"), dir, state);

        open(HostSource.of(dir));
        DialogPane ask = dialog("Restore drivers from the bind journal?");

        assertThat(ask.getContentText()).contains("0000:01:00.1 (was on e1000e", "never put them back");
        assertThat(runner.calls()).as("nothing runs before the user says yes").isEmpty();
        fire(robot, button(ask, "Yes"));
        DialogPane done = dialog("Restore");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> done.getContentText() != null
                && done.getContentText().contains("1 function back on its original driver."));

        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESTORE);
        assertThat(runner.arguments().get(0)).contains("restore", "--state-dir", state.resolve("journal").toString());
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("e1000e");
        assertThat(HostView.pending(state.resolve("journal"), new java.util.ArrayList<>())).isEmpty();
    }

    @Test
    void answeringNoLeavesTheJournalAndTheDriversAlone(FxRobot robot) throws Exception {
        WizardFixtures.nicPair(dir);
        BindJournal journal = new BindJournal(state.resolve("journal"));
        journal.append(new JournalEntry(Instant.parse("2026-02-01T09:00:00Z"), JournalEntry.State.BOUND, SIBLING,
                Optional.of("e1000e"), Optional.empty()));
        RecordingRunner runner = new RecordingRunner(inv -> {
            throw new AssertionError("nothing may run after 'No'");
        });
        env = WizardFixtures.env(runner, FxBackground.threadPerTask("reset-wizard"), dir, state);

        open(HostSource.of(dir));
        fire(robot, button(dialog("Restore drivers from the bind journal?"), "No"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(runner.calls()).isEmpty();
        assertThat(HostView.pending(state.resolve("journal"), new java.util.ArrayList<>()))
                .extracting(JournalEntry::address).containsExactly(SIBLING);
    }

    @Test
    void theBlastPanelsResetButtonOpensTheWizardForTheSelectedFunction(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        PciAddress gpu = PciAddress.parse("0000:05:00.0"); // a GPU on nvidia: its hot reset may run after binding
        robot.interact(() -> model.select(gpu, true));
        assertThat(robot.lookup("#blast-reset").queryButton().isDisabled()).isFalse();

        fire(robot, robot.lookup("#blast-reset").queryButton());
        DialogPane wizard = dialog("Reset 0000:05:00.0 · VFIO Inspector");

        assertThat(wizard.getId()).isEqualTo("target-page");
        StringBuilder text = new StringBuilder();
        wizard.lookupAll(".label").forEach(n -> text.append(((javafx.scene.control.Labeled) n).getText()).append('\n'));
        assertThat(text).contains("0000:05:00.0");
        fire(robot, (Button) wizard.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene().getRoot().lookup(".dialog-pane") != null)).as("the wizard closed").isEmpty();
    }
}
