package org.vfioinspector.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** What the graph's colours and marks mean; collapsible so it never hides the graph for long. */
public final class Legend extends TitledPane {

    public Legend() {
        setText("Legend");
        getStyleClass().add("legend");
        setAnimated(false);
        VBox rows = new VBox(5,
                row("legend-group", "IOMMU group (G12 = group 12)"),
                row("legend-vfio", "bound to vfio-pci"),
                row("legend-host", "bound to a host driver"),
                row("legend-none", "no driver"),
                row("legend-affected", "reached by the hot reset"),
                row("legend-bridge", "⟲ bridge that performs it"),
                row("legend-slow", "link below its maximum ▼"),
                hint("Click: select · wheel: zoom · drag: pan"),
                hint("F: fit · arrows: move · Enter: VFs"));
        setContent(rows);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    private static HBox row(String swatchClass, String text) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", swatchClass);
        Label l = new Label(text);
        HBox h = new HBox(8, swatch, l);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("legend-hint");
        return l;
    }
}
