package org.vfioinspector.app.gui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** {@link Dialogs} as JavaFX alerts owned by a window; call on the FX thread. */
public final class FxDialogs implements Dialogs {

    private final Window owner;

    public FxDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public void show(Kind kind, String header, String text) {
        Alert a = new Alert(switch (kind) {
            case INFORMATION -> Alert.AlertType.INFORMATION;
            case WARNING -> Alert.AlertType.WARNING;
            case ERROR -> Alert.AlertType.ERROR;
        }, text, ButtonType.CLOSE);
        if (header != null) {
            a.setHeaderText(header);
        }
        a.initOwner(owner);
        a.show();
    }

    @Override
    public boolean confirm(String header, String text) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.YES, ButtonType.NO);
        ask.setHeaderText(header);
        ask.initOwner(owner);
        return ask.showAndWait().filter(ButtonType.YES::equals).isPresent();
    }
}
