package org.vfioinspector.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * What the graph's colours and marks mean, as a strip under the graph: always in view, never
 * covering a device (an overlay legend hid exactly the boxes people were looking at).
 */
public final class Legend extends FlowPane {

    public Legend() {
        super(14, 4);
        getStyleClass().add("legend");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(
                row("legend-group", "IOMMU group (G12 = group 12)"),
                row("legend-vfio", "vfio-pci"),
                row("legend-host", "host driver"),
                row("legend-none", "no driver"),
                row("legend-affected", "reached by the hot reset"),
                row("legend-bridge", "⟲ bridge that resets"),
                downgraded(),
                row("legend-consequence", "root fs, route, VM… = what the host loses"),
                row("legend-unknown", "route ?… = not seen here, not safe"),
                keys());
    }

    /**
     * The keys in one short label; the full list in its tooltip (a line of its own under the graph cost the
     * graph a row of nodes on a 1280×800 screen).
     */
    private static Label keys() {
        Label l = hint("keys: F fit · C fold · Ctrl+F search · more…");
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(String.join("\n",
                "click selects, wheel zooms, drag pans",
                "F or 0 fits, + and - zoom, arrows move between devices",
                "Enter opens a PF's VFs or folds a bridge; C folds or opens a bridge",
                "Shift+C folds every switch, Shift+E opens all",
                "Ctrl+F goes to search; Ctrl+1/2/3 hide or show the side and bottom panels",
                "marks: root fs, mounted, default route, display, held: VM = what the host loses;",
                "mounts ?, route ?, holder ? = could not be seen from this host root",
                DOWNGRADED_TIP));
        t.setShowDelay(javafx.util.Duration.millis(200));
        l.setTooltip(t);
        l.setId("legend-keys");
        return l;
    }

    /** What the graph's ▼ means, in the legend's tooltips. */
    static final String DOWNGRADED_TIP = "▼ downgraded link: it trained slower or narrower than both of its ends "
            + "support; a selection's narrowest link on the way from its root port is drawn thick and says \"bottleneck\"";

    /** The downgraded-link key, its tooltip saying what "downgraded" means here. */
    private static HBox downgraded() {
        HBox h = row("legend-slow", "▼ downgraded link");
        h.setId("legend-downgraded");
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(DOWNGRADED_TIP);
        t.setShowDelay(javafx.util.Duration.millis(200));
        Label l = (Label) h.getChildren().get(1);
        l.setTooltip(t);
        return h;
    }

    private static HBox row(String swatchClass, String text) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", swatchClass);
        Label l = new Label(text);
        HBox h = new HBox(5, swatch, l);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("legend-hint");
        return l;
    }
}
