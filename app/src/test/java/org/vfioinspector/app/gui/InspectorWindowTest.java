package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import javafx.geometry.Point2D;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.startup.OnScreen;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.gui.startup.ReadGauge;
import org.vfioinspector.app.gui.startup.RenderedFrames;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/** The window wired to its model, headless (Monocle): clicks, search, banner, exports. */
@ExtendWith(ApplicationExtension.class)
class InspectorWindowTest {

    private MainViewModel model;
    private MainView view;

    /** Whether the side panels existed right after the window was shown, before any host was opened. */
    private boolean panelsAtStart;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
        panelsAtStart = view.panelsBuilt();
    }

    @AfterEach
    void close() {
        model.close();
    }

    private void open(HostSource source) throws Exception {
        TestWindow.open(view, model, source);
    }

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }

    @Test
    void clickingADeviceInTheGraphShowsItsBlastRadius(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        WaitForAsyncUtils.asyncFx(() -> view.graph().centreOn(a("0000:08:00.0"))).get(5, TimeUnit.SECONDS);
        Point2D p = view.graph().screenPointOf(a("0000:08:00.0")).orElseThrow();

        robot.clickOn(view.graph().localToScreen(p));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectionProperty().get()).isEqualTo(a("0000:08:00.0"));
        assertThat(view.blast().summaryText()).contains("Hot reset of 0000:08:00.0").contains("bus reset by 0000:07:01.0");
        assertThat(view.blast().affectedShown()).containsExactly("0000:08:00.0");
        // one verdict per kind, named: the function reset needs the NVMe moved to vfio-pci (it holds /srv/data)
        assertThat(robot.lookup("#blast-verdict").queryLabeled().getText()).startsWith("Function reset (FLR): NEEDS vfio-pci");
        assertThat(robot.lookup("#blast-verdict-hot").queryLabeled().getText()).startsWith("Hot reset (bus): ");
        assertThat(view.blast().headlineText()).contains("Takes down: /srv/data on nvme1n1");
        assertThat(robot.lookup("#blast-findings").queryParent().getChildrenUnmodifiable()).isNotEmpty();
        assertThat(view.details().text()).contains("0000:08:00.0").contains("IOMMU group");
    }

    private void selectAndWait(FxRobot robot, PciAddress a) throws Exception {
        robot.interact(() -> model.select(a, false));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.blast().summaryText())
                .get().contains("Hot reset of " + a));
    }

    @Test
    void theBadgeIsTheRecommendedResetsVerdictNotTheHotResetsBlockers(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        // a VF on vfio-pci with FLR: its hot reset reaches the PF on i40e (blocked), its function reset is ready
        selectAndWait(robot, a("0001:01:02.2"));

        String badge = robot.lookup("#blast-verdict").queryLabeled().getText();
        assertThat(badge).isEqualTo("Function reset (FLR): READY");
        assertThat(robot.lookup("#blast-verdict-hot").queryLabeled().getText()).startsWith("Hot reset (bus): NEEDS vfio-pci");
        assertThat(robot.lookup("#blast-verdict-hot").queryLabeled().getStyleClass()).doesNotContain("verdict-ok");
        assertThat(robot.lookup("#blast-verdict").queryLabeled().getStyleClass()).contains("verdict-ok");
        assertThat(view.blast().summaryText()).startsWith("function reset recommended");
        List<String> heads = robot.lookup(".findings-head").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertThat(heads).anySatisfy(h -> assertThat(h).startsWith("Function reset of 0001:01:02.2").endsWith("READY"))
                .anySatisfy(h -> assertThat(h).startsWith("Hot reset").contains("NEEDS vfio-pci"));
        // what binding resolves is not called a blocker: the list agrees with the badge and the wizard
        assertThat(robot.lookup(".finding-tag").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("TO BIND").doesNotContain("BLOCKER");
        assertThat(view.blast().mustLeaveShown()).isEmpty();
    }

    @Test
    void functionsThatMustLeaveTheirHostDriversAreMarked(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        selectAndWait(robot, a("0000:05:00.0"));

        assertThat(view.blast().mustLeaveShown()).contains("0000:05:00.1");
        assertThat(robot.lookup(".must-leave-host").queryAllAs(javafx.scene.control.Label.class))
                .anySatisfy(l -> assertThat(l.getText()).startsWith("0000:05:00.1 (").contains("bind it to vfio-pci"));
        assertThat(robot.lookup("#blast-verdict").queryLabeled().getStyleClass()).doesNotContain("verdict-ok");
    }

    @Test
    void aSelectionMarksTheGraphAtOnceAndFillsThePanelsAFrameLater(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        String[] sameTurn = new String[2];

        robot.interact(() -> {
            model.select(a("0000:08:00.0"), false);
            sameTurn[0] = String.valueOf(view.graph().highlight().selected().orElse(null));
            sameTurn[1] = view.blast().summaryText();
        });

        assertThat(sameTurn[0]).as("the graph's highlight is set with the selection").isEqualTo("0000:08:00.0");
        assertThat(sameTurn[1]).as("the panels wait for the frame that shows the graph").doesNotContain("0000:08:00.0");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.blast().summaryText())
                .get().contains("Hot reset of 0000:08:00.0"));
        assertThat(view.details().text()).contains("0000:08:00.0");
        assertThat(view.tree().selectedAddress()).contains(a("0000:08:00.0"));
    }

    @Test
    void searchSelectsTheMatchAndCentresTheGraphOnIt(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));

        robot.clickOn("#search").write("0000:0b:01.0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectionProperty().get()).isEqualTo(a("0000:0b:01.0"));
        assertThat(robot.lookup("#search-result").queryLabeled().getText()).isEqualTo("1 of 1");
        Point2D p = view.graph().screenPointOf(a("0000:0b:01.0")).orElseThrow();
        assertThat(p.getX()).isCloseTo(view.graph().getWidth() / 2, org.assertj.core.api.Assertions.within(2.0));
        assertThat(p.getY()).isCloseTo(view.graph().getHeight() / 2, org.assertj.core.api.Assertions.within(2.0));
        assertThat(view.tree().selectedAddress()).contains(a("0000:0b:01.0"));
        assertThat(view.blast().affectedShown()).contains("0000:0b:00.0", "0000:0b:01.0");
    }

    @Test
    void choosingInTheDeviceListSelectsInTheGraph(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        TestWindow.showDeviceList(view); // collapsed in a window this narrow

        robot.clickOn(".tree-filter").write("snd_hda");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.tree().shownFunctions()).containsExactly(a("0000:05:00.1"));
        robot.clickOn(robot.lookup(".tree-address").match(n -> "05:00.1".equals(((javafx.scene.control.Label) n).getText()))
                .queryLabeled());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectionProperty().get()).isEqualTo(a("0000:05:00.1"));
        assertThat(view.blast().affectedShown()).containsExactly("0000:05:00.0", "0000:05:00.1");
    }

    @Test
    void theBannerAppearsForAHostWithoutIommuGroups(FxRobot robot, @TempDir Path dir) throws Exception {
        open(HostSource.of(Hosts.withoutGroups(dir)));

        assertThat(robot.lookup("#banner").query().isVisible()).isTrue();
        assertThat(view.banner().title()).isEqualTo("No IOMMU groups");
        assertThat(robot.lookup("#banner-demo").queryButton().isVisible()).isTrue();
    }

    @Test
    void theSidePanelsComeAfterTheGraphOnTheirOwn() throws Exception {
        assertThat(panelsAtStart).as("panels before any graph").isFalse();
        WaitForAsyncUtils.asyncFx(() -> model.open(HostSource.of(Hosts.sharedDemo()))).get(10, TimeUnit.SECONDS);
        // nobody asks for them (the accessors would build them): the window builds them once the graph is shown
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(view::panelsBuilt).get());
        assertThat(WaitForAsyncUtils.asyncFx(() -> model.sceneProperty().get().model().size()).get()).isPositive();
    }

    /**
     * As the launcher opens the window: the graph of the host's outline first, the details (and with them the
     * panels) once that graph is on the screen, which the window hears from JavaFX's frame tracker.
     */
    @Test
    void theOutlinesGraphComesFirstAndTheDetailsOnceItIsOnTheScreen() throws Exception {
        Preload p = Preload.start(HostSource.of(Hosts.sharedDemo()), new TreeLayout());
        p.scene();
        java.util.concurrent.CompletableFuture<Boolean> hostWhenOnScreen = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> noteWhenOnScreen = new java.util.concurrent.CompletableFuture<>();
        assertThat(WaitForAsyncUtils.asyncFx(() -> RenderedFrames.of(view.getScene()).isPresent()).get())
                .as("JavaFX's frame tracker is open to the window (surefire's --add-exports)").isTrue();
        WaitForAsyncUtils.asyncFx(() -> {
            model.open(p);
            OnScreen.when(view.getScene(), () -> model.sceneProperty().get().model().size() > 0, () -> {
                hostWhenOnScreen.complete(model.hostProperty().get() != null);
                noteWhenOnScreen.complete(((javafx.scene.control.Label) view.lookup("#details-note")).getText());
            });
        }).get(10, TimeUnit.SECONDS);

        assertThat(hostWhenOnScreen.get(Preload.DETAILS_AT_THE_LATEST_MS / 2, TimeUnit.MILLISECONDS))
                .as("the graph reached the screen before the details were read").isFalse();
        assertThat(noteWhenOnScreen.get()).startsWith("Reading the details of each function");
        assertThat(WaitForAsyncUtils.asyncFx(view::panelsBuilt).get()).as("the panels wait for the details").isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> model.sceneProperty().get()).get()).isSameAs(p.scene());

        p.readDetails();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(view::panelsBuilt).get());
        assertThat(WaitForAsyncUtils.asyncFx(() -> model.hostProperty().get()).get()).isSameAs(p.host());
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.lookup("#details-note") == null
                || !((javafx.scene.control.Label) view.lookup("#details-note")).isVisible()
                || ((javafx.scene.control.Label) view.lookup("#details-note")).getText().isEmpty()).get()).isTrue();
    }

    @Test
    void panelsBuiltLateShowWhatIsAlreadySelected(FxRobot robot) throws Exception {
        // a model that has a host and a selection before its window exists
        MainViewModel early = new MainViewModel(new FxBackground(), new TreeLayout());
        try {
            WaitForAsyncUtils.asyncFx(() -> early.open(HostSource.of(Hosts.sharedDemo()))).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> early.hostProperty().get() != null
                    && !early.busyProperty().get() && early.sceneProperty().get().model().size() > 0);
            WaitForAsyncUtils.asyncFx(() -> early.select(a("0000:05:00.1"), false)).get(5, TimeUnit.SECONDS);

            MainView late = WaitForAsyncUtils.asyncFx(() -> {
                MainView v = new MainView(early, new Stage());
                assertThat(v.panelsBuilt()).isFalse();
                return v;
            }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(late::panelsBuilt).get());

            assertThat(late.tree().selectedAddress()).contains(a("0000:05:00.1"));
            assertThat(late.details().text()).contains("0000:05:00.1");
            assertThat(late.blast().affectedShown()).containsExactly("0000:05:00.0", "0000:05:00.1");
        } finally {
            early.close();
        }
    }

    @Test
    void aHostWithoutAGraphStillGetsItsPanels(@TempDir Path empty) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.open(HostSource.of(empty))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(view::panelsBuilt).get());
        assertThat(WaitForAsyncUtils.asyncFx(() -> model.sceneProperty().get().model().size()).get()).isZero();
    }

    @Test
    void aReadShowsHowFarItHasGotWithoutAnIndeterminateBar() throws Exception {
        java.util.concurrent.CompletableFuture<Runnable> held = new java.util.concurrent.CompletableFuture<>();
        MainViewModel slow = new MainViewModel(new Background() {
            @Override
            public <T> void run(String what, java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done,
                                java.util.function.Consumer<Throwable> failed) {
                // the read waits until the test lets it go; the layout after it runs at once
                if (!held.complete(() -> new FxBackground().run(what, work, done, failed))) {
                    new FxBackground().run(what, work, done, failed);
                }
            }

            @Override
            public void publish(Runnable update) {
                javafx.application.Platform.runLater(update);
            }
        }, new TreeLayout());
        Stage other = WaitForAsyncUtils.asyncFx(() -> new Stage()).get(5, TimeUnit.SECONDS);
        try {
            MainView v = WaitForAsyncUtils.asyncFx(() -> {
                MainView mv = TestWindow.show(other, slow);
                slow.open(HostSource.of(Hosts.sharedDemo()));
                return mv;
            }).get(10, TimeUnit.SECONDS);
            org.controlsfx.control.StatusBar bar = (org.controlsfx.control.StatusBar) v.lookup("#status-bar");
            javafx.scene.control.Label placeholder = (javafx.scene.control.Label) v.lookup(".graph-placeholder");
            ReadGauge gauge = WaitForAsyncUtils.asyncFx(() -> slow.readingProperty().get()).get(5, TimeUnit.SECONDS);
            assertThat(gauge).isNotNull();
            assertThat(WaitForAsyncUtils.asyncFx(bar::getProgress).get()).isZero(); // not -1: no animation

            gauge.functionsRead(50, 100); // as the scan's threads report
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(bar::getProgress).get() == 0.45);
            assertThat(WaitForAsyncUtils.asyncFx(placeholder::getText).get())
                    .isEqualTo("Reading the host… 50 of 100 functions read");

            held.get(5, TimeUnit.SECONDS).run();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                    () -> slow.hostProperty().get() != null && !slow.busyProperty().get()).get());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(WaitForAsyncUtils.asyncFx(() -> slow.readingProperty().get()).get()).isNull();
            assertThat(WaitForAsyncUtils.asyncFx(bar::getProgress).get()).isZero();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> other.close()).get(5, TimeUnit.SECONDS);
            slow.close();
        }
    }

    @Test
    void theBannerStaysHiddenForAHealthyHost(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();
    }

    @Test
    void exportsWriteAValidPngAndSvg(@TempDir Path dir) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));
        WaitForAsyncUtils.asyncFx(() -> model.select(a("0000:04:00.0"), false)).get(5, TimeUnit.SECONDS);
        Path png = dir.resolve("graph.png");
        Path svg = dir.resolve("graph.svg");

        WaitForAsyncUtils.asyncFx(() -> {
            view.exportTo("png", png);
            view.exportTo("svg", svg);
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(png) && Files.exists(svg)
                && !model.busyProperty().get());

        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        Rect bounds = model.sceneProperty().get().layout().bounds();
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(bounds.width() * 2));
        assertThat(img.getHeight()).isEqualTo((int) Math.ceil(bounds.height() * 2));
        assertThat(distinctColours(img)).as("a drawing, not a blank image").isGreaterThan(20);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(Files.readString(svg)).contains("0000:04:00.0");
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void theDarkThemeSwitchesStyleSheetsAndGraphColours(FxRobot robot) throws Exception {
        open(HostSource.of(Hosts.sharedDemo()));

        robot.clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.darkProperty().get()).isTrue();
        assertThat(view.getScene().getStylesheets()).anyMatch(s -> s.endsWith("inspector-dark.css"));
        assertThat(view.graph().painter().theme().dark()).isTrue();
        assertThat(robot.lookup("#search").queryAs(TextField.class)).isNotNull();
    }
}
