package org.vfioinspector.app.gui.wizard;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import org.vfioinspector.core.reset.Finding;

/** A warning the user must tick before the wizard goes on. */
public final class Acknowledgement {

    private final Finding warning;
    private final BooleanProperty ticked = new SimpleBooleanProperty(this, "ticked", false);

    Acknowledgement(Finding warning) {
        this.warning = warning;
    }

    public Finding warning() {
        return warning;
    }

    /** Set by the user's tick. */
    public BooleanProperty tickedProperty() {
        return ticked;
    }
}
