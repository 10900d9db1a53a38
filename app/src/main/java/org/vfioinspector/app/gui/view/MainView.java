package org.vfioinspector.app.gui.view;

import java.io.File;
import java.nio.file.Path;

import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import org.controlsfx.control.StatusBar;
import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.DeviceDetails;
import org.vfioinspector.app.gui.MainViewModel;
import org.vfioinspector.app.gui.graph.GraphNode;
import org.vfioinspector.app.gui.graph.NodeKind;
import org.vfioinspector.app.gui.graph.PngExport;
import org.vfioinspector.app.gui.startup.AfterNextFrame;
import org.vfioinspector.app.report.TooltipText;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;

/**
 * The inspector window's content: toolbar and banner on top, device list | graph | details in the
 * middle, the blast radius below, the host summary in a status bar. It binds to the
 * {@link MainViewModel} and holds no state of its own beyond what the controls need.
 *
 * <p>The graph comes first: the window opens with the toolbar, the graph and the status bar, and the
 * three side panels (device tree, details, blast radius) are built and filled a few pulses after the
 * host's graph entered the scene (or once the first host turned out to have none). Building, styling and
 * filling them cost ~0.3 s of CPU on the FX thread of a cold start, which on a 2-core machine also slowed
 * the scan and layout running beside it (BENCHMARKS.md, run 3). The panels read the model's current
 * state when they arrive; anything that needs them earlier ({@link #tree()} and friends) builds them at
 * once.
 */
public final class MainView extends BorderPane {

    static final String CSS = "/org/vfioinspector/app/gui/view/inspector.css";
    static final String DARK_CSS = "/org/vfioinspector/app/gui/view/inspector-dark.css";

    /**
     * The panels' default sizes in pixels: the graph gets the rest, most of the window (at 1280x800 about
     * 1030x530 of canvas, over half the window). Each panel can be dragged wider or narrower and collapsed with
     * its toolbar switch or Ctrl+1 (devices), Ctrl+2 (details) and Ctrl+3 (blast radius); it keeps its size in
     * pixels when the window is resized, and comes back at the size it had.
     */
    static final double TREE_WIDTH = 230;
    static final double DETAILS_WIDTH = 240;
    static final double BLAST_HEIGHT = 190;
    /**
     * Windows narrower than this open with the device list collapsed: the graph, search and the details say
     * the same, and the list's 230 pixels are a fifth of a laptop screen's graph. Ctrl+1 or Devices shows it;
     * until someone does either, the list follows the window across this width.
     */
    static final double WIDE_WINDOW = 1800;

    private final MainViewModel model;
    private final Stage stage;
    private final GraphView graph;
    /** The side panels, null until built ({@link #panels()}); their slots hold the window's layout meanwhile. */
    private Panels panels;
    private final StackPane treeSlot = slot("tree-slot");
    private final StackPane detailsSlot = slot("details-slot");
    private final StackPane blastSlot = slot("blast-slot");
    private boolean panelsScheduled;
    private final BannerView banner;
    private final InspectorToolbar toolbar;
    private final StatusBar statusBar = new StatusBar();
    private final Label placeholder = new Label();
    /** In the details slot until the panels are built: says that the graph came first and the rest follows. */
    private final Label slotNote = new Label();
    private final Legend legend = new Legend();
    private final AfterNextFrame pending = new AfterNextFrame();
    private SplitPane middle;
    private SplitPane main;
    private final javafx.beans.property.BooleanProperty treeShown = new javafx.beans.property.SimpleBooleanProperty(true);
    private final javafx.beans.property.BooleanProperty detailsShown = new javafx.beans.property.SimpleBooleanProperty(true);
    private final javafx.beans.property.BooleanProperty blastShown = new javafx.beans.property.SimpleBooleanProperty(true);
    /** The panels' sizes in pixels, kept while a panel is collapsed so it comes back as it was. */
    private double treeWidth = TREE_WIDTH;
    private double detailsWidth = DETAILS_WIDTH;
    private double blastHeight = BLAST_HEIGHT;
    /** Whether the panels' sizes were applied to the splits (in the window's first layout, when its size is known). */
    private boolean sized;
    /** Set when the panels' dividers were moved: the next layout corrects them to the panels' sizes in pixels. */
    private boolean resize;
    /** Whether the device list was shown or hidden by someone (then the window's width no longer decides it). */
    private boolean treeChosen;
    /** Set while the window's width shows or hides the device list (not someone's choice). */
    private boolean treeByWidth;
    private final javafx.animation.Timeline readPoll = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.millis(200), e -> showProgress()));
    /** From the start of a host's read until its first layout is done: the bar shows that load. */
    private boolean loadingHost;

    public MainView(MainViewModel model, Stage stage) {
        this.model = model;
        this.stage = stage;
        getStyleClass().add("inspector");
        graph = new GraphView(model.theme());
        graph.setId("graph");
        banner = new BannerView(() -> model.open(HostSource.DEMO));
        toolbar = new InspectorToolbar(model, this);
        setTop(new VBox(toolbar, banner));

        placeholder.getStyleClass().add("graph-placeholder");
        placeholder.setMouseTransparent(true);
        StackPane canvasArea = new StackPane(graph, placeholder);
        BorderPane centre = new BorderPane(canvasArea);
        centre.setBottom(legend);
        centre.getStyleClass().add("graph-pane");

        slotNote.getStyleClass().add("placeholder");
        slotNote.setId("details-note");
        slotNote.setWrapText(true);
        slotNote.setPadding(new javafx.geometry.Insets(12));
        StackPane.setAlignment(slotNote, javafx.geometry.Pos.TOP_LEFT);
        detailsSlot.getChildren().add(slotNote);
        middle = new SplitPane(treeSlot, centre, detailsSlot);
        middle.setId("middle-split");
        SplitPane.setResizableWithParent(treeSlot, false);
        SplitPane.setResizableWithParent(detailsSlot, false);
        main = new SplitPane(middle, blastSlot);
        main.setId("main-split");
        main.setOrientation(Orientation.VERTICAL);
        SplitPane.setResizableWithParent(blastSlot, false);
        layOutPanels(centre);
        setCenter(main);

        statusBar.setId("status-bar");
        Label message = new Label();
        message.getStyleClass().add("status-message");
        message.textProperty().bind(model.messageProperty());
        statusBar.getRightItems().add(message);
        setBottom(statusBar);
        bind();
    }

    /** Minimum sizes and the collapse switches of the side and bottom panels. */
    private void layOutPanels(javafx.scene.layout.Region centre) {
        treeSlot.setMinWidth(150);
        detailsSlot.setMinWidth(200);
        // the blast slot's minimum is its panel's: the headline, the badges, Reset… and the key blockers
        centre.setMinWidth(320);
        middle.setMinHeight(220);
        treeShown.addListener((o, a, on) -> {
            treeChosen |= !treeByWidth;
            collapse(middle, treeSlot, on, 0);
        });
        detailsShown.addListener((o, a, on) -> collapse(middle, detailsSlot, on, -1));
        blastShown.addListener((o, a, on) -> collapse(main, blastSlot, on, -1));
    }

    /**
     * In the window's first layout, when its size is known: the panels get their sizes in pixels (the splits
     * take fractions), so that the same panels leave a bigger screen's extra room to the graph.
     */
    @Override
    protected void layoutChildren() {
        if (!sized && getWidth() > 0 && getHeight() > 0) {
            sized = true;
            double top = snapSizeY(getTop().prefHeight(getWidth()));
            double bottom = snapSizeY(getBottom().prefHeight(getWidth()));
            applyMiddleDividers(getWidth());
            applyBlastDivider(getHeight() - top - bottom);
            resize = true;
        }
        super.layoutChildren();
        if (resize) {
            resize = false;
            main.layout();
            correctDividers();
        }
    }

    /**
     * Moves the dividers by what the panels' laid out sizes miss of their sizes in pixels (a divider's
     * thickness, a split's rounding), and lays the splits out again: a panel shown again comes back at the
     * size it had, not a few pixels narrower each time.
     */
    private void correctDividers() {
        double w = middle.getWidth();
        double[] d = middle.getDividerPositions();
        if (w > 0 && d.length > 0) {
            if (middle.getItems().contains(treeSlot)) {
                d[0] += (treeWidth - treeSlot.getWidth()) / w;
            }
            if (middle.getItems().contains(detailsSlot)) {
                d[d.length - 1] -= (detailsWidth - detailsSlot.getWidth()) / w;
            }
            middle.setDividerPositions(d);
        }
        double h = main.getHeight();
        if (h > 0 && main.getItems().contains(blastSlot)) {
            main.setDividerPositions(main.getDividerPositions()[0] - (blastHeight - blastSlot.getHeight()) / h);
        }
        main.layout();
    }

    /** Takes a panel out of its split (remembering its size) or puts it back where it was, at that size. */
    private void collapse(SplitPane split, StackPane panel, boolean show, int index) {
        rememberSizes(); // as dragged: the dividers are set again below
        if (!show) {
            split.getItems().remove(panel);
        } else if (!split.getItems().contains(panel)) {
            split.getItems().add(index < 0 ? split.getItems().size() : index, panel);
        }
        if (split == middle) {
            applyMiddleDividers(middle.getWidth() > 0 ? middle.getWidth() : getWidth());
        } else if (show) {
            applyBlastDivider(main.getHeight());
        }
        resize = sized; // corrected in the next layout
        requestLayout();
        graph.requestFocus(); // the graph takes the room: keys go on working there, the panel's toggle stays up
    }

    /** The shown panels' sizes in pixels, as laid out (after the window's first layout). */
    private void rememberSizes() {
        if (middle.getItems().contains(treeSlot) && treeSlot.getWidth() > 0) {
            treeWidth = treeSlot.getWidth();
        }
        if (middle.getItems().contains(detailsSlot) && detailsSlot.getWidth() > 0) {
            detailsWidth = detailsSlot.getWidth();
        }
        if (main.getItems().contains(blastSlot) && blastSlot.getHeight() > 0) {
            blastHeight = blastSlot.getHeight();
        }
    }

    /**
     * The side panels' dividers for a split {@code width} wide (nothing before the window has a size); the
     * next layout corrects them by the dividers' thickness ({@link #correctDividers}).
     */
    private void applyMiddleDividers(double width) {
        if (width <= 0) {
            return;
        }
        boolean tree = middle.getItems().contains(treeSlot);
        boolean details = middle.getItems().contains(detailsSlot);
        double left = treeWidth / width;
        double right = 1 - detailsWidth / width;
        if (tree && details) {
            middle.setDividerPositions(left, right);
        } else if (tree) {
            middle.setDividerPositions(left);
        } else if (details) {
            middle.setDividerPositions(right);
        }
    }

    /** The blast panel's divider for a split {@code height} high (nothing before the window has a size). */
    private void applyBlastDivider(double height) {
        if (height > 0 && main.getItems().contains(blastSlot)) {
            main.setDividerPositions(1 - blastHeight / height);
        }
    }

    /**
     * The device list's default for a window {@code width} wide: shown from {@link #WIDE_WINDOW}, collapsed
     * below it, until someone shows or hides it (the scene's width calls it; tests too, for windows wider than
     * their headless screen).
     */
    void windowWidth(double width) {
        if (treeChosen || width <= 0) {
            return;
        }
        treeByWidth = true;
        try {
            treeShown.set(width >= WIDE_WINDOW);
        } finally {
            treeByWidth = false;
        }
    }

    /** Whether the device list is shown (false: collapsed; Ctrl+1 or its toolbar button toggle it). */
    public javafx.beans.property.BooleanProperty treeShownProperty() {
        return treeShown;
    }

    /** Whether the details panel is shown (Ctrl+2). */
    public javafx.beans.property.BooleanProperty detailsShownProperty() {
        return detailsShown;
    }

    /** Whether the blast radius panel is shown (Ctrl+3). */
    public javafx.beans.property.BooleanProperty blastShownProperty() {
        return blastShown;
    }

    private static StackPane slot(String styleClass) {
        StackPane p = new StackPane();
        p.getStyleClass().addAll("panel-slot", styleClass);
        return p;
    }

    /** The three side panels, built once. */
    private record Panels(DeviceTreeView tree, DetailsView details, BlastPanel blast) {
    }

    /** The side panels, built, placed and filled from the model's current state on first use. */
    private Panels panels() {
        if (panels == null) {
            Timing.mark("building the side panels");
            DeviceTreeView tree = new DeviceTreeView();
            DetailsView details = new DetailsView();
            BlastPanel blast = new BlastPanel(a -> model.select(a, true));
            tree.setOnSelect(a -> model.select(a, true));
            blast.setOnReset(a -> model.resetSelected()); // the panel shows the selection's blast radius
            blast.resetDisabledProperty().bind(model.resetUnavailableProperty().isNotEmpty());
            panels = new Panels(tree, details, blast);
            LoadedHost h = model.hostProperty().get();
            tree.setHost(h);
            if (graph.scene() != null) {
                tree.setGroupColours(graph.scene().colours()::color);
            }
            blast.setHost(h);
            blast.showGroups(model.groupsProperty().get());
            tree.showSelection(model.selectionProperty().get());
            details.show(model.detailsProperty().get());
            blast.show(model.blastProperty().get());
            treeSlot.getChildren().setAll(tree);
            detailsSlot.getChildren().setAll(details);
            blastSlot.getChildren().setAll(blast);
        }
        return panels;
    }

    /** Whether the side panels have been built (they are, shortly after the first graph is on screen). */
    public boolean panelsBuilt() {
        return panels != null;
    }

    /**
     * Builds the panels three pulses after the graph of a read host entered the scene, or after the host of a
     * graph that was drawn from its outline arrived (or the first host turned out to have no graph): after
     * the pulse that sent the graph to the renderer. The renderer may still be painting it then; waiting
     * longer made no measurable difference (BENCHMARKS.md, run 3).
     */
    private void schedulePanels() {
        if (panels != null || panelsScheduled) {
            return;
        }
        panelsScheduled = true;
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses >= 3) {
                    stop();
                    panels();
                }
            }
        }.start();
    }

    private void bind() {
        graph.setOnSelect(a -> model.select(a, false));
        graph.setOnToggleVfs(model::toggleVfs);
        graph.setOnToggleSubtree(model::toggleSubtree);
        graph.setOnCollapseSwitches(model::collapseSwitches);
        graph.setOnExpandSubtrees(model::expandAllSubtrees);
        graph.setOnClear(model::clearSelection);
        graph.setTooltipText(this::tooltip);

        model.hostProperty().addListener((o, a, h) -> {
            pending.flush(); // a late update for the old host must land before the new host's
            if (panels != null) {
                panels.tree().setHost(h);
                panels.blast().setHost(h);
            }
            stage.setTitle("VFIO Inspector — " + (h == null ? "" : h.title()));
            if (h != null) {
                if (model.sceneProperty().get().model().size() > 0) {
                    schedulePanels(); // the graph came first, from the host's outline
                }
            }
        });
        model.sceneProperty().addListener((o, a, s) -> {
            // same host, other VFs expanded: keep the engineer's zoom and position
            boolean keep = a != null && a.model().size() > 0 && s.model().size() > 0
                    && model.hostProperty().get() != null && sameRoots(a, s);
            graph.setScene(s, keep);
            if (panels != null) {
                panels.tree().setGroupColours(s.colours()::color);
            }
            graph.setHighlight(model.highlightProperty().get());
            updatePlaceholder();
            // the panels show the host's details: a graph drawn from its outline alone waits for them
            if (s.model().size() > 0 && model.hostProperty().get() != null) {
                schedulePanels();
            }
        });
        model.highlightProperty().addListener((o, a, h) -> graph.setHighlight(h));
        // the graph's highlight goes out in the next frame on its own; the panels follow one frame later
        // (until the panels exist they have nothing to catch up on: they read the model when built)
        model.selectionProperty().addListener((o, a, s) -> ifPanels("tree", p -> p.tree().showSelection(s)));
        model.detailsProperty().addListener((o, a, d) -> ifPanels("details", p -> p.details().show(d)));
        model.blastProperty().addListener((o, a, b) -> ifPanels("blast", p -> p.blast().show(b)));
        model.bannerProperty().addListener((o, a, b) -> banner.show(b));
        model.groupsProperty().addListener((o, a, g) -> {
            if (panels != null) {
                panels.blast().showGroups(g);
            }
        });
        model.centreRequestProperty().addListener((o, a, r) -> {
            if (r != null) {
                graph.centreOn(r.address());
            }
        });
        model.darkProperty().addListener((o, a, d) -> applyTheme());
        model.busyProperty().addListener((o, a, b) -> {
            if (!b) {
                loadingHost = false;
            }
            showProgress();
            // a host without a graph (no PCI data, or reading or laying it out failed): nothing to wait for.
            // Checked a turn later: a finished read starts the layout right after it ends, in the same turn.
            if (!b && panels == null) {
                javafx.application.Platform.runLater(() -> {
                    if (!model.busyProperty().get() && model.sceneProperty().get().model().size() == 0) {
                        schedulePanels();
                    }
                });
            }
        });
        statusBar.textProperty().bind(javafx.beans.binding.Bindings.when(model.activityProperty().isEmpty())
                .then(model.statusProperty()).otherwise(model.activityProperty()));
        // The bar fills as functions are read (polled 5 times a second) and stays near full while the new host
        // is laid out: no indeterminate bar, whose animation redraws every frame and, at a cold start on
        // two cores, takes CPU time from the read and layout it reports on. Other work (saving, exporting)
        // shows the indeterminate bar.
        readPoll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        model.readingProperty().addListener((o, a, g) -> {
            if (g != null) {
                loadingHost = true;
                readPoll.play();
            } else {
                readPoll.stop();
            }
            showProgress();
        });
        model.layingOutProperty().addListener((o, a, b) -> {
            if (!b) {
                loadingHost = false;
            }
            showProgress();
        });
        showProgress();
        if (model.sceneProperty().get().model().size() > 0
                || model.hostProperty().get() != null && !model.busyProperty().get()) {
            schedulePanels(); // a model that was already showing a host when this view was made
        }
    }

    /** A panel update one frame after the graph's (see {@link AfterNextFrame}); none before the panels exist. */
    private void ifPanels(String key, java.util.function.Consumer<Panels> update) {
        if (panels != null) {
            pending.submit(key, () -> update.accept(panels));
        }
    }

    private static boolean sameRoots(org.vfioinspector.app.gui.graph.GraphScene a, org.vfioinspector.app.gui.graph.GraphScene b) {
        return a.model().roots().stream().map(GraphNode::id).toList()
                .equals(b.model().roots().stream().map(GraphNode::id).toList());
    }

    /** Adds the style sheets; call once the scene exists. */
    public void install(Scene scene) {
        scene.getStylesheets().add(MainView.class.getResource(CSS).toExternalForm());
        windowWidth(scene.getWidth());
        scene.widthProperty().addListener((o, a, w) -> windowWidth(w.doubleValue()));
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.F5) {
                model.refresh();
            }
        });
        installShortcuts(scene);
        applyTheme();
    }

    /**
     * The window's shortcuts as scene accelerators, so they work whichever control has the focus: Ctrl+F
     * focuses the search box (the graph's own keys leave it alone), Ctrl+1/2/3 collapse and restore the panels.
     */
    private void installShortcuts(Scene scene) {
        var shortcut = javafx.scene.input.KeyCombination.SHORTCUT_DOWN;
        var keys = scene.getAccelerators();
        keys.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F, shortcut), toolbar::focusSearch);
        keys.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.DIGIT1, shortcut),
                () -> treeShown.set(!treeShown.get()));
        keys.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.DIGIT2, shortcut),
                () -> detailsShown.set(!detailsShown.get()));
        keys.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.DIGIT3, shortcut),
                () -> blastShown.set(!blastShown.get()));
    }

    private void applyTheme() {
        Scene scene = getScene();
        graph.setTheme(model.theme());
        if (scene != null) {
            String dark = MainView.class.getResource(DARK_CSS).toExternalForm();
            scene.getStylesheets().remove(dark);
            if (model.darkProperty().get()) {
                scene.getStylesheets().add(dark);
            }
        }
    }

    /** The status bar's progress: read functions up to 90 %, the first layout the rest. */
    private void showProgress() {
        var gauge = model.readingProperty().get();
        double p;
        if (gauge != null) {
            p = 0.9 * gauge.fraction();
        } else if (loadingHost && model.busyProperty().get()) {
            p = 0.9; // read, being laid out
        } else {
            p = model.busyProperty().get() ? -1 : 0;
        }
        if (statusBar.getProgress() != p) {
            statusBar.setProgress(p);
        }
        updatePlaceholder();
    }

    private void updatePlaceholder() {
        String text = "";
        var gauge = model.readingProperty().get();
        if (model.layingOutProperty().get()) {
            text = "Laying out the topology…";
        } else if (model.hostProperty().get() == null && model.sceneProperty().get().model().size() > 0) {
            text = ""; // the graph of the host's outline, while its details are read
        } else if (model.hostProperty().get() == null) {
            text = model.busyProperty().get()
                    ? "Reading the host…" + (gauge == null || gauge.describe().isEmpty() ? "" : " " + gauge.describe())
                    : "Nothing open. Use Open to pick a host, snapshot or the demo.";
        } else if (model.hostProperty().get().topology().isEmpty()) {
            text = "No PCI functions to show.";
        }
        placeholder.setText(text);
        placeholder.setVisible(!text.isEmpty());
        slotNote.setText(model.hostProperty().get() == null && model.sceneProperty().get().model().size() > 0
                && model.busyProperty().get() ? "Reading the details of each function: drivers, reset methods, "
                + "capabilities and what the host uses…" : "");
    }

    private String tooltip(GraphNode n) {
        LoadedHost h = model.hostProperty().get();
        if (h == null) {
            return n.title();
        }
        if (n.kind() == NodeKind.VF_GROUP) {
            return n.title() + " of " + n.address().map(Object::toString).orElse("") + ": " + n.detail()
                    + "\nClick to show them one by one.";
        }
        if (n.kind() == NodeKind.SUBTREE) {
            return n.title() + " " + n.address().map(Object::toString).orElse("") + ": " + n.subtitle()
                    + (n.detail().isEmpty() ? "" : " · " + n.detail()) + "\nClick to expand; C on the bridge folds it again.";
        }
        if (!n.isFunction()) {
            return n.title() + " · " + n.subtitle() + (n.detail().isEmpty() ? "" : " · " + n.detail());
        }
        return h.topology().device(n.address().orElseThrow())
                .map(d -> TooltipText.render(DeviceDetails.of(d, h))).orElse(n.title());
    }

    // ---- file actions (called by the toolbar) ---------------------------------------------------------

    void openChosen(boolean directory) {
        if (directory) {
            javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
            c.setTitle("Open a host directory (laid out like /)");
            File f = c.showDialog(stage);
            if (f != null) {
                model.open(HostSource.of(f.toPath()));
            }
            return;
        }
        FileChooser c = chooser("Open a snapshot", "Snapshots", "*.tar.gz", "*.tgz");
        File f = c.showOpenDialog(stage);
        if (f != null) {
            model.open(HostSource.of(f.toPath()));
        }
    }

    /** "Compare with…": the open host against a chosen snapshot or directory ({@link CompareView}). */
    void compareChosen(boolean directory) {
        LoadedHost h = model.hostProperty().get();
        File f;
        if (directory) {
            javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
            c.setTitle("Compare with a host directory (laid out like /)");
            f = h == null ? null : c.showDialog(stage);
        } else {
            f = h == null ? null : chooser("Compare with a snapshot", "Snapshots", "*.tar.gz", "*.tgz").showOpenDialog(stage);
        }
        if (f != null) {
            compareWith(f.toPath());
        }
    }

    /** Compares the open host with {@code other} (the hook the toolbar and tests use). */
    public void compareWith(java.nio.file.Path other) {
        LoadedHost h = model.hostProperty().get();
        if (h != null) {
            CompareView.start(getScene() == null ? null : getScene().getWindow(), h, other, graph,
                    a -> model.select(a, true), model::showMessage, legend::showCompareKey);
        }
    }

    /** "Open host…": a remote host over ssh, read in the background like any other host. */
    void openHost() {
        OpenHostDialog.ask(stage, org.vfioinspector.app.session.RecentHosts.forUser(System.getenv()),
                message -> new Alert(Alert.AlertType.ERROR, message).show()).ifPresent(model::open);
    }

    /** The History dialog over the open host's audit log, read in the background. */
    void showHistory() {
        model.loadHistory(listing -> HistoryDialog.show(getScene() == null ? null : getScene().getWindow(), listing));
    }

    void saveSnapshot() {
        FileChooser c = chooser("Save a snapshot of this host", "Snapshots", "*.tar.gz");
        c.setInitialFileName("vfio-snapshot.tar.gz");
        File f = c.showSaveDialog(stage);
        if (f != null) {
            model.saveSnapshot(f.toPath());
        }
    }

    void export(String kind) {
        FileChooser c = switch (kind) {
            case "png" -> chooser("Export the graph as PNG", "PNG images", "*.png");
            case "svg" -> chooser("Export the graph as SVG", "SVG drawings", "*.svg");
            case "txt" -> chooser("Export the blast radius report", "Text", "*.txt");
            default -> chooser("Export the blast radius as JSON", "JSON", "*.json");
        };
        c.setInitialFileName(model.selectionProperty().get() == null || kind.equals("png") || kind.equals("svg")
                ? "vfio-topology." + kind : "blast-" + model.selectionProperty().get().toString().replace(':', '-') + "." + kind);
        File f = c.showSaveDialog(stage);
        if (f != null) {
            exportTo(kind, f.toPath());
        }
    }

    /** Exports without a dialog (the dialogs' target; tests call it directly). */
    public void exportTo(String kind, Path out) {
        switch (kind) {
            case "png" -> {
                try {
                    var image = PngExport.capture(graph.scene(), model.highlightProperty().get(), graph.painter(),
                            graph.surface());
                    model.writeFile(out, () -> PngExport.encode(image), "graph PNG");
                } catch (RuntimeException | OutOfMemoryError e) {
                    model.notice("Could not render the PNG: " + e.getMessage() + ". Try SVG for very large graphs.");
                }
            }
            case "svg" -> model.exportGraphSvg(out);
            case "txt" -> model.exportBlastText(out);
            default -> model.exportBlastJson(out);
        }
    }

    private static FileChooser chooser(String title, String what, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        return c;
    }

    // ---- for the toolbar and tests ---------------------------------------------------------------------

    public GraphView graph() {
        return graph;
    }

    public DeviceTreeView tree() {
        return panels().tree();
    }

    public DetailsView details() {
        return panels().details();
    }

    public BlastPanel blast() {
        return panels().blast();
    }

    public BannerView banner() {
        return banner;
    }
}
