package org.vfioinspector.app.gui;

/**
 * The messages and questions the window's models put to the user, so a model decides what to say and a
 * test can check it without a window: {@link FxDialogs} shows JavaFX alerts; tests record the calls.
 */
public interface Dialogs {

    /** How a message looks. */
    enum Kind { INFORMATION, WARNING, ERROR }

    /**
     * Shows a message and returns without waiting for it to be closed.
     *
     * @param header the alert's header, or null for the default of its kind
     */
    void show(Kind kind, String header, String text);

    /** Asks a yes-or-no question and waits for the answer; true only for an explicit yes. */
    boolean confirm(String header, String text);
}
