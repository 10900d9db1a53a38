package org.vfioinspector.app.gui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.vfioinspector.app.gui.Background;
import org.vfioinspector.app.priv.ManualRunner;
import org.vfioinspector.app.priv.PrivilegedRunners;
import org.vfioinspector.app.priv.SimulatedRunner;
import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.audit.AuditLog;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;

/**
 * The demo's wizard walked to the end as a simulation, and a directory host's walked up to the confirm page:
 * the real ControlsFX wizard (headless Monocle) on the demo's own temporary tree and on a fixture directory.
 * Nothing runs pkexec; nothing touches this machine's /sys or /dev/vfio.
 */
@ExtendWith(ApplicationExtension.class)
class SimulationWizardFxTest {

    /** The demo's second GPU (nvidia) with its audio function, group 13, below its own switch port. */
    private static final PciAddress GPU = PciAddress.parse("0000:05:00.0");
    private static final PciAddress GPU_AUDIO = PciAddress.parse("0000:05:00.1");

    @TempDir
    Path dir;

    private Stage stage;
    private Session demo;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (demo != null) {
            demo.close();
        }
    }

    private WizardDriver show(FxRobot robot, ResetWizardModel model) {
        ResetWizard[] w = new ResetWizard[1];
        robot.interact(() -> w[0] = new ResetWizard(stage, model));
        return WizardDriver.show(robot, w[0]);
    }

    /** The command lines the page shows for copying. */
    private static List<String> commands(FxRobot robot) {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".command").queryAllAs(javafx.scene.control.TextArea.class).stream()
                .filter(javafx.scene.Node::isVisible).map(javafx.scene.control.TextArea::getText).toList();
    }

    @Test
    void theDemoWizardRunsToTheEndAsALabelledSimulation(FxRobot robot) throws Exception {
        demo = Session.open(Session.Source.DEMO, null);
        Path tree = demo.root().path();
        WizardEnvironment env = WizardEnvironment.simulation(demo.root(), Background.sameThread(),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
        ResetWizardModel model = new ResetWizardModel(HostView.read(demo, env.journalDir()), GPU, env);
        WizardDriver d = show(robot, model);
        List<String> pages = new ArrayList<>();

        pages.add(d.page());
        assertThat(d.text("simulation-label")).contains("Simulation — nothing on this machine is touched");
        d.click("next-button");
        d.tickAllWarnings();
        pages.add(d.page());
        assertThat(d.text("simulation-label")).contains("Simulation");
        d.click("next-button");
        pages.add(d.page());
        assertThat(d.text("simulation-label")).contains("Simulation");
        d.click("let-bind");
        d.tickAllWarnings();
        d.click("next-button");
        pages.add(d.page());
        assertThat(d.text("simulation-label")).contains("Simulation");
        assertThat(d.text("check-verdict")).contains("matches the prediction");
        d.click("next-button");
        pages.add(d.page());
        assertThat(d.text("simulation-label")).contains("Simulation");
        assertThat(model.finishPlan()).last().asString().startsWith("The simulated commands record it in the demo's own copy")
                .endsWith("not in this machine's audit log.");
        robot.clickOn(robot.lookup("#typed-address").queryAs(javafx.scene.control.TextField.class)).write(GPU.toString());
        d.click("finish-button");
        pages.add(d.page());

        assertThat(d.text("execute-page")).startsWith("SIMULATION · Step 6 of 6");
        assertThat(pages).containsExactly("target-page", "blast-page", "prepare-page", "check-page", "confirm-page",
                "execute-page");
        assertThat(d.text("simulation-label")).contains("Simulation — nothing on this machine is touched");
        assertThat(d.text("result-headline")).startsWith("Simulated on the demo's copy, nothing on this machine was reset.");
        assertThat(model.resultProperty().get().success()).as(d.text("result")).isTrue();
        assertThat(d.text("result")).contains("audit lines went to the demo's copy", "✔ " + GPU + ": nvidia",
                "✔ " + GPU_AUDIO + ": snd_hda_intel");
        // the commands acted on the demo's own tree: its drivers went to vfio-pci and back, there
        assertThat(WizardFixtures.driver(tree, GPU)).contains("nvidia");
        assertThat(((SimulatedRunner) env.runner()).writes()).anyMatch(w -> w.contains(GPU + "/driver_override <- vfio-pci"));
        // the audit lines and the journal are the demo's, inside its tree, never this machine's
        assertThat(env.audit().file().startsWith(tree)).isTrue();
        assertThat(env.audit().read().records()).extracting(a -> a.action() + " " + a.phase() + " " + a.dryRun())
                .contains("reset intent true", "reset result true", "reset intent false", "reset result false");
        assertThat(Files.exists(org.vfioinspector.core.audit.AuditLog.systemDirectory())).isFalse();
        assertThat(env.journalDir().startsWith(tree)).isTrue();
        assertThat(d.enabled("finish-button")).isTrue();
        d.click("finish-button");
        assertThat(d.page()).isEqualTo("none");
    }

    @Test
    void aDirectoryHostWalksToTheConfirmPageButCannotRunThere(FxRobot robot) {
        WizardFixtures.nicPair(dir);
        Session s = Session.open(Session.Source.PATH, dir);
        demo = s;
        WizardEnvironment real = WizardEnvironment.forHost(Session.Source.PATH, s.root());
        assertThat(real.mode()).isEqualTo(WizardEnvironment.Mode.ELSEWHERE);
        assertThat(real.runner()).isInstanceOf(ManualRunner.class);
        // the application's runner and mode, with a same-thread executor and a journal that is not root's
        WizardEnvironment env = new WizardEnvironment(real.runner(), Background.sameThread(), dir.resolve("journal"),
                real.hostRootArgument(), new AuditLog(dir.resolve("audit")), Clock.systemUTC(), "tester",
                real.mode());
        ResetWizardModel model = new ResetWizardModel(HostView.read(s, env.journalDir()), WizardFixtures.TARGET, env);
        WizardDriver d = show(robot, model);

        assertThat(d.text("elsewhere-label")).contains("cannot check or reset anything here");
        d.click("next-button");
        d.tickAllWarnings();
        d.click("next-button");
        d.click("let-bind");
        d.click("next-button");
        assertThat(d.page()).isEqualTo("check-page");
        assertThat(commands(robot)).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("# run on the machine "
                + "captured in " + dir + ", not on this one: sudo vfio-inspector reset " + WizardFixtures.TARGET));
        d.click("next-button");

        assertThat(d.page()).isEqualTo("confirm-page");
        assertThat(d.text("confirm-page")).startsWith("ANOTHER MACHINE, NOTHING RUNS HERE · Step 5 of 6");
        assertThat(d.text("elsewhere-label")).contains("cannot check or reset anything here");
        robot.clickOn(robot.lookup("#typed-address").queryAs(javafx.scene.control.TextField.class))
                .write(WizardFixtures.TARGET.toString());
        assertThat(d.enabled("finish-button")).as("nothing can run from here").isFalse();
        assertThat(WizardFixtures.driver(dir, WizardFixtures.TARGET)).contains("e1000e");
    }

    @Test
    void theApplicationsDemoEnvironmentIsTheSimulationOnTheDemoTree() {
        demo = Session.open(Session.Source.DEMO, null);
        WizardEnvironment env = WizardEnvironment.forHost(Session.Source.DEMO, demo.root());
        assertThat(env.mode()).isEqualTo(WizardEnvironment.Mode.SIMULATION);
        assertThat(env.runner()).isInstanceOf(SimulatedRunner.class);
        assertThat(env.hostRootArgument()).contains(demo.root().path());
        assertThat(env.journalDir().startsWith(demo.root().path())).isTrue();
        assertThat(Files.isDirectory(env.journalDir())).isTrue();
        // the live host never gets a simulation, whatever it is asked for
        assertThat(WizardEnvironment.forHost(Session.Source.DEMO, HostRoot.live()).mode())
                .isEqualTo(WizardEnvironment.Mode.HOST);
        assertThat(PrivilegedRunners.choose(HostRoot.live())).isNotInstanceOf(SimulatedRunner.class);
    }
}
