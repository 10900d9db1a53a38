package org.vfioinspector.app.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.vfioinspector.app.Timing;
import org.vfioinspector.app.gui.graph.ConsequenceMarks;
import org.vfioinspector.app.gui.graph.GraphBuilder;
import org.vfioinspector.app.gui.graph.GraphLayout;
import org.vfioinspector.app.gui.graph.GraphScene;
import org.vfioinspector.app.gui.graph.GraphTheme;
import org.vfioinspector.app.gui.graph.Highlight;
import org.vfioinspector.app.gui.graph.SvgExport;
import org.vfioinspector.app.gui.startup.OutlineFirst;
import org.vfioinspector.app.gui.startup.Preload;
import org.vfioinspector.app.gui.startup.ReadGauge;
import org.vfioinspector.app.report.BlastDocument;
import org.vfioinspector.app.report.BlastText;
import org.vfioinspector.app.report.DetailSection;
import org.vfioinspector.app.report.Json;
import org.vfioinspector.app.report.ToolVersion;
import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.snapshot.SnapshotResult;
import org.vfioinspector.core.snapshot.SnapshotWriter;

/**
 * The presentation model of the inspector window: which host is open, its graph, the selection
 * with its blast radius and details, search, theme, and the commands of the toolbar. It never
 * touches a Node; slow work goes through the injected {@link Background}, and results from an
 * outdated request (an older load or layout) are dropped.
 */
public final class MainViewModel implements AutoCloseable {

    private final Background background;
    private final GraphLayout layout;
    private final PrivilegedFlows flows;

    private final ReadOnlyObjectWrapper<LoadedHost> host = new ReadOnlyObjectWrapper<>(this, "host");
    private final ReadOnlyObjectWrapper<GraphScene> scene = new ReadOnlyObjectWrapper<>(this, "scene", GraphScene.EMPTY);
    private final ReadOnlyObjectWrapper<PciAddress> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyObjectWrapper<BlastRadius> blast = new ReadOnlyObjectWrapper<>(this, "blast");
    private final ReadOnlyObjectWrapper<Highlight> highlight = new ReadOnlyObjectWrapper<>(this, "highlight", Highlight.NONE);
    private final ReadOnlyObjectWrapper<List<DetailSection>> details = new ReadOnlyObjectWrapper<>(this, "details", List.of());
    private final ReadOnlyObjectWrapper<List<GroupSummary>> groups = new ReadOnlyObjectWrapper<>(this, "groups", List.of());
    private final ReadOnlyObjectWrapper<Banner> banner = new ReadOnlyObjectWrapper<>(this, "banner");
    private final ReadOnlyObjectWrapper<Set<PciAddress>> expandedPfs = new ReadOnlyObjectWrapper<>(this, "expandedPfs", Set.of());
    /** Bridges whose subtree the graph shows as one "N functions below" node; none by default. */
    private final ReadOnlyObjectWrapper<Set<PciAddress>> collapsedBridges =
            new ReadOnlyObjectWrapper<>(this, "collapsedBridges", Set.of());
    private final ReadOnlyObjectWrapper<CentreRequest> centreRequest = new ReadOnlyObjectWrapper<>(this, "centreRequest");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper searchResult = new ReadOnlyStringWrapper(this, "searchResult", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper layingOut = new ReadOnlyBooleanWrapper(this, "layingOut");
    private final ReadOnlyObjectWrapper<ReadGauge> reading = new ReadOnlyObjectWrapper<>(this, "reading");
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
    private final ReadOnlyStringWrapper resetUnavailable = new ReadOnlyStringWrapper(this, "resetUnavailable",
            NOTHING_OPEN);

    private static final String NOTHING_OPEN = "Open a host first.";
    private static final String NOTHING_SELECTED = "Select a function first: the reset is of the selection.";

    private int jobs;
    private long loadGeneration;
    private long layoutGeneration;
    /** The start-up fast path: the launcher's preload, the outline's graph and what was picked in it. */
    private final OutlineFirst outline = new OutlineFirst();
    private long centreSeq;
    private PciAddress pendingCentre;
    private String lastQuery = "";
    private List<PciAddress> matches = List.of();
    private int matchIndex = -1;

    /** A model that starts neither the reset wizard nor the pending restore ({@link PrivilegedFlows#NONE}). */
    public MainViewModel(Background background, GraphLayout layout) {
        this(background, layout, PrivilegedFlows.NONE);
    }

    /** @param flows the reset wizard and the pending restore, which need the privileged runner */
    public MainViewModel(Background background, GraphLayout layout, PrivilegedFlows flows) {
        this.background = Objects.requireNonNull(background, "background");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.flows = Objects.requireNonNull(flows, "flows");
        // the selection and the host change together in showHost: both are read when either changes
        host.addListener((o, a, b) -> updateResetUnavailable());
        selection.addListener((o, a, b) -> updateResetUnavailable());
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Reads a host in the background and shows it; the previous host stays until the new one is read. */
    public void open(HostSource source) {
        open(source, null);
    }

    /**
     * Opens what the launcher has been reading since before the window existed: the same as
     * {@link #open(HostSource)}, but the host and its first layout come from {@code preload}.
     */
    public void open(Preload preload) {
        read(preload.source(), preload::host, preload.gauge(), null, preload);
        long gen = loadGeneration;
        // the launcher lays the graph out from the host's outline before the details are read: show it as
        // soon as it is there; the host and its panels follow
        java.util.function.Consumer<GraphScene> show = s -> {
            if (gen == loadGeneration && host.get() == null && s.model().size() > 0) {
                outline.showing(s);
                scene.set(s);
            }
        };
        Optional<GraphScene> ready = preload.sceneIfReady();
        if (ready.isPresent()) {
            show.accept(ready.get()); // already laid out (while the window was shown): in the window's first frame
            return;
        }
        background.run("Laying out the graph", preload::scene, show, error -> {
            // reported by the host's own layout, which tries again
        });
    }

    /** Reads the current host again, keeping the selection when the function still exists. */
    public void refresh() {
        LoadedHost h = host.get();
        if (h != null) {
            open(h.source(), selection.get());
        }
    }

    private void open(HostSource source, PciAddress keep) {
        ReadGauge gauge = new ReadGauge();
        read(source, () -> LoadedHost.load(source, gauge), gauge, keep, null);
    }

    /** Reads a host in the background and shows it, unless a later open has started since. */
    private void read(HostSource source, java.util.concurrent.Callable<LoadedHost> work, ReadGauge gauge,
                      PciAddress keep, Preload preload) {
        long gen = ++loadGeneration;
        reading.set(gauge);
        start("Reading " + source.describe() + "…");
        Timing.mark("reading " + source.describe() + (preload == null ? "" : " (preloaded)"));
        background.run("Reading " + source.describe(), work, loaded -> {
            Timing.mark("host read: " + loaded.topology().size() + " functions");
            if (gen == loadGeneration) {
                reading.set(null);
            }
            finish();
            if (gen != loadGeneration) {
                loaded.close();
                return;
            }
            outline.hostRead(preload, loaded);
            show(loaded, keep);
        }, error -> {
            if (gen == loadGeneration) {
                reading.set(null);
            }
            finish();
            if (gen == loadGeneration) {
                message.set("Could not open " + source.describe() + ": " + describe(error));
                if (host.get() == null) {
                    status.set("Nothing open: " + describe(error));
                }
            }
        });
    }

    private void show(LoadedHost loaded, PciAddress keep) {
        try {
            showHost(loaded, keep);
        } finally {
            Timing.mark("host shown (tree, details, groups)");
        }
    }

    private void showHost(LoadedHost loaded, PciAddress keep) {
        LoadedHost old = host.get();
        boolean sameSource = old != null && old.source().equals(loaded.source());
        OutlineFirst.Handover early = outline.handOver(loaded, scene.get(), keep);
        host.set(loaded);
        if (old != null) {
            // closing deletes an unpacked snapshot or demo: file work, so not on the UI thread
            background.run("Closing " + old.title(), () -> {
                old.close();
                return old;
            }, x -> { }, e -> { });
        }
        status.set(HostSummary.of(loaded));
        banner.set(Banner.of(loaded));
        groups.set(GroupSummary.of(loaded));
        if (!sameSource) {
            expandedPfs.set(Set.of());
            collapsedBridges.set(Set.of());
        }
        lastQuery = "";
        matches = List.of();
        searchResult.set("");
        if (!early.keepScene()) {
            scene.set(GraphScene.EMPTY);
        }
        PciAddress picked = early.selection();
        if (picked != null && loaded.topology().contains(picked)) {
            select(picked, early.centre());
        } else {
            clearSelection();
        }
        if (!early.keepScene()) {
            relayout();
        }
        offerPendingRestore(loaded);
    }

    /**
     * After a crash, an earlier run may have left functions on vfio-pci: read the bind journal in the
     * background and, when it has open entries, offer to put the original drivers back.
     */
    private void offerPendingRestore(LoadedHost loaded) {
        background.run("Reading the bind journal", () -> flows.pendingRestore(loaded),
                offer -> offer.ifPresent(Runnable::run),
                error -> message.set("Cannot read the bind journal: " + describe(error)));
    }

    /** Opens the reset wizard for the selected function; nothing when {@link #resetUnavailableProperty()} says why not. */
    public void resetSelected() {
        LoadedHost h = host.get();
        PciAddress target = selection.get();
        if (h != null && target != null) {
            flows.openReset(h, target);
        }
    }

    private void updateResetUnavailable() {
        resetUnavailable.set(host.get() == null ? NOTHING_OPEN : selection.get() == null ? NOTHING_SELECTED : "");
    }

    /** Selects a function (null clears); {@code centre} asks the graph to scroll to it. */
    public void select(PciAddress address, boolean centre) {
        LoadedHost h = host.get();
        if (h == null && outline.hold(address, centre)) {
            return; // the outline's graph is up, the details are still being read: selected when they are
        }
        if (address == null || h == null || !h.topology().contains(address)) {
            clearSelection();
            return;
        }
        PciDevice d = h.topology().device(address).orElseThrow();
        BlastRadius b = h.analyzer().analyze(address);
        selection.set(address);
        blast.set(b);
        highlight.set(Highlight.of(b).withBottleneck(h.health().path(address).bottleneckHop()
                .map(org.vfioinspector.core.health.LinkHop::downstream)));
        details.set(DeviceDetails.of(d, h).sections());
        Optional<PciAddress> pf = d.sriov().physfn().filter(h.topology()::contains);
        // a function picked from the tree or search must be visible, not hidden in a collapsed subtree
        Set<PciAddress> c = new HashSet<>(collapsedBridges.get());
        boolean opened = c.removeAll(GraphBuilder.drawnAncestors(h.topology(), address));
        if (opened) {
            collapsedBridges.set(Set.copyOf(c));
        }
        if (pf.isPresent() && !expandedPfs.get().contains(pf.get())) {
            // a VF picked from the tree or search must be visible, not hidden in "N VFs"
            Set<PciAddress> e = new HashSet<>(expandedPfs.get());
            e.add(pf.get());
            expandedPfs.set(Set.copyOf(e));
            opened = true;
        }
        if (opened) {
            pendingCentre = centre ? address : null;
            relayout();
            return;
        }
        if (centre) {
            centreRequest.set(new CentreRequest(address, ++centreSeq));
        }
    }

    public void clearSelection() {
        outline.dropSelection();
        selection.set(null);
        blast.set(null);
        highlight.set(Highlight.NONE);
        details.set(List.of());
    }

    /** Selects the next function matching {@code query}; the same query again moves to the next match. */
    public void search(String query) {
        LoadedHost h = host.get();
        String q = query == null ? "" : query.strip();
        if (h == null || q.isEmpty()) {
            searchResult.set("");
            return;
        }
        if (!q.equals(lastQuery) || matches.isEmpty()) {
            lastQuery = q;
            matches = DeviceSearch.find(q, h.topology(), h.names());
            matchIndex = -1;
        }
        if (matches.isEmpty()) {
            searchResult.set("No function matches “" + q + "”");
            return;
        }
        matchIndex = (matchIndex + 1) % matches.size();
        searchResult.set((matchIndex + 1) + " of " + matches.size());
        select(matches.get(matchIndex), true);
    }

    /** What the search box's result list shows for {@code query}: every match, in the order Enter visits them. */
    public List<DeviceSearch.Hit> searchHits(String query) {
        LoadedHost h = host.get();
        String q = query == null ? "" : query.strip();
        return h == null || q.isEmpty() ? List.of() : DeviceSearch.hits(q, h.topology(), h.names());
    }

    /** Selects and centres match {@code index} of {@code query} (picked in the result list); Enter goes on from it. */
    public void showMatch(String query, int index) {
        LoadedHost h = host.get();
        String q = query == null ? "" : query.strip();
        if (h == null || q.isEmpty()) {
            return;
        }
        if (!q.equals(lastQuery) || matches.isEmpty()) {
            lastQuery = q;
            matches = DeviceSearch.find(q, h.topology(), h.names());
        }
        if (index < 0 || index >= matches.size()) {
            return;
        }
        matchIndex = index;
        searchResult.set((matchIndex + 1) + " of " + matches.size());
        select(matches.get(matchIndex), true);
    }

    /** Shows or hides the VFs of a physical function. */
    public void toggleVfs(PciAddress pf) {
        Set<PciAddress> e = new HashSet<>(expandedPfs.get());
        if (!e.remove(pf)) {
            e.add(pf);
        }
        expandedPfs.set(Set.copyOf(e));
        PciAddress sel = selection.get();
        if (sel != null && host.get() != null && host.get().topology().device(sel)
                .flatMap(d -> d.sriov().physfn()).map(pf::equals).orElse(false) && !e.contains(pf)) {
            select(pf, false); // the selected VF disappears into its group: select the PF instead
        }
        relayout();
    }

    /**
     * Folds everything below {@code bridge} into one node, or shows it again; the selection, when it
     * disappears into the fold, moves to the bridge.
     */
    public void toggleSubtree(PciAddress bridge) {
        LoadedHost h = host.get();
        if (h == null || bridge == null || !h.topology().contains(bridge)) {
            return;
        }
        Set<PciAddress> c = new HashSet<>(collapsedBridges.get());
        if (!c.remove(bridge)) {
            c.add(bridge);
        }
        setCollapsed(h, c);
    }

    /** Folds every switch (every bridge with functions below) one level below a root port. */
    public void collapseSwitches() {
        LoadedHost h = host.get();
        if (h != null) {
            Set<PciAddress> c = new HashSet<>(collapsedBridges.get());
            c.addAll(GraphBuilder.switchesBelowRootPorts(h.topology()));
            setCollapsed(h, c);
        }
    }

    /** Shows every subtree again (VFs stay as they are). */
    public void expandAllSubtrees() {
        LoadedHost h = host.get();
        if (h != null && !collapsedBridges.get().isEmpty()) {
            setCollapsed(h, Set.of());
        }
    }

    private void setCollapsed(LoadedHost h, Set<PciAddress> c) {
        if (c.equals(collapsedBridges.get())) {
            return;
        }
        collapsedBridges.set(Set.copyOf(c));
        PciAddress sel = selection.get();
        if (sel != null) {
            // the selected function folded away: select the nearest bridge still shown
            List<PciAddress> up = GraphBuilder.drawnAncestors(h.topology(), sel);
            for (int i = up.size() - 1; i >= 0; i--) {
                if (c.contains(up.get(i))) {
                    select(up.get(i), false);
                    break;
                }
            }
        }
        relayout();
    }

    private void relayout() {
        LoadedHost h = host.get();
        if (h == null) {
            return;
        }
        long gen = ++layoutGeneration;
        Set<PciAddress> expanded = expandedPfs.get();
        Set<PciAddress> collapsed = collapsedBridges.get();
        layingOut.set(true);
        start("Laying out " + h.topology().size() + " functions…");
        java.util.concurrent.Callable<GraphScene> laidOut = outline.layout(h, expanded, collapsed,
                () -> GraphScene.compute(h.topology(), h.names(), expanded, collapsed, layout));
        // what the host loses with each function, drawn on its node before anything is selected
        java.util.concurrent.Callable<GraphScene> work = () -> laidOut.call()
                .withMarks(ConsequenceMarks.of(h.topology(), h.state()));
        background.run("Laying out the graph", work, s -> {
            Timing.mark("graph laid out: " + s.model().size() + " nodes");
            finish();
            if (gen != layoutGeneration || h != host.get()) {
                return;
            }
            layingOut.set(false);
            scene.set(s);
            if (pendingCentre != null) {
                centreRequest.set(new CentreRequest(pendingCentre, ++centreSeq));
                pendingCentre = null;
            }
        }, error -> {
            finish();
            if (gen == layoutGeneration) {
                layingOut.set(false);
                message.set("Could not lay out the graph: " + describe(error));
            }
        });
    }

    /** Writes a snapshot of the open host (its sysfs and proc files) to {@code out}. */
    public void saveSnapshot(Path out) {
        LoadedHost h = host.get();
        if (h == null) {
            message.set("Nothing is open to save.");
            return;
        }
        start("Saving snapshot…");
        background.run("Saving snapshot", () -> new SnapshotWriter(ToolVersion.VERSION).write(h.session().root(), out),
                (SnapshotResult r) -> {
                    finish();
                    message.set("Saved snapshot " + r.archive() + " (" + r.files() + " files"
                            + (r.skipped() > 0 ? ", " + r.skipped() + " skipped" : "") + ").");
                }, error -> {
                    finish();
                    message.set("Could not save the snapshot: " + describe(error));
                });
    }

    /** Writes the selection's blast radius report as text. */
    public void exportBlastText(Path out) {
        BlastRadius b = blast.get();
        LoadedHost h = host.get();
        if (b == null || h == null) {
            message.set("Select a function first: the report is about the selection.");
            return;
        }
        write(out, () -> BlastText.render(b, h.topology(), h.state(), h.names()), "blast radius report");
    }

    /** Writes the selection's blast radius as the CLI's {@code blast --json} document. */
    public void exportBlastJson(Path out) {
        BlastRadius b = blast.get();
        if (b == null) {
            message.set("Select a function first: the report is about the selection.");
            return;
        }
        write(out, () -> Json.write(BlastDocument.of(b)) + "\n", "blast radius JSON");
    }

    /** Writes the whole graph, with the current highlight and theme, as SVG. */
    public void exportGraphSvg(Path out) {
        GraphScene s = scene.get();
        Highlight hl = highlight.get();
        GraphTheme theme = theme();
        write(out, () -> SvgExport.render(s, hl, theme), "graph SVG");
    }

    /** Writes bytes the view prepared (the PNG it rendered), encoding them on a worker. */
    public void writeFile(Path out, java.util.concurrent.Callable<byte[]> data, String what) {
        start("Writing " + what + "…");
        background.run("Writing " + what, () -> Files.write(out, data.call()), p -> {
            finish();
            message.set("Wrote " + what + " to " + out + ".");
        }, error -> {
            finish();
            message.set("Could not write " + out + ": " + describe(error));
        });
    }

    private void write(Path out, java.util.concurrent.Callable<String> content, String what) {
        start("Writing " + what + "…");
        background.run("Writing " + what, () -> Files.writeString(out, content.call(), StandardCharsets.UTF_8), p -> {
            finish();
            message.set("Wrote " + what + " to " + out + ".");
        }, error -> {
            finish();
            message.set("Could not write " + out + ": " + describe(error));
        });
    }

    /**
     * Reads the audit log of the open host (this host's when none is open) in the background and hands the listing
     * to {@code shown} on the UI thread: the History dialog.
     */
    public void loadHistory(java.util.function.Consumer<HistoryListing> shown) {
        LoadedHost h = host.get();
        org.vfioinspector.core.audit.AuditLog log = org.vfioinspector.core.audit.AuditLog.forHost(
                h == null ? org.vfioinspector.core.sysfs.HostRoot.live() : h.session().root());
        background.run("Reading the audit log", () -> HistoryListing.read(log), shown,
                e -> message.set("The audit log could not be read: " + describe(e)));
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    /** Shows a notice in the window (for the view's own problems, e.g. a failed PNG render). */
    public void notice(String text) {
        message.set(text);
    }

    public GraphTheme theme() {
        return dark.get() ? GraphTheme.DARK : GraphTheme.LIGHT;
    }

    @Override
    public void close() {
        LoadedHost h = host.get();
        if (h != null) {
            h.close();
        }
    }

    private void start(String what) {
        jobs++;
        busy.set(true);
        activity.set(what);
    }

    private void finish() {
        jobs = Math.max(0, jobs - 1);
        busy.set(jobs > 0);
        if (jobs == 0) {
            activity.set("");
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return t.getMessage();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    // ---- read-only properties -----------------------------------------------------------------

    public ReadOnlyObjectProperty<LoadedHost> hostProperty() {
        return host.getReadOnlyProperty();
    }

    /** How far the host being read has got; null when no read is running. */
    public ReadOnlyObjectProperty<ReadGauge> readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GraphScene> sceneProperty() {
        return scene.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PciAddress> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BlastRadius> blastProperty() {
        return blast.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Highlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<DetailSection>> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The host's IOMMU groups, for the overview shown while nothing is selected. */
    public ReadOnlyObjectProperty<List<GroupSummary>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Banner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<PciAddress>> expandedPfsProperty() {
        return expandedPfs.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<PciAddress>> collapsedBridgesProperty() {
        return collapsedBridges.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CentreRequest> centreRequestProperty() {
        return centreRequest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** Shows a one-line message to the user (a view's own failure, such as a comparison that could not be read). */
    public void showMessage(String text) {
        message.set(text);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty searchResultProperty() {
        return searchResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty layingOutProperty() {
        return layingOut.getReadOnlyProperty();
    }

    /** Why "Reset…" cannot run now; empty when it can (a host is open and a function of it selected). */
    public ReadOnlyStringProperty resetUnavailableProperty() {
        return resetUnavailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }
}
