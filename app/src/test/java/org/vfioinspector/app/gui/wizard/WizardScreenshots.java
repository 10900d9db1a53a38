package org.vfioinspector.app.gui.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.priv.RecordingRunner;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.fixture.TempTrees;

/**
 * Not a test: renders every wizard step to PNG for a person to look at. Run by
 * {@code app/src/test/gui/render-screenshots.sh} under Xvfb, or by hand:
 * {@code java -cp TEST-CLASSPATH org.vfioinspector.app.gui.wizard.WizardScreenshots OUTDIR [dark]} ({@code dark}: over
 * the dark window's style sheets, which the wizard's dialog takes from its owner).
 * Each picture starts from a fresh fixture host in temporary directories; never this machine's sysfs.
 */
final class WizardScreenshots {

    private final Path dir;
    private final Path state;
    private final Stage stage;
    private final Path out;

    private WizardScreenshots(Path dir, Path state, Stage stage, Path out) {
        this.dir = dir;
        this.state = state;
        this.stage = stage;
        this.out = out;
    }

    /** One picture series: what it does with a fresh host, a stage and the robot. */
    private interface Series {
        void shoot(WizardScreenshots s, FxRobot robot) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/wizard-screenshots");
        boolean dark = args.length > 1 && args[1].equals("dark");
        FxToolkit.registerPrimaryStage();
        FxRobot robot = new FxRobot();
        List<Series> all = List.of(WizardScreenshots::everyStepOfASuccessfulReset, WizardScreenshots::blocked,
                WizardScreenshots::kernelDiffers, WizardScreenshots::resetFails, WizardScreenshots::withoutPkexec,
                WizardScreenshots::flrTarget, WizardScreenshots::demoSimulation, WizardScreenshots::directoryHost);
        try {
            for (Series series : all) {
                Path dir = Files.createTempDirectory("wizard-host");
                Path state = Files.createTempDirectory("wizard-state");
                try {
                    Stage stage = FxToolkit.setupStage(st -> {
                        Scene owner = new Scene(new StackPane(), 200, 100);
                        if (dark) {
                            // the wizard's dialog takes its owner's style sheets, as it does over the dark window
                            owner.getStylesheets().addAll(
                                    css("/org/vfioinspector/app/gui/view/inspector.css"),
                                    css("/org/vfioinspector/app/gui/view/inspector-dark.css"));
                        }
                        st.setScene(owner);
                        st.show();
                    });
                    series.shoot(new WizardScreenshots(dir, state, stage, out), robot);
                } finally {
                    FxToolkit.cleanupStages();
                    TempTrees.delete(dir);
                    TempTrees.delete(state);
                }
            }
        } finally {
            javafx.application.Platform.exit();
        }
        System.out.println("wizard screenshots in " + out);
        System.exit(0);
    }

    private static String css(String path) {
        return WizardScreenshots.class.getResource(path).toExternalForm();
    }

    private WizardDriver open(FxRobot robot, FakeKernel kernel) {
        ResetWizardModel model = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")),
                WizardFixtures.TARGET, WizardFixtures.env(new RecordingRunner(kernel), dir, state));
        ResetWizard[] w = new ResetWizard[1];
        robot.interact(() -> w[0] = new ResetWizard(stage, model));
        return WizardDriver.show(robot, w[0]);
    }

    private void shoot(FxRobot robot, WizardDriver d, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            WritableImage img = d.window().getScene().snapshot(null);
            try {
                Files.createDirectories(out);
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.resolve(name + ".png").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void everyStepOfASuccessfulReset(FxRobot robot) throws IOException {
        WizardFixtures.nicPair(dir);
        new BindJournal(state.resolve("journal")).append(new JournalEntry(Instant.parse("2026-02-01T09:00:00Z"),
                JournalEntry.State.BOUND, org.vfioinspector.core.model.PciAddress.parse("0000:05:00.0"), Optional.of("nvme"), Optional.empty()));
        WizardDriver d = open(robot, new FakeKernel(dir));
        shoot(robot, d, "1-target");
        d.click("next-button");
        shoot(robot, d, "2-blast");
        d.tickAllWarnings();
        d.click("next-button");
        shoot(robot, d, "3-prepare");
        d.click("let-bind");
        d.click("next-button");
        shoot(robot, d, "4-check");
        d.click("next-button");
        robot.clickOn("#typed-address").write("0000:01:00.0");
        shoot(robot, d, "5-confirm");
        d.click("finish-button");
        shoot(robot, d, "6-result");
    }

    void blocked(FxRobot robot) {
        WizardFixtures.heldGroup(dir);
        WizardDriver d = open(robot, new FakeKernel(dir));
        d.click("next-button");
        shoot(robot, d, "2b-blocked");
    }

    void kernelDiffers(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        FakeKernel k = new FakeKernel(dir);
        // a third function appears on the bus after the prediction: the kernel lists it, by its rule
        k.hotAddsBeforeTheKernelList(PciAddress.parse("0000:01:00.2"), 7);
        WizardDriver d = open(robot, k);
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        d.click("let-bind");
        d.click("next-button");
        shoot(robot, d, "4b-differs");
    }

    void resetFails(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        FakeKernel k = new FakeKernel(dir);
        k.failReset = true;
        k.losesRestore = true;
        WizardDriver d = open(robot, k);
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        d.click("let-bind");
        d.click("next-button");
        d.click("next-button");
        robot.clickOn("#typed-address").write("0000:01:00.0");
        d.click("finish-button");
        shoot(robot, d, "6b-failed");
    }

    void withoutPkexec(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        ResetWizardModel model = new ResetWizardModel(WizardFixtures.view(dir, state.resolve("journal")),
                WizardFixtures.TARGET, WizardFixtures.env(new org.vfioinspector.app.priv.ManualRunner(
                        "pkexec is not installed, so the wizard cannot ask for root.",
                        new org.vfioinspector.app.priv.Launcher(List.of("/usr/lib/vfio-inspector/bin/vfio-inspector"))),
                        dir, state));
        ResetWizard[] w = new ResetWizard[1];
        robot.interact(() -> w[0] = new ResetWizard(stage, model));
        WizardDriver d = WizardDriver.show(robot, w[0]);
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        d.click("let-bind");
        d.click("next-button");
        shoot(robot, d, "4c-manual");
    }

    /** The demo's GPU, every step as the window's simulation runs it on the demo's own tree. */
    void demoSimulation(FxRobot robot) {
        try (org.vfioinspector.app.session.Session demo = org.vfioinspector.app.session.Session.open(
                org.vfioinspector.app.session.Session.Source.DEMO, null)) {
            WizardEnvironment env = WizardEnvironment.simulation(demo.root(),
                    org.vfioinspector.app.gui.Background.sameThread(), java.time.Clock.systemUTC());
            PciAddress gpu = PciAddress.parse("0000:05:00.0");
            ResetWizardModel model = new ResetWizardModel(HostView.read(demo, env.journalDir()), gpu, env);
            ResetWizard[] w = new ResetWizard[1];
            robot.interact(() -> w[0] = new ResetWizard(stage, model));
            WizardDriver d = WizardDriver.show(robot, w[0]);
            shoot(robot, d, "sim-1-target");
            d.click("next-button");
            d.tickAllWarnings();
            shoot(robot, d, "sim-2-blast");
            d.click("next-button");
            d.click("let-bind");
            d.tickAllWarnings();
            shoot(robot, d, "sim-3-prepare");
            d.click("next-button");
            shoot(robot, d, "sim-4-check");
            d.click("next-button");
            robot.clickOn("#typed-address").write(gpu.toString());
            shoot(robot, d, "sim-5-confirm");
            d.click("finish-button");
            shoot(robot, d, "sim-6-result");
        }
    }

    /** A directory host (a capture of another machine): the check page and the confirm page it cannot finish. */
    void directoryHost(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        try (org.vfioinspector.app.session.Session s = org.vfioinspector.app.session.Session.open(
                org.vfioinspector.app.session.Session.Source.PATH, dir)) {
            WizardEnvironment app = WizardEnvironment.forHost(org.vfioinspector.app.session.Session.Source.PATH, s.root());
            WizardEnvironment env = new WizardEnvironment(app.runner(), org.vfioinspector.app.gui.Background.sameThread(),
                    state.resolve("journal"), app.hostRootArgument(), new org.vfioinspector.core.audit.AuditLog(
                    state.resolve("audit")), java.time.Clock.systemUTC(), "user", app.mode());
            ResetWizardModel model = new ResetWizardModel(HostView.read(s, env.journalDir()), WizardFixtures.TARGET, env);
            ResetWizard[] w = new ResetWizard[1];
            robot.interact(() -> w[0] = new ResetWizard(stage, model));
            WizardDriver d = WizardDriver.show(robot, w[0]);
            d.click("next-button");
            d.tickAllWarnings();
            d.click("next-button");
            d.click("let-bind");
            d.click("next-button");
            shoot(robot, d, "dir-4-check");
            d.click("next-button");
            robot.clickOn("#typed-address").write(WizardFixtures.TARGET.toString());
            shoot(robot, d, "dir-5-confirm");
        }
    }

    void flrTarget(FxRobot robot) {
        WizardFixtures.withFlr(dir);
        WizardDriver d = open(robot, new FakeKernel(dir));
        shoot(robot, d, "1b-flr");
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        d.click("let-bind");
        d.click("next-button");
        shoot(robot, d, "4d-flr-check");
    }
}
