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
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

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

/**
 * The window's chrome at 1280x800 (Monocle's whole screen): the graph's share, collapsible panels, the overview,
 * the search result list and Ctrl+F from anywhere.
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
        return robot.lookup("." + styleClass).query();
    }

    @Test
    void theGraphIsTheLargestRegionAt1280x800(FxRobot robot) throws Exception {
        openDemo();
        double window = 1280.0 * 800;
        double graph = area(view.graph());

        assertThat(graph).isGreaterThan(area(slot(robot, "tree-slot")))
                .isGreaterThan(area(slot(robot, "details-slot")))
                .isGreaterThan(area(slot(robot, "blast-slot")));
        // the graph with its legend takes over 44 % of the window (the layout before gave it 37.8 %)
        double pane = area(slot(robot, "graph-pane"));
        System.out.printf("graph share at 1280x800: %.3f, with its legend %.3f%n", graph / window, pane / window);
        assertThat(pane / window).isGreaterThan(0.44);
        // the canvas itself: the legend is two short lines with the keys in a tooltip (0.372 with its old four)
        assertThat(graph / window).isGreaterThan(0.39);
        // the panels keep room for their content: a readable device list, details and blast radius
        assertThat(slot(robot, "tree-slot").getLayoutBounds().getWidth()).isGreaterThanOrEqualTo(150);
        assertThat(slot(robot, "details-slot").getLayoutBounds().getWidth()).isGreaterThanOrEqualTo(200);
        assertThat(slot(robot, "blast-slot").getLayoutBounds().getHeight()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void panelsCollapseAndComeBackWithTheirButtonsAndShortcuts(FxRobot robot) throws Exception {
        openDemo();
        SplitPane main = robot.lookup("#main-split").queryAs(SplitPane.class);
        SplitPane middle = robot.lookup("#middle-split").queryAs(SplitPane.class);
        Node blast = slot(robot, "blast-slot");
        Node tree = slot(robot, "tree-slot");
        double height = view.graph().getHeight();
        double width = view.graph().getWidth();
        double treeWidth = tree.getLayoutBounds().getWidth();

        robot.clickOn("#toggle-blast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.getItems()).doesNotContain(blast);
        assertThat(view.graph().getHeight()).isGreaterThan(height + 150);

        robot.clickOn("#toggle-blast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(main.getItems()).contains(blast);
        assertThat(view.graph().getHeight()).isCloseTo(height, org.assertj.core.data.Offset.offset(3.0));

        robot.interact(() -> view.graph().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems()).doesNotContain(tree);
        assertThat(view.graph().getWidth()).isGreaterThan(width + 140);
        assertThat(robot.lookup("#toggle-tree").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(middle.getItems().get(0)).isSameAs(tree);
        assertThat(tree.getLayoutBounds().getWidth()).isCloseTo(treeWidth, org.assertj.core.data.Offset.offset(3.0));
        assertThat(view.graph().getWidth()).isCloseTo(width, org.assertj.core.data.Offset.offset(3.0));
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

    @Test
    void aClickInTheOverviewMovesTheViewThereWithoutRedrawingTheOverview(FxRobot robot) throws Exception {
        openDemo();
        robot.interact(() -> view.graph().zoom(3));
        WaitForAsyncUtils.waitForFxEvents();
        GraphOverview overview = (GraphOverview) view.graph().overview();
        assertThat(overview.isVisible()).isTrue();
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
