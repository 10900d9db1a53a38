package org.vfioinspector.app.gui.view;

import java.util.function.Supplier;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their node rather than when the window is built: a tooltip is a
 * popup control, and the window's start need not make thirty of them (and load their classes) before its first
 * frame (BENCHMARKS.md, run 9). Hovering shows them as before: the tooltip is installed as the pointer enters,
 * and JavaFX shows it once the pointer rests there.
 */
final class Tips {

    private Tips() {
    }

    /** {@code text} as the tooltip of {@code node}, made at the first hover. */
    static void on(Node node, String text) {
        on(node, () -> new Tooltip(text));
    }

    /** The tooltip {@code make} makes, installed on {@code node} at the first hover ({@link Control#setTooltip} on a control). */
    static void on(Node node, Supplier<Tooltip> make) {
        EventHandler<MouseEvent> first = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip t = make.get();
                if (node instanceof Control c) {
                    c.setTooltip(t);
                } else {
                    Tooltip.install(node, t);
                }
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
    }
}
