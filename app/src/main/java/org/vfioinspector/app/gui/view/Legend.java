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
                row("legend-slow", "link below its maximum ▼"),
                row("legend-consequence", "root fs · mounted · default route · display · held: VM = what the host loses"),
                row("legend-unknown", "mounts ? · route ? · holder ? = cannot be seen here, not safe"),
                hint("click selects · wheel zooms · drag pans · F fits · arrows move · Enter opens VFs "
                        + "or folds a bridge · Shift+C/E fold/open all switches"));
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
