package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.SIBLING;
import static org.vfioinspector.app.gui.wizard.WizardFixtures.TARGET;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.priv.CliInvocation;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.core.model.PciAddress;

/**
 * Walks the real ControlsFX wizard (headless Monocle) on fixture hosts against a recording runner that
 * plays the CLI: nothing runs pkexec, nothing touches this machine's /sys or /dev/vfio.
 */
@ExtendWith(ApplicationExtension.class)
class ResetWizardFxTest {

    @TempDir
    Path dir;
    @TempDir
    Path state;

    private Stage stage;
    private FakeKernel kernel;
    private RecordingRunner runner;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    private WizardDriver open(FxRobot robot) {
        kernel = new FakeKernel(dir);
        runner = new RecordingRunner(kernel);
        ResetWizardModel model = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(runner, dir, state));
        ResetWizard[] w = new ResetWizard[1];
        robot.interact(() -> w[0] = new ResetWizard(stage, model));
        return WizardDriver.show(robot, w[0]);
    }

    /** Steps 1–3 with every warning ticked and binding allowed. */
    private static void throughPreparation(WizardDriver d) {
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        assertThat(d.page()).isEqualTo("prepare-page");
        assertThat(d.enabled("next-button")).as("binding not yet allowed").isFalse();
        d.click("let-bind");
        d.click("next-button");
    }

    @Test
    void aBlockerDisablesNextAndSaysWhatToDo(FxRobot robot) {
        WizardFixtures.heldGroup(dir);
        WizardDriver d = open(robot);
        assertThat(d.page()).isEqualTo("target-page");
        assertThat(d.enabled("next-button")).isTrue();

        d.click("next-button");
        d.tickAllWarnings();

        assertThat(d.page()).isEqualTo("blast-page");
        assertThat(d.enabled("next-button")).isFalse();
        assertThat(d.text("blockers")).contains("qemu-system-x86", "Stop it");
        assertThat(runner.calls()).isEmpty();
    }

    @Test
    void aKindAVmBlocksIsNeverRecommendedAndPageOneShowsTheBlock(FxRobot robot) {
        // a QEMU process holds group 7: both kinds are blocked, page 1 says so instead of "(recommended)"
        WizardFixtures.heldGroup(dir);
        WizardDriver d = open(robot);

        assertThat(d.page()).isEqualTo("target-page");
        assertThat(d.text("method-flr")).doesNotContain("recommended");
        assertThat(d.text("method-hot")).doesNotContain("recommended");
        assertThat(d.text("verdict-flr")).contains("BLOCKED (1 blocker)");
        assertThat(d.text("verdict-hot")).contains("BLOCKED (1 blocker)");
        assertThat(d.text("target-page")).contains("qemu-system-x86", "Nothing is recommended");
    }

    @Test
    void pageOneShowsEachKindsVerdictAndRecommendsOnlyOneThatMayRun(FxRobot robot) {
        WizardFixtures.withFlr(dir);
        WizardDriver d = open(robot);

        assertThat(d.text("method-flr")).contains("(recommended)");
        assertThat(d.text("verdict-flr")).isEqualTo("Verdict: Function reset (FLR): NEEDS vfio-pci (1 function to bind)\n");
        d.click("next-button");
        assertThat(d.page()).isEqualTo("blast-page");
        assertThat(d.text("verdict-chosen")).isEqualTo("Verdict: Function reset (FLR): NEEDS vfio-pci (1 function to bind)\n");
        assertThat(d.text("blast-page")).contains("The reset reaches 1 function\n", "step 3 moves 1 function to vfio-pci first")
                .doesNotContain("function(s)");
        // the one verdict of this page is not indented as page 1's are under their choices
        assertThat(robot.lookup("#verdict-chosen").queryLabeled().getPadding().getLeft()).isZero();
        assertThat(BlastPage.functions(2)).isEqualTo("2 functions");
    }

    @Test
    void theKernelCheckNeverClaimsNothingIsReset(FxRobot robot) {
        // a dry run opens the devices through vfio-pci, which resets a function it opens and releases
        WizardFixtures.nicPair(dir);
        WizardDriver d = open(robot);
        throughPreparation(d);

        assertThat(d.page()).isEqualTo("check-page");
        String text = d.text("check-page");
        assertThat(text).doesNotContain("nothing is reset").doesNotContain("(nothing is reset)")
                .contains("does not call the reset, but it is not free of resets");
    }

    @Test
    void aDifferenceBetweenPredictionAndKernelStopsTheWizard(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        WizardDriver d = open(robot);
        // a third function appears on the bus after the prediction: the kernel lists it, by its rule
        kernel.hotAddsBeforeTheKernelList(PciAddress.parse("0000:01:00.2"), 7);

        throughPreparation(d);

        assertThat(d.page()).isEqualTo("check-page");
        assertThat(d.text("check-verdict")).contains("Stopped");
        assertThat(d.text("predicted-list")).contains("0000:01:00.0", "0000:01:00.1");
        assertThat(d.text("kernel-list")).contains("✖ 0000:01:00.2 group 7");
        assertThat(d.enabled("next-button")).isFalse();
        assertThat(d.present("previous-button")).as("no way back to change the confirmation").isFalse();
        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESET);
    }

    @Test
    void typingTheAddressEnablesFinishAndAFailedResetRestoresTheDrivers(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        WizardDriver d = open(robot);
        kernel.failReset = true;
        kernel.losesRestore = true;
        throughPreparation(d);
        assertThat(d.text("check-verdict")).contains("matches the prediction");
        d.click("next-button");

        assertThat(d.page()).isEqualTo("confirm-page");
        assertThat(d.enabled("finish-button")).isFalse();
        javafx.scene.control.TextField typed = robot.lookup("#typed-address").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> typed.setText(SIBLING.toString()));
        assertThat(d.enabled("finish-button")).as("the sibling is not the target").isFalse();
        robot.interact(typed::clear);
        robot.clickOn(typed).write(TARGET.toString());
        assertThat(d.enabled("finish-button")).isTrue();

        d.click("finish-button");

        assertThat(d.page()).isEqualTo("execute-page");
        assertThat(d.text("result-headline")).contains("EBUSY", "nothing was reset");
        assertThat(d.text("result")).contains("EBUSY", "✔ 0000:01:00.0: e1000e", "✔ 0000:01:00.1: e1000e");
        assertThat(runner.calls()).extracting(CliInvocation::verb).containsExactly(CliInvocation.Verb.RESET,
                CliInvocation.Verb.RESET, CliInvocation.Verb.RESTORE);
        assertThat(WizardFixtures.driver(dir, SIBLING)).contains("e1000e");
        assertThat(d.present("previous-button")).isFalse();
        assertThat(d.present("cancel-button")).isFalse();
        assertThat(d.enabled("finish-button")).isTrue();

        d.click("finish-button");
        assertThat(d.page()).isEqualTo("none");
    }

    /** Confirms by typing the target and runs the real (fixture) reset to the result page. */
    private void confirmAndRun(FxRobot robot, WizardDriver d) {
        d.click("next-button");
        robot.clickOn(robot.lookup("#typed-address").queryAs(javafx.scene.control.TextField.class)).write(TARGET.toString());
        d.click("finish-button");
        assertThat(d.page()).isEqualTo("execute-page");
    }

    @Test
    void theResultPageSaysEveryFunctionCameBack(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        WizardDriver d = open(robot);
        throughPreparation(d);
        confirmAndRun(robot, d);

        assertThat(d.text("verification-verdict")).isEqualTo("Did it come back? came back\n");
        assertThat(d.text("verification")).contains(TARGET + ": came back", SIBLING + ": came back");
        assertThat(d.present("verification-advice")).isFalse();
    }

    @Test
    void theResultPageShowsAFunctionThatDidNotComeBackAndWhatToDo(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        WizardDriver d = open(robot);
        kernel.effect = org.vfioinspector.core.vfio.FixtureResetEffect.DOES_NOT_COME_BACK;
        throughPreparation(d);
        confirmAndRun(robot, d);

        assertThat(d.text("verification-verdict")).isEqualTo("Did it come back? lost\n");
        assertThat(d.text("verification")).contains(TARGET + ": lost", "reads all ones");
        assertThat(d.text("verification-advice")).startsWith("What to do: ").contains("did not come back");
        assertThat(d.text("result-headline")).contains(TARGET + " lost");
    }

    @Test
    void theResetPageShowsEachCallAsItRunsAndTheBarCountsThem(FxRobot robot) throws Exception {
        WizardFixtures.nicPair(dir);
        kernel = new FakeKernel(dir);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // the real reset "hangs" inside VFIO_DEVICE_PCI_HOT_RESET until the test has looked at the page
        runner = new RecordingRunner(inv -> {
            if (inv.verb() == CliInvocation.Verb.RESET && !inv.arguments().contains("--dry-run")) {
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return kernel.apply(inv);
        }).printing(inv -> ResetWizardModelTest.protocolLines(TARGET.toString(), 7,
                inv.arguments().contains("--dry-run") ? "none" : "hot_reset"));
        ResetWizardModel model = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")), TARGET,
                WizardFixtures.env(runner, FxBackground.threadPerTask("reset-wizard"), dir, state));
        ResetWizard[] w = new ResetWizard[1];
        robot.interact(() -> w[0] = new ResetWizard(stage, model));
        WizardDriver d = WizardDriver.show(robot, w[0]);
        throughPreparation(d);
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> model.checkStateProperty().get() == ResetWizardModel.CheckState.PASSED);
        robot.interact(() -> { });
        d.click("next-button");
        robot.clickOn(robot.lookup("#typed-address").queryAs(javafx.scene.control.TextField.class)).write(TARGET.toString());

        d.click("finish-button");
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> model.liveStepsProperty().size() == 12);
        robot.interact(() -> { });

        try {
            assertThat(d.page()).isEqualTo("execute-page");
            assertThat(d.text("live-steps")).contains("✔ VFIO_GROUP_GET_STATUS /dev/vfio/7",
                    "✔ VFIO_DEVICE_GET_PCI_HOT_RESET_INFO 0000:01:00.0", "… VFIO_DEVICE_PCI_HOT_RESET 0000:01:00.0");
            javafx.scene.control.ProgressBar bar = robot.lookup("#execute-progress")
                    .queryAs(javafx.scene.control.ProgressBar.class);
            assertThat(bar.isVisible()).isTrue();
            assertThat(bar.getProgress()).isCloseTo(11 / 14.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(d.enabled("finish-button")).as("no closing while the reset runs").isFalse();
            String shots = System.getProperty("wizard.screenshots");
            if (shots != null) { // for a person to look at: the page while the reset ioctl runs
                robot.interact(() -> {
                    try {
                        java.nio.file.Files.createDirectories(Path.of(shots));
                        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(
                                d.window().getScene().snapshot(null), null), "png",
                                Path.of(shots, "6-execute-running.png").toFile());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        } finally {
            release.countDown();
        }
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> model.runStateProperty().get() == ResetWizardModel.RunState.DONE);
        robot.interact(() -> { });
        assertThat(d.text("result-headline")).isNotBlank();
        assertThat(robot.lookup("#live-steps").query().isVisible()).as("the result's own step list takes over").isFalse();
        assertThat(d.enabled("finish-button")).isTrue();
    }
}
