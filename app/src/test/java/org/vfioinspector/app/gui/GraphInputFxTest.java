package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vfioinspector.app.gui.graph.TreeLayout;
import org.vfioinspector.app.gui.graph.GraphBuilder;
import org.vfioinspector.app.gui.graph.GraphNode;
import org.vfioinspector.app.gui.graph.NodeKind;
import org.vfioinspector.app.gui.graph.Rect;
import org.vfioinspector.app.gui.graph.Viewport;
import org.vfioinspector.app.gui.view.GraphView;
import org.vfioinspector.app.gui.view.MainView;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.core.model.PciAddress;

/**
 * The topology graph's pointer and keyboard input in the real window, headless (Monocle): hover
 * tooltips, zoom and fit keys, arrow-key navigation between devices, Escape, Enter/Space on
 * SR-IOV VFs, and folding subtrees (C, Enter on a bridge, Shift+C/E, a click on the fold). Uses the demo host (core's DemoTopology).
 */
@ExtendWith(ApplicationExtension.class)
class GraphInputFxTest {

    /** The SR-IOV PF of the demo with four VFs (0001:01:02.0-3). */
    private static final PciAddress PF = a("0001:01:00.0");

    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FxBackground(), new TreeLayout());
        view = TestWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        // the stage outlives the test: no tooltip of this graph may stay up for the next one
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof Tooltip).forEach(Window::hide));
        model.close();
    }

    // ---- tooltips ---------------------------------------------------------------------------------

    @Test
    void hoveringAFunctionShowsItsTooltipAndEmptyCanvasHidesIt(FxRobot robot) throws Exception {
        open();
        PciAddress nvme = a("0000:08:00.0");
        fx(() -> {
            graph().centreOn(nvme);
            return null;
        });
        Point2D node = fx(() -> graph().screenPointOf(nvme).orElseThrow());
        assertThat(tooltipOfGraph()).as("no tooltip before hovering").isEmpty();

        robot.moveTo(fx(() -> graph().localToScreen(node)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tooltipOfGraph().isPresent());

        String text = fx(() -> tooltipOfGraph().orElseThrow().getText());
        // TooltipText for a function: address, name, and the description's driver, IOMMU group, link; a hint
        assertThat(text).startsWith("0000:08:00.0").contains("Driver: nvme").contains("IOMMU group: 31")
                .contains("Link: ").contains("Click for its blast radius.");

        // up and to the left of the node: the path never crosses the tooltip (shown below right of the pointer)
        Point2D empty = fx(() -> emptyPointNear(node));
        robot.moveTo(fx(() -> graph().localToScreen(empty)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tooltipOfGraph().isEmpty());
        // and no hover delay still running brings it back
        Thread.sleep(700);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tooltipOfGraph()).as("tooltip after the pointer left the node").isEmpty();
    }

    @Test
    void hoveringAVfGroupNamesItsPhysicalFunction(FxRobot robot) throws Exception {
        open();
        GraphNode group = fx(() -> graph().scene().model().node(GraphBuilder.vfGroupId(PF)).orElseThrow());
        assertThat(group.kind()).isEqualTo(NodeKind.VF_GROUP);
        PciAddress vf = group.members().get(0);
        fx(() -> {
            graph().centreOn(vf); // a collapsed VF is shown by its group
            return null;
        });
        Point2D node = fx(() -> graph().screenPointOf(vf).orElseThrow());

        robot.moveTo(fx(() -> graph().localToScreen(node)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tooltipOfGraph().isPresent());

        assertThat(fx(() -> tooltipOfGraph().orElseThrow().getText()))
                .startsWith("4 VFs of 0001:01:00.0: ").contains("Click to show them one by one.");
    }

    // ---- zoom and fit keys ------------------------------------------------------------------------

    @Test
    void plusAndMinusZoomAboutTheCentreWithinTheMaximum(FxRobot robot) throws Exception {
        open();
        focusGraph(robot);

        for (KeyCode in : List.of(KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD)) {
            assertZoomedBy(robot, in, 1.25);
        }
        for (KeyCode out : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
            assertZoomedBy(robot, out, 0.8);
        }

        for (int i = 0; i < 20; i++) {
            robot.type(KeyCode.PLUS);
        }
        assertThat(viewport().scale()).as("zoom stops at MAX_SCALE").isEqualTo(GraphView.MAX_SCALE);
        assertZoomedBy(robot, KeyCode.MINUS, 0.8);
    }

    @Test
    void fAndZeroFitTheWholeGraphInView(FxRobot robot) throws Exception {
        open();
        focusGraph(robot);

        for (KeyCode fitKey : List.of(KeyCode.F, KeyCode.DIGIT0)) {
            robot.type(KeyCode.PLUS).type(KeyCode.PLUS);
            Viewport zoomed = viewport();

            robot.type(fitKey);

            Viewport fitted = viewport();
            Viewport expected = fx(() -> Viewport.fit(graph().scene().layout().bounds(), graph().getWidth(),
                    graph().getHeight(), GraphView.MIN_SCALE, 1.0));
            assertThat(fitted).as(fitKey + " fits").isEqualTo(expected);
            assertThat(fitted.scale()).isNotEqualTo(zoomed.scale());
            Rect bounds = fx(() -> graph().scene().layout().bounds());
            Rect visible = fitted.visible();
            assertThat(bounds.x()).isGreaterThanOrEqualTo(visible.x() - 1e-6);
            assertThat(bounds.y()).isGreaterThanOrEqualTo(visible.y() - 1e-6);
            assertThat(bounds.maxX()).isLessThanOrEqualTo(visible.maxX() + 1e-6);
            assertThat(bounds.maxY()).isLessThanOrEqualTo(visible.maxY() + 1e-6);
            // the same as the view command
            fx(() -> {
                graph().fit();
                return null;
            });
            assertThat(viewport()).isEqualTo(fitted);
        }
    }

    // ---- arrows, Escape ---------------------------------------------------------------------------

    @Test
    void arrowsMoveBetweenParentChildAndSiblingsAndEscapeClears(FxRobot robot) throws Exception {
        open();
        select(robot, "0000:08:00.0");
        focusGraph(robot);

        robot.type(KeyCode.LEFT);
        assertSelected("0000:07:01.0"); // the downstream port above the data NVMe
        robot.type(KeyCode.RIGHT);
        assertSelected("0000:08:00.0"); // its first (only) child
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.DOWN);
        assertSelected("0000:07:03.0"); // the other downstream port of the switch
        robot.type(KeyCode.UP);
        assertSelected("0000:07:01.0");
        assertThat(model.blastProperty().get()).isNotNull();

        robot.type(KeyCode.ESCAPE);

        assertThat(model.selectionProperty().get()).isNull();
        assertThat(model.blastProperty().get()).isNull();
        assertThat(model.detailsProperty().get()).isEmpty();
    }

    @Test
    void arrowsWalkTheRootBusAndThroughTheDomainNode(FxRobot robot) throws Exception {
        open();
        select(robot, "0000:00:1f.0");
        focusGraph(robot);
        // zoomed in, so each move must scroll the newly focused node into view
        robot.type(KeyCode.PLUS).type(KeyCode.PLUS).type(KeyCode.PLUS);

        robot.type(KeyCode.DOWN);
        assertSelected("0000:00:1f.2");
        assertOnCanvas("0000:00:1f.2");
        robot.type(KeyCode.DOWN);
        assertSelected("0000:00:1f.4");
        assertOnCanvas("0000:00:1f.4");
        robot.type(KeyCode.UP).type(KeyCode.UP).type(KeyCode.UP);
        assertSelected("0000:00:1c.0");
        assertOnCanvas("0000:00:1c.0");

        // LEFT reaches the domain node: not a function, so the selection stays
        robot.type(KeyCode.LEFT);
        assertSelected("0000:00:1c.0");
        // RIGHT from the domain goes to its first function, the host bridge
        robot.type(KeyCode.RIGHT);
        assertSelected("0000:00:00.0");
        assertOnCanvas("0000:00:00.0");
    }

    // ---- Enter / Space on SR-IOV ----------------------------------------------------------------

    @Test
    void enterAndSpaceOnAPfToggleItsVfs(FxRobot robot) throws Exception {
        open();
        select(robot, PF.toString());
        focusGraph(robot);
        assertThat(hasNode(GraphBuilder.vfGroupId(PF))).as("VFs start collapsed").isTrue();
        double scale = viewport().scale();

        robot.type(KeyCode.ENTER);
        awaitScene(() -> hasNode(GraphBuilder.functionId(a("0001:01:02.0"))));

        assertThat(model.expandedPfsProperty().get()).containsExactly(PF);
        assertThat(hasNode(GraphBuilder.vfGroupId(PF))).isFalse();
        assertThat(fx(() -> graph().scene().model().children(GraphBuilder.functionId(PF))))
                .extracting(n -> n.address().orElseThrow().toString())
                .containsExactly("0001:01:02.0", "0001:01:02.1", "0001:01:02.2", "0001:01:02.3");
        assertSelected(PF.toString());
        assertThat(viewport().scale()).as("expanding keeps the zoom").isEqualTo(scale);

        robot.type(KeyCode.SPACE);
        awaitScene(() -> hasNode(GraphBuilder.vfGroupId(PF)));

        assertThat(model.expandedPfsProperty().get()).isEmpty();
        assertThat(hasNode(GraphBuilder.functionId(a("0001:01:02.0")))).isFalse();
        assertSelected(PF.toString());
    }

    @Test
    void enterOnTheVfGroupExpandsItAndOnAPlainFunctionDoesNothing(FxRobot robot) throws Exception {
        open();
        select(robot, "0000:08:00.0");
        focusGraph(robot);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.expandedPfsProperty().get()).isEmpty();
        assertSelected("0000:08:00.0");

        select(robot, PF.toString());
        robot.type(KeyCode.RIGHT); // the "4 VFs" node, the PF's only child: focus, no selection change
        assertSelected(PF.toString());
        robot.type(KeyCode.ENTER);
        awaitScene(() -> hasNode(GraphBuilder.functionId(a("0001:01:02.3"))));

        assertThat(model.expandedPfsProperty().get()).containsExactly(PF);
        assertThat(hasNode(GraphBuilder.vfGroupId(PF))).isFalse();
    }

    // ---- collapsing subtrees ----------------------------------------------------------------------

    private static final PciAddress SWITCH = a("0000:02:00.0");

    @Test
    void cFoldsTheSelectedSwitchAndAClickOnTheFoldOpensIt(FxRobot robot) throws Exception {
        open();
        select(robot, SWITCH.toString());
        focusGraph(robot);
        assertThat(hasNode(GraphBuilder.subtreeId(SWITCH))).as("nothing starts collapsed").isFalse();

        robot.type(KeyCode.C);
        awaitScene(() -> hasNode(GraphBuilder.subtreeId(SWITCH)));

        assertThat(model.collapsedBridgesProperty().get()).containsExactly(SWITCH);
        assertThat(hasNode(GraphBuilder.functionId(a("0000:04:00.0")))).isFalse();
        assertSelected(SWITCH.toString());

        // a click on "6 functions below" (where the hidden GPU is drawn) opens it again
        fx(() -> {
            graph().centreOn(a("0000:04:00.0"));
            return null;
        });
        Point2D fold = fx(() -> graph().screenPointOf(a("0000:04:00.0")).orElseThrow());
        assertThat(fx(() -> graph().nodeAt(fold.getX(), fold.getY()).orElseThrow().kind())).isEqualTo(NodeKind.SUBTREE);
        robot.clickOn(fx(() -> graph().localToScreen(fold)));
        awaitScene(() -> hasNode(GraphBuilder.functionId(a("0000:04:00.0"))));

        assertThat(model.collapsedBridgesProperty().get()).isEmpty();
        assertThat(hasNode(GraphBuilder.subtreeId(SWITCH))).isFalse();
    }

    @Test
    void hoveringAFoldNamesItsBridgeGroupsAndDrivers(FxRobot robot) throws Exception {
        open();
        robot.interact(() -> model.toggleSubtree(SWITCH));
        awaitScene(() -> hasNode(GraphBuilder.subtreeId(SWITCH)));
        fx(() -> {
            graph().centreOn(a("0000:05:00.0"));
            return null;
        });
        Point2D node = fx(() -> graph().screenPointOf(a("0000:05:00.0")).orElseThrow());

        robot.moveTo(fx(() -> graph().localToScreen(node)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tooltipOfGraph().isPresent());

        assertThat(fx(() -> tooltipOfGraph().orElseThrow().getText()))
                .startsWith("6 functions below 0000:02:00.0: groups 10, 11, 12, 13 · 1 nvidia, 1 snd_hda_intel, 2 vfio-pci")
                .contains("Click to expand");
    }

    @Test
    void enterOnABridgeFoldsAndOpensItAndShiftCAndShiftEFoldAndOpenEverySwitch(FxRobot robot) throws Exception {
        open();
        select(robot, SWITCH.toString());
        focusGraph(robot);

        robot.type(KeyCode.ENTER);
        awaitScene(() -> hasNode(GraphBuilder.subtreeId(SWITCH)));
        assertThat(model.collapsedBridgesProperty().get()).containsExactly(SWITCH);
        robot.type(KeyCode.ENTER);
        awaitScene(() -> !hasNode(GraphBuilder.subtreeId(SWITCH)));
        assertThat(model.collapsedBridgesProperty().get()).isEmpty();
        assertSelected(SWITCH.toString());

        robot.press(KeyCode.SHIFT).type(KeyCode.C).release(KeyCode.SHIFT);
        awaitScene(() -> hasNode(GraphBuilder.subtreeId(SWITCH)) && hasNode(GraphBuilder.subtreeId(a("0000:06:00.0"))));
        assertThat(model.collapsedBridgesProperty().get()).containsExactlyInAnyOrder(SWITCH, a("0000:06:00.0"),
                a("0000:0a:00.0"));

        robot.press(KeyCode.SHIFT).type(KeyCode.E).release(KeyCode.SHIFT);
        awaitScene(() -> !hasNode(GraphBuilder.subtreeId(SWITCH)));
        assertThat(model.collapsedBridgesProperty().get()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void open() throws Exception {
        TestWindow.open(view, model, HostSource.of(Hosts.sharedDemo()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> graph().scene() == model.sceneProperty().get()
                && graph().getWidth() > 0 && graph().getHeight() > 0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private GraphView graph() {
        return view.graph();
    }

    private void focusGraph(FxRobot robot) throws Exception {
        robot.interact(graph()::requestFocus);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(graph()::isFocused));
    }

    private void select(FxRobot robot, String address) throws Exception {
        robot.interact(() -> model.select(a(address), true));
        WaitForAsyncUtils.waitForFxEvents();
        assertSelected(address);
    }

    private void assertSelected(String address) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectionProperty().get()).isEqualTo(a(address));
    }

    private void assertOnCanvas(String address) throws Exception {
        Point2D p = fx(() -> graph().screenPointOf(a(address)).orElseThrow());
        Bounds canvas = fx(() -> graph().getLayoutBounds());
        assertThat(canvas.contains(p)).as(address + " at " + p + " is on the canvas " + canvas).isTrue();
    }

    private void assertZoomedBy(FxRobot robot, KeyCode key, double factor) throws Exception {
        Viewport before = viewport();
        double cx = before.width() / 2;
        double cy = before.height() / 2;

        robot.type(key);

        Viewport after = viewport();
        double expected = Math.max(GraphView.MIN_SCALE, Math.min(GraphView.MAX_SCALE, before.scale() * factor));
        assertThat(after.scale()).as(key + " zooms by " + factor).isCloseTo(expected, within(1e-9));
        assertThat(after.scale()).isNotEqualTo(before.scale());
        // about the middle of the canvas: the graph point there stays there
        assertThat(after.toGraphX(cx)).isCloseTo(before.toGraphX(cx), within(1e-6));
        assertThat(after.toGraphY(cy)).isCloseTo(before.toGraphY(cy), within(1e-6));
    }

    private void awaitScene(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.busyProperty().get()
                && fx(() -> graph().scene() == model.sceneProperty().get()) && fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean hasNode(String id) throws Exception {
        return fx(() -> graph().scene().model().node(id).isPresent());
    }

    private Viewport viewport() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(graph()::viewport);
    }

    /** The showing tooltip this graph opened, if any (read on the FX thread). */
    private Optional<Tooltip> tooltipOfGraph() throws Exception {
        return fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Tooltip && w.isShowing() && ((Tooltip) w).getOwnerNode() == graph())
                .map(w -> (Tooltip) w).findFirst());
    }

    /** A canvas point above and to the left of {@code node}, clear of every node box, nearest first. */
    private Point2D emptyPointNear(Point2D node) {
        double w = graph().getWidth();
        double h = graph().getHeight();
        Point2D best = null;
        for (double x = 10; x < Math.min(node.getX(), w - 10); x += 8) {
            for (double y = 10; y < Math.min(node.getY(), h - 10); y += 8) {
                if (clear(x, y) && (best == null || node.distance(x, y) < node.distance(best))) {
                    best = new Point2D(x, y);
                }
            }
        }
        if (best == null) {
            throw new AssertionError("no empty canvas above left of " + node);
        }
        return best;
    }

    /** No node within 12 px of a canvas point. */
    private boolean clear(double x, double y) {
        for (double dx = -12; dx <= 12; dx += 6) {
            for (double dy = -12; dy <= 12; dy += 6) {
                if (graph().nodeAt(x + dx, y + dy).isPresent()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static PciAddress a(String s) {
        return PciAddress.parse(s);
    }
}
