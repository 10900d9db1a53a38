package org.vfioinspector.app.gui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

import org.vfioinspector.app.report.BlastHeadline;
import org.vfioinspector.app.report.KindVerdict;
import org.vfioinspector.app.report.Labels;
import org.vfioinspector.app.report.TakesDown;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.host.BlockDevice;
import org.vfioinspector.core.host.NetInterface;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.reset.AffectedFunction;
import org.vfioinspector.core.reset.BlastRadius;
import org.vfioinspector.core.reset.Finding;
import org.vfioinspector.core.reset.FunctionReset;
import org.vfioinspector.core.reset.GroupViability;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.text.Counted;
import org.vfioinspector.core.vfio.ResetKind;

/**
 * The bottom panel: what a reset of the selection through VFIO would reach and whether it may run. The
 * badge is the verdict of the recommended (least invasive possible) reset; the findings show both kinds
 * (function reset and hot reset) with their blockers, warnings and unknowns, and the functions that must
 * leave their host drivers for VFIO to use the groups. The table is the hot reset's affected set.
 */
public final class BlastPanel extends VBox {

    /** One badge per kind of reset, function reset first: the same verdict the reset wizard shows. */
    private final Label verdict = new Label();
    private final Label hotVerdict = new Label();
    private final Label headline = new Label();
    private final Label mustLeaveLine = new Label();
    private final Label unknownLine = new Label();
    private final Label resetWhy = new Label();
    private final VBox keyBlockers = new VBox(2);
    private final Label summary = new Label();
    private final Label reason = new Label();
    private final Label methods = new Label();
    private final javafx.scene.control.Button resetButton = new javafx.scene.control.Button("Reset…");
    private final javafx.scene.layout.FlowPane head = new javafx.scene.layout.FlowPane(8, 4, verdict, hotVerdict, resetButton);
    private final javafx.beans.property.BooleanProperty resetDisabled = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty noKindRuns = new javafx.beans.property.SimpleBooleanProperty();
    private List<KindVerdict> kinds = List.of();
    private TakesDown takesDown;
    private java.util.function.Consumer<org.vfioinspector.core.model.PciAddress> onReset = a -> { };
    private org.vfioinspector.core.model.PciAddress shown;
    private final TableView<AffectedFunction> table = new TableView<>();
    private final VBox findings = new VBox(6);
    private final SplitPane body;
    private final Label empty = new Label("IOMMU groups of this host. Select a function (here, in the graph or "
            + "the list) to see what a reset through VFIO reaches (the function reset and the hot reset) and what must change before it may run.");
    private final GroupsTable groups;
    private LoadedHost host;

    public BlastPanel(java.util.function.Consumer<org.vfioinspector.core.model.PciAddress> onSelect) {
        super(6);
        setId("blast-panel");
        getStyleClass().add("blast-panel");
        verdict.setId("blast-verdict");
        verdict.getStyleClass().add("verdict");
        verdict.setMinWidth(USE_PREF_SIZE);
        verdict.setMnemonicParsing(false);
        hotVerdict.setId("blast-verdict-hot");
        hotVerdict.getStyleClass().add("verdict");
        hotVerdict.setMinWidth(USE_PREF_SIZE);
        hotVerdict.setMnemonicParsing(false);
        headline.setId("blast-headline");
        headline.getStyleClass().add("blast-headline");
        mustLeaveLine.setId("blast-must-leave");
        mustLeaveLine.getStyleClass().add("blast-must-leave");
        unknownLine.setId("blast-unknowns");
        unknownLine.getStyleClass().add("blast-unknowns");
        resetWhy.setId("blast-reset-why");
        resetWhy.getStyleClass().add("blast-reset-why");
        keyBlockers.setId("blast-key-blockers");
        for (Label l : List.of(headline, mustLeaveLine, unknownLine, resetWhy)) {
            l.setWrapText(true);
            l.setMinHeight(USE_PREF_SIZE); // above the fold: never cut to "…"
            l.setMnemonicParsing(false);
        }
        summary.setId("blast-summary");
        summary.getStyleClass().add("blast-summary");
        summary.setWrapText(true);
        summary.setMinHeight(USE_PREF_SIZE);
        reason.setWrapText(true);
        reason.getStyleClass().add("blast-reason");
        methods.setWrapText(true);
        // wrapped labels in a short panel must keep their lines rather than shrink to "…"
        reason.setMinHeight(USE_PREF_SIZE);
        methods.setMinHeight(USE_PREF_SIZE);
        methods.getStyleClass().add("blast-methods");
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMinHeight(USE_PREF_SIZE); // the badges and Reset… are above the fold too
        resetButton.setId("blast-reset");
        resetButton.disableProperty().bind(resetDisabled.or(noKindRuns));
        resetButton.setOnAction(e -> {
            if (shown != null) {
                onReset.accept(shown);
            }
        });
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
        // the details below the fold give way first: the panel's minimum height is what is above it
        body.setMinHeight(0);
        empty.setWrapText(true);
        empty.setMinHeight(USE_PREF_SIZE);
        empty.getStyleClass().add("placeholder");
        groups = new GroupsTable(onSelect);
        VBox.setVgrow(groups, Priority.ALWAYS);
        groups.setMinHeight(0);
        show(null);
    }

    public void setHost(LoadedHost h) {
        host = h;
    }

    /** The overview shown while nothing is selected. */
    public void showGroups(java.util.List<org.vfioinspector.app.gui.GroupSummary> list) {
        groups.show(list);
    }

    /** What the "Reset…" button does with the shown function (the main window opens the reset wizard). */
    public void setOnReset(java.util.function.Consumer<org.vfioinspector.core.model.PciAddress> action) {
        this.onReset = action;
    }

    /** Whether "Reset…" is disabled (the main window binds it to its model's command). */
    public javafx.beans.property.BooleanProperty resetDisabledProperty() {
        return resetDisabled; // the button is also disabled while no kind of reset of the shown function can run
    }

    public void show(BlastRadius b) {
        getChildren().clear();
        shown = b == null ? null : b.device();
        if (b == null) {
            kinds = List.of();
            noKindRuns.set(false);
            getChildren().addAll(empty, groups);
            return;
        }
        HotResetPrediction p = b.hotReset();
        Optional<ResetKind> kind = b.recommended();
        Optional<PciDevice> target = host == null ? Optional.empty() : host.topology().device(b.device());
        BlastHeadline h = BlastHeadline.of(b, target, kind, Optional.ofNullable(host).map(x -> x.topology()),
                Optional.ofNullable(host).map(x -> x.state()));
        kinds = h.kinds();
        showVerdicts();
        takesDown = h.takesDown().orElse(null);
        showConsequences(h);
        String scope = b.hotResetPossible().map(x -> x
                ? p.scope().orElseThrow().json() + " reset by " + p.resetBridge().map(Object::toString).orElse("?")
                : "no hot reset").orElse("hot reset unknown");
        // "recommended" only for a kind that may run: a blocked kind is never recommended (as in the wizard)
        summary.setText(kind.filter(k -> kinds.stream().anyMatch(v -> v.kind() == k && v.mayRun()))
                .map(k -> kindName(k) + " recommended · ").orElse("")
                + "Hot reset of " + b.device() + ": " + scope
                // no hot reset reaches nothing: only an offered (or unknown) one names what it would reach
                + (b.hotResetPossible().orElse(true) ? " · reaches " + Counted.of(p.affected().size(), "function")
                + (p.groups().isEmpty() ? "" : " in IOMMU group" + (p.groups().size() == 1 ? " " : "s ")
                + p.groups().stream().map(String::valueOf).collect(Collectors.joining(", "))) : ""));
        reason.setText(p.reason());
        FunctionReset f = b.functionReset();
        methods.setText((kinds.isEmpty() ? "" : KindVerdict.line(kinds) + ". ") + b.recommendation() + "  "
                + b.automaticReset());
        table.setItems(FXCollections.observableArrayList(b.affected()));
        findings.getChildren().clear();
        section("Function reset of " + b.device() + " (VFIO_DEVICE_RESET): ", ResetKind.FUNCTION_RESET,
                f.blockers(), f.warnings(), f.unknowns());
        section("Hot reset (VFIO_DEVICE_PCI_HOT_RESET): ", ResetKind.HOT_RESET, b.blockers(), b.warnings(),
                b.unknowns());
        ResetKind shownKind = kind.orElse(ResetKind.HOT_RESET);
        mustLeave = b.mustLeaveHost(shownKind);
        if (!mustLeave.isEmpty()) {
            findings.getChildren().add(head("Must leave their host drivers before the " + kindName(shownKind)
                    + " (VFIO uses an IOMMU group only when none of its functions is on a host driver; the host "
                    + "loses them too)", "findings-head"));
            for (GroupViability.Member m : mustLeave) {
                Label l = new Label(m.describe() + (m.bridge() ? " · bridge" : "") + " — " + m.remedy());
                l.setWrapText(true);
                l.getStyleClass().addAll("finding-text", "must-leave-host");
                findings.getChildren().add(l);
            }
        }
        findings.getChildren().addAll(0, List.of(reason, methods));
        getChildren().addAll(headline, mustLeaveLine, unknownLine, head, resetWhy, keyBlockers, summary, body);
        for (javafx.scene.Node n : List.of(mustLeaveLine, unknownLine, resetWhy, keyBlockers)) {
            n.setManaged(n.isVisible());
        }
    }

    /** The headline first: what the reset takes down, who must leave host drivers, what is unknown, what blocks. */
    private void showConsequences(BlastHeadline h) {
        headline.setText(h.headline());
        Optional<KindVerdict> v = kinds.stream().filter(k -> k.kind() == h.described()).findFirst();
        mustLeaveLine.setText(h.mustLeaveLine());
        mustLeaveLine.setVisible(!mustLeaveLine.getText().isEmpty());
        unknownLine.setText(h.unknownLine());
        unknownLine.setVisible(!unknownLine.getText().isEmpty());
        String why = KindVerdict.whyNoneRuns(kinds);
        resetWhy.setText(why);
        resetWhy.setVisible(!why.isEmpty());
        noKindRuns.set(!why.isEmpty());
        resetButton.setTooltip(why.isEmpty() ? null : new javafx.scene.control.Tooltip(why));
        keyBlockers.getChildren().clear();
        if (why.isEmpty()) {
            // what blocks the described kind, on top: never below the fold
            v.ifPresent(k -> k.blockers().stream().limit(3).forEach(f -> keyLine("✖ " + f.message(), "blast-key-blocker")));
            // warnings the headline does not already say in its words (a known reset bug, an ACS override)
            v.ifPresent(k -> k.warnings().stream().filter(f -> TOP_WARNINGS.contains(f.code())).limit(2)
                    .forEach(f -> keyLine("⚠ " + f.message(), "blast-key-warning")));
        }
        keyBlockers.setVisible(!keyBlockers.getChildren().isEmpty());
    }

    private List<GroupViability.Member> mustLeave = List.of();

    /** Warnings shown on top although no host resource names them. */
    private static final java.util.Set<String> TOP_WARNINGS = java.util.Set.of("RESET_BUG", "ACS_OVERRIDE");

    private void keyLine(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(USE_PREF_SIZE);
        l.getStyleClass().add(style);
        keyBlockers.getChildren().add(l);
    }

    /** The badges: one verdict per kind of reset, named; unknown is never green. */
    private void showVerdicts() {
        List<Label> badges = List.of(verdict, hotVerdict);
        for (int i = 0; i < badges.size(); i++) {
            Label l = badges.get(i);
            l.getStyleClass().removeAll("verdict-blocked", "verdict-warn", "verdict-ok", "verdict-unknown", "verdict-na");
            if (i >= kinds.size()) {
                l.setText(i == 0 ? "UNKNOWN · the host is not read yet" : "");
                l.getStyleClass().add("verdict-unknown");
                l.setVisible(i == 0);
                continue;
            }
            KindVerdict k = kinds.get(i);
            l.setVisible(true);
            l.setText(k.label());
            l.getStyleClass().add(switch (k.state()) {
                case NOT_OFFERED -> "verdict-na";
                case BLOCKED -> "verdict-blocked";
                case UNKNOWN -> "verdict-unknown";
                case NEEDS_BINDING, CHECK -> "verdict-warn";
                case READY -> "verdict-ok";
            });
        }
    }

    /**
     * One kind's findings under its verdict's words: what binding to vfio-pci resolves is marked "TO BIND" (the
     * wizard does it), never "BLOCKER", so the list agrees with the badge and the wizard.
     */
    private void section(String title, ResetKind kind, List<Finding> blockers, List<Finding> warnings,
                         List<Finding> unknowns) {
        Optional<KindVerdict> v = kinds.stream().filter(k -> k.kind() == kind).findFirst();
        findings.getChildren().add(head(title + v.map(KindVerdict::words).orElse(
                org.vfioinspector.core.reset.Verdict.of(blockers, unknowns).name()), "findings-head"));
        for (Finding f : blockers) {
            boolean toBind = v.isPresent() && !v.get().blockers().contains(f)
                    && org.vfioinspector.core.vfio.ResetPlanner.bindResolves(f);
            findings.getChildren().add(toBind ? finding("TO BIND", "finding-warning", f)
                    : finding("BLOCKER", "finding-blocker", f));
        }
        for (Finding f : warnings) {
            findings.getChildren().add(finding("WARNING", "finding-warning", f));
        }
        for (Finding f : unknowns) {
            findings.getChildren().add(finding("UNKNOWN", "finding-unknown", f));
        }
        if (blockers.isEmpty() && warnings.isEmpty() && unknowns.isEmpty()) {
            Label none = new Label("No blockers, warnings or unknowns.");
            none.getStyleClass().add("placeholder");
            findings.getChildren().add(none);
        }
    }

    private static Label head(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }

    private static String kindName(ResetKind k) {
        return k == ResetKind.FUNCTION_RESET ? "function reset" : "hot reset";
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

    /** Affected functions shown, for tests. */
    public List<String> affectedShown() {
        return table.getItems().stream().map(f -> f.address().toString()).toList();
    }

    public String summaryText() {
        return summary.getText();
    }

    /** Both badges, as one line ({@link KindVerdict#line}). */
    public String verdictText() {
        return kinds.isEmpty() ? verdict.getText() : KindVerdict.line(kinds);
    }

    /** The headline: what the reset takes down, for tests. */
    public String headlineText() {
        return headline.getText();
    }

    /** Why "Reset…" is disabled by the verdicts (empty when a kind can run), for tests. */
    public String resetWhyText() {
        return resetWhy.getText();
    }

    /** The functions marked as having to leave their host drivers, for tests. */
    public List<String> mustLeaveShown() {
        return mustLeave.stream().map(m -> m.address().toString()).toList();
    }
}
