package org.vfioinspector.app.gui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.vfioinspector.app.gui.Banner;

/** The strip under the toolbar that says what is wrong with the host, with a way out. */
public final class BannerView extends HBox {

    private final Label title = new Label();
    private final Label text = new Label();
    private final Button demo = new Button("Open demo");

    public BannerView(Runnable openDemo) {
        super(12);
        setId("banner");
        getStyleClass().add("banner");
        setAlignment(Pos.CENTER_LEFT);
        Label icon = new Label("⚠");
        icon.getStyleClass().add("banner-icon");
        title.getStyleClass().add("banner-title");
        text.setWrapText(true);
        text.getStyleClass().add("banner-text");
        VBox words = new VBox(2, title, text);
        HBox.setHgrow(words, Priority.ALWAYS);
        demo.setId("banner-demo");
        demo.setOnAction(e -> openDemo.run());
        demo.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(icon, words, demo);
        show(null);
    }

    public void show(Banner b) {
        boolean on = b != null;
        setVisible(on);
        setManaged(on);
        if (on) {
            title.setText(b.title());
            text.setText(b.text());
            demo.setVisible(b.offerDemo());
        }
    }

    public String title() {
        return title.getText();
    }
}
