package org.vfioinspector.app.gui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.DeviceSearch;
import org.vfioinspector.app.gui.FxBackground;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.TestWindow;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.Viewport;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * The window's chrome at 1280x800 (Monocle's whole screen) and 1600x1000: the graph's share, the one-line legend,
 * resizable and collapsible panels, the blast panel's headline above the fold, the overview, the search result list
 * and Ctrl+F from anywhere.
 */
@ExtendWith(ApplicationExtension.class)
class WindowChromeFxTest {

    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = new MainView(model, stage);
        Scene scene = new Scene(view, 1280, 800);
        view.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
    }

    private void openDemo() throws Exception {
        TestWindow.open(view, model, HostSource.of(Hosts.sharedDemo()));
    }

    private static double area(Node n) {
        Bounds b = n.getLayoutBounds();
        return n.isVisible() && n.getScene() != null ? b.getWidth() * b.getHeight() : 0;
    }

    private Node slot(FxRobot robot, String styleClass) {
        if (styleClass.equals("tree-slot")) {
            return view.tree().getParent(); // out of the scene while the list is collapsed
        }
        return robot.lookup("." + styleClass).query();
    }

    /** The canvas's share of its window: the graph itself, without its legend or the panels. */
    private static double canvasShare(MainView v) {
        Scene s = v.getScene();
        return area(v.graph()) / (s.getWidth() * s.getHeight());
    }

    @Test
    void theGraphGetsOverHalfTheWindowAt1280x800(FxRobot robot) throws Exception {
        openDemo();
        double share = canvasShare(view);
        System.out.printf("canvas share at 1280x800: %.3f, with its legend %.3f%n", share,
                area(slot(robot, "graph-pane")) / (1280.0 * 800));
        // 0.398 with the device list open, a two-line legend and the panels in shares of the window
        assertThat(share).isGreaterThanOrEqualTo(0.50);
        // a laptop's window opens without the device list: the graph, search and details say the same
        SplitPane middle = robot.lookup("#middle-split").queryAs(SplitPane.class);
        assertThat(middle.getItems()).doesNotContain(slot(robot, "tree-slot"));
        assertThat(robot.lookup("#toggle-tree").queryAs(ToggleButton.class).isSelected()).isFalse();
        // the panels that stay keep room for their content
        assertThat(slot(robot, "details-slot").getLayoutBounds().getWidth()).isCloseTo(MainView.DETAILS_WIDTH, Offset.offset(3.0));
        assertThat(slot(robot, "blast-slot").getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(MainView.BLAST_HEIGHT - 3);
    }

    @Test
    void theLegendIsOneLineWithRoomForOneMoreKey(FxRobot robot) throws Exception {
        openDemo();
        Legend legend = robot.lookup(".legend").queryAs(Legend.class);
        double line = legend.getHeight();
        double key = legend.getChildren().get(0).getLayoutBounds().getHeight();
        assertThat(line).as("one line of keys").isLessThan(2 * key + legend.getVgap());
        assertThat(legend.getChildren()).allSatisfy(n -> assertThat(n.getLayoutY()).isEqualTo(legend.getChildren().get(0).getLayoutY()));
        // one more key (another helper adds one for downgraded links) still fits on the line
        robot.interact(() -> legend.getChildren().add(Legend.row("legend-slow", "▼ downgraded link", "a link trained below")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(legend.getHeight()).isCloseTo(line, Offset.offset(1.0));
        robot.interact(() -> legend.getChildren().remove(legend.getChildren().size() - 1));
    }

    @Test
    void aBiggerWindowGivesTheGraphMoreAndThePanelsKeepTheirSize(FxRobot robot) throws Exception {
        openDemo();
        double small = canvasShare(view);
        double details = slot(robot, "details-slot").getLayoutBounds().getWidth();
        double blast = slot(robot, "blast-slot").getLayoutBounds().getHeight();
        MainView big = bigWindow(robot, 1600, 1000);
        double share = canvasShare(big);
        System.out.printf("canvas share at 1600x1000: %.3f (1280x800: %.3f)%n", share, small);
        assertThat(share).isGreaterThanOrEqualTo(0.55).isGreaterThan(small + 0.03);
        Node bigDetails = robot.from(big).lookup(".details-slot").query();
        Node bigBlast = robot.from(big).lookup(".blast-slot").query();
        assertThat(bigDetails.getLayoutBounds().getWidth()).isCloseTo(details, Offset.offset(3.0));
        assertThat(bigBlast.getLayoutBounds().getHeight()).isCloseTo(blast, Offset.offset(3.0));
    }

    /**
     * A second view of the demo in a {@code w}x{@code h} scene, laid out but not shown: Monocle's screen is
     * 1280x800, and painting a bigger window overflows its frame buffer.
     */
    private MainView bigWindow(FxRobot robot, int w, int h) throws Exception {
        MainView[] made = new MainView[1];
        robot.interact(() -> {
            made[0] = new MainView(model, new Stage());
            made[0].install(new Scene(made[0], w, h));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(made[0]::panelsBuilt).get());
        for (int i = 0; i < 2; i++) { // the panels' sizes, then their content
            robot.interact(() -> {
                made[0].applyCss();
                made[0].layout();
            });
        }
        return made[0];
    }

    @Test
    void theDeviceListFollowsTheWindowsWidthUntilSomeoneShowsOrHidesIt(FxRobot robot) throws Exception {
        openDemo();
        SplitPane middle = robot.lookup("#middle-split").queryAs(SplitPane.class);
        Node tree = slot(robot, "tree-slot");
        ToggleButton devices = robot.lookup("#toggle-tree").queryAs(ToggleButton.class);
        assertThat(bigWindow(robot, (int) MainView.WIDE_WINDOW, 1000).treeShownProperty().get()).isTrue();

        // this window made wider and narrower again (the scene's width does this; the screen is too narrow for it)
        robot.interact(() -> view.windowWidth(MainView.WIDE_WINDOW + 20));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems().get(0)).isSameAs(tree);
        assertThat(devices.isSelected()).isTrue();
        robot.interact(() -> view.windowWidth(1280));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems()).doesNotContain(tree);

        // shown by hand: it stays, whatever the width
        robot.clickOn("#toggle-tree");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems().get(0)).isSameAs(tree);
        robot.interact(() -> view.windowWidth(1200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems().get(0)).isSameAs(tree);
        assertThat(tree.getLayoutBounds().getWidth()).isCloseTo(MainView.TREE_WIDTH, Offset.offset(3.0));
        // and hidden by hand, it stays hidden
        robot.clickOn("#toggle-tree");
        robot.interact(() -> view.windowWidth(MainView.WIDE_WINDOW + 20));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems()).doesNotContain(tree);
    }

    @Test
    void panelsCollapseAndComeBackWithTheirButtonsAndShortcuts(FxRobot robot) throws Exception {
        openDemo();
        SplitPane main = robot.lookup("#main-split").queryAs(SplitPane.class);
        SplitPane middle = robot.lookup("#middle-split").queryAs(SplitPane.class);
        Node blast = slot(robot, "blast-slot");
        Node tree = slot(robot, "tree-slot");
        Node details = slot(robot, "details-slot");
        double height = view.graph().getHeight();
        double width = view.graph().getWidth();

        robot.clickOn("#toggle-blast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.getItems()).doesNotContain(blast);
        assertThat(view.graph().getHeight()).isGreaterThan(height + 150);

        robot.clickOn("#toggle-blast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.getItems()).contains(blast);
        assertThat(view.graph().getHeight()).isCloseTo(height, Offset.offset(3.0));

        // the device list starts collapsed at this width: Ctrl+1 shows it, Ctrl+1 again hides it
        robot.interact(() -> view.graph().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems().get(0)).isSameAs(tree);
        assertThat(tree.getLayoutBounds().getWidth()).isCloseTo(MainView.TREE_WIDTH, Offset.offset(3.0));
        assertThat(view.graph().getWidth()).isLessThan(width - 200);
        assertThat(robot.lookup("#toggle-tree").queryAs(ToggleButton.class).isSelected()).isTrue();

        // a panel dragged wider keeps its width when another one comes and goes
        robot.interact(() -> middle.setDividerPositions(middle.getDividerPositions()[0], 1 - 300.0 / middle.getWidth()));
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = details.getLayoutBounds().getWidth();
        assertThat(dragged).isCloseTo(300, Offset.offset(3.0));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems()).doesNotContain(tree);
        assertThat(details.getLayoutBounds().getWidth()).isCloseTo(dragged, Offset.offset(3.0));
        assertThat(view.graph().getWidth()).isCloseTo(width - (dragged - MainView.DETAILS_WIDTH), Offset.offset(4.0));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems()).containsExactly(robot.lookup(".graph-pane").query());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(details.getLayoutBounds().getWidth()).isCloseTo(dragged, Offset.offset(2.0));
    }

    @Test
    void theBlastHeadlineBadgesResetAndKeyLinesAreInViewAndStaySo(FxRobot robot) throws Exception {
        openDemo();
        SplitPane main = robot.lookup("#main-split").queryAs(SplitPane.class);
        Node slot = slot(robot, "blast-slot");
        // the NIC carrying the default route (must leave its host driver), the GPU a VM holds (why no reset runs),
        // an SR-IOV VF, the NVMe behind a switch without ACS, the ISA bridge on the root bus
        for (String address : List.of("0000:09:00.0", "0000:04:00.0", "0001:01:02.0", "0000:08:00.0", "0000:00:1f.0")) {
            PciAddress a = PciAddress.parse(address);
            robot.interact(() -> model.select(a, false));
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> view.blast().summaryText())
                    .get().contains("Hot reset of " + a));
            WaitForAsyncUtils.waitForFxEvents();
            // as it opens, and with the panel dragged as low as it goes: its minimum keeps what matters in view
            for (double divider : new double[] {1 - MainView.BLAST_HEIGHT / main.getHeight(), 0.98}) {
                robot.interact(() -> main.setDividerPositions(divider));
                WaitForAsyncUtils.waitForFxEvents();
                Bounds visible = slot.localToScene(slot.getLayoutBounds());
                assertThat(visible.getMaxY()).isLessThanOrEqualTo(view.getScene().getHeight());
                List<Node> top = new java.util.ArrayList<>(((javafx.scene.Parent) robot.lookup("#blast-key-blockers").query())
                        .getChildrenUnmodifiable());
                for (String id : List.of("blast-headline", "blast-must-leave", "blast-unknowns", "blast-reset-why",
                        "blast-verdict", "blast-reset")) {
                    Node n = robot.lookup("#" + id).query();
                    if (n.isVisible()) {
                        top.add(n);
                    }
                }
                assertThat(top).hasSizeGreaterThanOrEqualTo(3);
                for (Node n : top) {
                    Bounds b = n.localToScene(n.getLayoutBounds());
                    assertThat(b.getHeight()).as(address + " " + n + " laid out").isGreaterThan(0);
                    assertThat(b.getMaxY()).as(address + " " + n + " above the fold at " + divider)
                            .isLessThanOrEqualTo(visible.getMaxY());
                }
            }
        }
    }

    @Test
    void aToolbarButtonsTooltipIsMadeAtTheFirstHoverAndShows(FxRobot robot) throws Exception {
        openDemo();
        ToggleButton details = robot.lookup("#toggle-details").queryAs(ToggleButton.class);
        assertThat(details.getTooltip()).as("not made with the window").isNull();
        robot.moveTo(details);
        robot.moveBy(2, 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(details.getTooltip()).isNotNull();
        assertThat(details.getTooltip().getText()).isEqualTo("Show or hide the details panel (Ctrl+2)");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> details.getTooltip().isShowing());
        robot.moveTo("#graph");
    }

    @Test
    void ctrlFFromTheGraphFocusesSearchAndKeepsTheTypedText(FxRobot robot) throws Exception {
        openDemo();
        robot.interact(() -> view.graph().requestFocus());
        Viewport before = view.graph().viewport();

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("nvme");
        WaitForAsyncUtils.waitForFxEvents();

        TextField search = robot.lookup("#search").queryAs(TextField.class);
        assertThat(search.isFocused()).isTrue();
        assertThat(search.getText()).isEqualTo("nvme");
        assertThat(view.graph().viewport()).isEqualTo(before); // F did not fit the graph
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResultListShowsEveryMatchAndUpDownEnterSelectsOne(FxRobot robot) throws Exception {
        openDemo();
        List<DeviceSearch.Hit> hits = WaitForAsyncUtils.asyncFx(() -> model.searchHits("intel")).get(5, TimeUnit.SECONDS);
        assertThat(hits).hasSizeGreaterThan(3);

        robot.clickOn("#search").write("intel");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#search-results").tryQuery().isPresent()
                && robot.lookup("#search-results").query().isVisible());
        ListView<DeviceSearch.Hit> list = robot.lookup("#search-results").queryAs(ListView.class);
        assertThat(list.getItems()).containsExactlyElementsOf(hits);
        assertThat(list.getItems().get(0).text()).contains(hits.get(0).address().toString()).contains("group");

        robot.type(KeyCode.DOWN, KeyCode.DOWN, KeyCode.DOWN, KeyCode.UP, KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectionProperty().get()).isEqualTo(hits.get(1).address());
        assertThat(robot.lookup("#search-result").queryLabeled().getText()).isEqualTo("2 of " + hits.size());
        assertThat(robot.lookup("#search").queryAs(TextField.class).getText()).isEqualTo("intel");
        // selected and centred: the function is in the middle of the graph
        WaitForAsyncUtils.waitForFxEvents();
        Point2D p = view.graph().screenPointOf(hits.get(1).address()).orElseThrow();
        assertThat(p.getX()).isCloseTo(view.graph().getWidth() / 2, org.assertj.core.data.Offset.offset(2.0));
        assertThat(p.getY()).isCloseTo(view.graph().getHeight() / 2, org.assertj.core.data.Offset.offset(2.0));
        // Enter again goes on from the picked match
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectionProperty().get()).isEqualTo(hits.get(2).address());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClickOnAResultSelectsItAndEscapeClosesTheList(FxRobot robot) throws Exception {
        openDemo();
        List<DeviceSearch.Hit> hits = WaitForAsyncUtils.asyncFx(() -> model.searchHits("nvidia")).get(5, TimeUnit.SECONDS);
        assertThat(hits).hasSizeGreaterThan(2);
        robot.clickOn("#search").write("nvidia");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#search-results").tryQuery()
                .map(Node::isVisible).orElse(false));
        ListView<DeviceSearch.Hit> list = robot.lookup("#search-results").queryAs(ListView.class);

        // the list lays its rows out in a pulse after it shows
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> thirdRow(robot, list) != null);
        Node third = thirdRow(robot, list);
        robot.clickOn(third);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.selectionProperty().get()).isEqualTo(hits.get(2).address());
        assertThat(robot.lookup("#search-result").queryLabeled().getText()).isEqualTo("3 of " + hits.size());
        assertThat(list.getScene().getWindow().isShowing()).isFalse();

        robot.clickOn("#search").type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getScene().getWindow().isShowing()).isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getScene().getWindow().isShowing()).isFalse();
        assertThat(model.selectionProperty().get()).isEqualTo(hits.get(2).address()); // Escape left the selection
    }

    private static Node thirdRow(FxRobot robot, ListView<?> list) {
        return robot.from(list).lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getIndex() == 2 && !c.isEmpty() && c.isVisible()).findFirst().orElse(null);
    }

    /** The demo zoomed in three times: the overview shows. */
    private GraphOverview zoomedIntoTheDemo(FxRobot robot) throws Exception {
        openDemo();
        robot.interact(() -> view.graph().zoom(3));
        WaitForAsyncUtils.waitForFxEvents();
        GraphOverview overview = (GraphOverview) view.graph().overview();
        assertThat(overview.isVisible()).isTrue();
        return overview;
    }

    @Test
    void aClickInTheOverviewMovesTheViewThereWithoutRedrawingTheOverview(FxRobot robot) throws Exception {
        GraphOverview overview = zoomedIntoTheDemo(robot);
        int draws = overview.baseDraws();
        Rect bounds = view.graph().scene().layout().bounds();

        // near the bottom right corner of the overview: the bottom right of the graph
        Bounds o = overview.localToScreen(overview.getLayoutBounds());
        robot.clickOn(new Point2D(o.getMinX() + o.getWidth() * 0.85, o.getMinY() + o.getHeight() * 0.85));
        WaitForAsyncUtils.waitForFxEvents();

        Rect v = view.graph().viewport().visible();
        assertThat(v.centerX()).isBetween(bounds.x() + bounds.width() * 0.75, bounds.x() + bounds.width() * 0.95);
        assertThat(v.centerY()).isBetween(bounds.y() + bounds.height() * 0.75, bounds.y() + bounds.height() * 0.95);
        assertThat(model.selectionProperty().get()).isNull(); // the click went to the overview, not the graph

        // a drag in it pans with it; neither redraws the overview's graph, only its frame
        // (fired at the overview: Monocle's robot cannot drag, its drag-and-drop clipboard does not load)
        robot.interact(() -> {
            for (double f : new double[] {0.85, 0.5, 0.2}) {
                overview.fireEvent(mouse(MouseEvent.MOUSE_DRAGGED, overview.getWidth() * f, overview.getHeight() * f));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Rect w = view.graph().viewport().visible();
        assertThat(w.centerX()).isLessThan(bounds.x() + bounds.width() * 0.35);
        assertThat(overview.baseDraws()).isEqualTo(draws);
        Rect frame = overview.frameRect(view.graph().viewport());
        assertThat(frame.centerX()).isLessThan(overview.getWidth() * 0.4);
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                false, false, false, null);
    }

    @Test
    void aBigHostsOverviewIsNotASliverAndReachesTheGraphsEnd(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestWindow.open(view, model, HostSource.of(Hosts.big(dir, 384)));
        WaitForAsyncUtils.waitForFxEvents();
        GraphOverview overview = (GraphOverview) view.graph().overview();
        Rect bounds = view.graph().scene().layout().bounds();
        // the graph folds tall trees into columns (TreeLayout), and the overview stretches what is still tall
        assertThat(overview.isVisible()).isTrue();
        assertThat(overview.getWidth()).isGreaterThanOrEqualTo(GraphOverview.MIN_SIDE);
        assertThat(overview.getHeight()).isGreaterThanOrEqualTo(GraphOverview.MIN_SIDE);
        assertThat(overview.getHeight()).isLessThanOrEqualTo(GraphOverview.MAX_H + 1);

        // a click at the bottom of it goes to the bottom of the graph
        Bounds o = overview.localToScreen(overview.getLayoutBounds());
        robot.clickOn(new Point2D(o.getMinX() + o.getWidth() / 2, o.getMaxY() - 6));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.graph().viewport().visible().centerY()).isGreaterThan(bounds.y() + bounds.height() * 0.9);
    }

    @Test
    void theOverviewIsOpaqueSoTheGraphsLabelsDoNotShowThroughIt(FxRobot robot) throws Exception {
        GraphOverview overview = zoomedIntoTheDemo(robot);
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setFill(javafx.scene.paint.Color.TRANSPARENT);
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> shot =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> shot.set(overview.snapshot(p, null)));
        // the margin between the border and the graph's boxes: nothing of the graph below may show there
        javafx.scene.paint.Color c = shot.get().getPixelReader().getColor(2, 2);
        assertThat(c.getOpacity()).isEqualTo(1.0);
    }

    @Test
    void theOverviewHidesWhenTheWholeGraphIsInView(FxRobot robot) throws Exception {
        openDemo();
        robot.interact(() -> view.graph().fit());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Region) view.graph().overview()).isVisible()).isFalse();
        robot.interact(() -> view.graph().zoom(4));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Region) view.graph().overview()).isVisible()).isTrue();
    }
}
