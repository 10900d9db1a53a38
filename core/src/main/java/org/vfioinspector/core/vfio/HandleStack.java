package org.vfioinspector.core.vfio;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The handles one protocol run opened, closed in reverse order (devices, then groups, then the
 * container) however the run ends. A list the length of which is known only at run time cannot be
 * written as nested try-with-resources, so this is the one resource of that statement.
 */
final class HandleStack implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private int closed;

    <T extends AutoCloseable> T push(T handle) {
        open.push(handle);
        return handle;
    }

    /** How many handles {@link #close()} has closed so far. */
    int closedCount() {
        return closed;
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            AutoCloseable h = open.pop();
            try {
                h.close();
            } catch (Exception ignored) {
                // the handles' close never throws (Fd.close swallows, see there); keep closing the rest
            }
            closed++;
        }
    }
}
