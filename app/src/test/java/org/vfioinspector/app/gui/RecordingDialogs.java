package org.vfioinspector.app.gui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@link Dialogs} that records what a model showed and asked, answering questions with the answers a
 * test queued; a question nobody queued an answer for fails the test.
 */
public final class RecordingDialogs implements Dialogs {

    /** One message or question, as the user would have seen it. */
    public record Shown(String kind, String header, String text) {
    }

    private final List<Shown> shown = new ArrayList<>();
    private final Deque<Boolean> answers = new ArrayDeque<>();

    /** Queues the answer to the next question. */
    public RecordingDialogs answering(boolean yes) {
        answers.add(yes);
        return this;
    }

    public List<Shown> shown() {
        return List.copyOf(shown);
    }

    @Override
    public void show(Kind kind, String header, String text) {
        shown.add(new Shown(kind.name(), header, text));
    }

    @Override
    public boolean confirm(String header, String text) {
        shown.add(new Shown("CONFIRMATION", header, text));
        if (answers.isEmpty()) {
            throw new AssertionError("an unexpected question: " + header + "\n" + text);
        }
        return answers.poll();
    }
}
