package org.vfioinspector.app.gui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.vfioinspector.app.gui.LoadedHost;
import org.vfioinspector.app.gui.graph.Labels;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.reset.AffectedFunction;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.ResetMethodInfo;

/**
 * The bottom panel: what a VFIO hot reset of the selection would reach and whether it may run:
 * scope and why, the affected functions with drivers and what the host has on them, the blockers
 * and warnings with their sentences.
 */
public final class BlastPanel extends VBox {

    private final Label verdict = new Label();
    private final Label summary = new Label();
    private final Label reason = new Label();
    private final Label methods = new Label();
    private final HBox head = new HBox(10, verdict, summary);
    private final TableView<AffectedFunction> table = new TableView<>();
    private final VBox findings = new VBox(6);
    private final SplitPane body;
    private final Label empty = new Label("IOMMU groups of this host. Select a function (here, in the graph or "
            + "the list) to see the blast radius of a VFIO hot reset: what it reaches and what must change before it may run.");
    private final GroupsTable groups;
    private LoadedHost host;

    public BlastPanel(java.util.function.Consumer<org.vfioinspector.core.model.PciAddress> onSelect) {
        super(6);
        setId("blast-panel");
        getStyleClass().add("blast-panel");
        verdict.setId("blast-verdict");
        verdict.getStyleClass().add("verdict");
        verdict.setMinWidth(USE_PREF_SIZE);
        summary.setId("blast-summary");
        summary.getStyleClass().add("blast-summary");
        reason.setWrapText(true);
        reason.getStyleClass().add("blast-reason");
        methods.setWrapText(true);
        // wrapped labels in a short panel must keep their lines rather than shrink to "…"
        reason.setMinHeight(USE_PREF_SIZE);
        methods.setMinHeight(USE_PREF_SIZE);
        methods.getStyleClass().add("blast-methods");
        head.setAlignment(Pos.CENTER_LEFT);
        table.setId("blast-affected");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Nothing else is reached."));
        table.getColumns().add(column("Function", 120, f -> f.address().toString()));
        table.getColumns().add(column("Device", 230, f -> host == null ? "" : host.topology().device(f.address())
                .map(d -> (f.bridge() ? Labels.bridgeRole(d) + " · " : "") + Labels.deviceName(d, host.names())).orElse("")));
        table.getColumns().add(column("Driver", 90, f -> f.driver().orElse("none")));
        table.getColumns().add(column("Group", 50, f -> f.group().isPresent() ? Integer.toString(f.group().getAsInt()) : "—"));
        table.getColumns().add(column("In use", 220, BlastPanel::use));
        ScrollPane findingsScroll = new ScrollPane(findings);
        findingsScroll.setFitToWidth(true);
        findingsScroll.getStyleClass().add("findings");
        findings.setId("blast-findings");
        body = new SplitPane(table, findingsScroll);
        body.setDividerPositions(0.5);
        VBox.setVgrow(body, Priority.ALWAYS);
        empty.setWrapText(true);
        empty.setMinHeight(USE_PREF_SIZE);
        empty.getStyleClass().add("placeholder");
        groups = new GroupsTable(onSelect);
        VBox.setVgrow(groups, Priority.ALWAYS);
        show(null);
    }

    public void setHost(LoadedHost h) {
        host = h;
    }

    /** The overview shown while nothing is selected. */
    public void showGroups(java.util.List<org.vfioinspector.app.gui.GroupSummary> list) {
        groups.show(list);
    }

    public void show(BlastRadius b) {
        getChildren().clear();
        if (b == null) {
            getChildren().addAll(empty, groups);
            return;
        }
        HotResetPrediction p = b.hotReset();
        verdict.getStyleClass().removeAll("verdict-blocked", "verdict-warn", "verdict-ok");
        if (b.blocked()) {
            verdict.setText("BLOCKED · " + count(b.blockers().size(), "blocker"));
            verdict.getStyleClass().add("verdict-blocked");
        } else if (!b.warnings().isEmpty()) {
            verdict.setText("CHECK · " + count(b.warnings().size(), "warning"));
            verdict.getStyleClass().add("verdict-warn");
        } else {
            verdict.setText("NO BLOCKERS");
            verdict.getStyleClass().add("verdict-ok");
        }
        String scope = p.possible()
                ? p.scope().orElseThrow().json() + " reset by " + p.resetBridge().map(Object::toString).orElse("?")
                : "no hot reset";
        summary.setText("Hot reset of " + b.device() + ": " + scope + " · reaches " + count(p.affected().size(), "function")
                + (p.groups().isEmpty() ? "" : " in IOMMU group" + (p.groups().size() == 1 ? " " : "s ")
                + p.groups().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        reason.setText(p.reason());
        List<String> m = new ArrayList<>();
        for (ResetMethodInfo r : b.resetMethods()) {
            m.add(r.method());
        }
        methods.setText("Function reset: " + (m.isEmpty() ? "none" : String.join(", ", m)) + ". " + b.recommendation()
                + "  " + b.automaticReset());
        table.setItems(FXCollections.observableArrayList(b.affected()));
        findings.getChildren().clear();
        for (Finding f : b.blockers()) {
            findings.getChildren().add(finding("BLOCKER", "finding-blocker", f));
        }
        for (Finding f : b.warnings()) {
            findings.getChildren().add(finding("WARNING", "finding-warning", f));
        }
        if (findings.getChildren().isEmpty()) {
            Label none = new Label("No blockers and no warnings.");
            none.getStyleClass().add("placeholder");
            findings.getChildren().add(none);
        }
        getChildren().addAll(head, reason, methods, body);
    }

    private static HBox finding(String kind, String style, Finding f) {
        Label tag = new Label(kind);
        tag.getStyleClass().addAll("finding-tag", style);
        tag.setMinWidth(USE_PREF_SIZE);
        Label text = new Label(f.message());
        text.setWrapText(true);
        text.getStyleClass().add("finding-text");
        Label code = new Label(f.code());
        code.getStyleClass().add("finding-code");
        code.setMinWidth(USE_PREF_SIZE);
        VBox words = new VBox(1, code, text);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox h = new HBox(8, tag, words);
        h.getStyleClass().add("finding");
        return h;
    }

    private static String use(AffectedFunction f) {
        List<String> out = new ArrayList<>();
        f.holders().forEach(h -> out.add("held by " + h.command() + " (pid " + h.pid() + ")"));
        for (BlockDevice d : f.disks()) {
            out.add("/dev/" + d.name() + d.mounts().stream().map(x -> " at " + x.mountPoint()).collect(Collectors.joining()));
        }
        for (NetInterface n : f.interfaces()) {
            out.add(n.name() + " " + n.operstate().orElse("?") + (n.defaultRoute() ? " (default route)" : ""));
        }
        f.drmCards().forEach(c -> out.add("display " + c));
        return String.join("; ", out);
    }

    private static TableColumn<AffectedFunction, String> column(String title, double width,
                                                                 java.util.function.Function<AffectedFunction, String> f) {
        TableColumn<AffectedFunction, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Affected functions shown, for tests. */
    public List<String> affectedShown() {
        return table.getItems().stream().map(f -> f.address().toString()).toList();
    }

    public String summaryText() {
        return summary.getText();
    }
}
