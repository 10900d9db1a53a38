package org.vfioinspector.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * What the graph's colours and marks mean, as a strip under the graph: always in view, never covering a
 * device (an overlay legend hid exactly the boxes people were looking at). One line at 1280×800 with room
 * for one more key: each key is a word or two, its full meaning in its tooltip (every line of legend cost
 * the graph a row of nodes on a laptop screen). A narrower graph wraps it rather than losing a key.
 */
public final class Legend extends FlowPane {

    public Legend() {
        super(8, 2);
        getStyleClass().add("legend");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(
                row("legend-group", "IOMMU group", "A tinted region is an IOMMU group: G12 = group 12. VFIO hands a "
                        + "group to a VM as a whole."),
                row("legend-vfio", "vfio-pci", "Bound to vfio-pci, the driver VFIO hands functions to VMs with."),
                row("legend-host", "host driver", "Bound to a host driver: the host uses it."),
                row("legend-none", "no driver", "No driver bound."),
                row("legend-affected", "reset reaches",
                        "Red border and bar: the selected function's hot reset resets this one too (its blast radius)."),
                row("legend-bridge", "⟲ bridge", "⟲ on a bridge: the bridge whose secondary bus reset the selected function's hot reset pulls."),
                downgraded(),
                row("legend-consequence", "host loses",
                        "root fs, mounted, default route, display, held: VM — what the host loses when this resets."),
                row("legend-unknown", "? unseen", "route ?, mounts ?, holder ? — could not be seen from this host root: "
                        + "unknown, not safe."),
                keys());
    }

    /** Adds the key of a comparison's marks (once), while "Compare with…" marks the graph. */
    void showCompareKey() {
        if (lookup(".legend-compare") == null) {
            getChildren().add(getChildren().size() - 1, row("legend-compare", "Δ compared", "Δ worse, Δ group, Δ moved, "
                    + "Δ new, Δ changed, Δ ? — after \"Compare with…\": how this function differs from the earlier "
                    + "snapshot (Δ ?: shown there, not here)."));
        }
    }

    /** The keys in one short label; the full list in its tooltip. */
    private static Label keys() {
        Label l = new Label("keys…");
        l.getStyleClass().add("legend-hint");
        Tips.on(l, () -> tip(String.join("\n",
                "click selects, wheel zooms, drag pans",
                "F or 0 fits, + and - zoom, arrows move between devices",
                "Enter opens a PF's VFs or folds a bridge; C folds or opens a bridge",
                "Shift+C folds every switch, Shift+E opens all",
                "Ctrl+F goes to search; Ctrl+1/2/3 hide or show the device list, details and blast radius")));
        l.setId("legend-keys");
        return l;
    }

    /** What the graph's ▼ means: our rule, not lspci's, and the selection's bottleneck. */
    static final String DOWNGRADED_TIP = "▼ downgraded link: it trained slower or narrower than what both of its ends "
            + "support (lspci also flags a fast card that a slower slot limits; this does not). The selected function's "
            + "narrowest link on the way from its root port is drawn thick and says \"bottleneck\".";

    private static HBox downgraded() {
        HBox h = row("legend-slow", "▼ downgraded link", DOWNGRADED_TIP);
        h.setId("legend-downgraded");
        return h;
    }

    /** A key: its swatch and a word or two, what it means in full in the tooltip of both. */
    static HBox row(String swatchClass, String text, String meaning) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", swatchClass);
        Label l = new Label(text);
        l.setMinWidth(USE_PREF_SIZE);
        HBox h = new HBox(4, swatch, l);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("legend-key");
        Tips.on(h, () -> tip(meaning));
        return h;
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(200));
        t.setWrapText(true);
        t.setMaxWidth(460);
        return t;
    }
}
