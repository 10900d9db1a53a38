package org.vfioinspector.app.priv;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.vfioinspector.app.report.ProgressLine;

/**
 * Standard error of a running CLI command, split into lines as they arrive: {@code --progress} lines go to
 * the listener at once, everything else is kept as the command's error text. As an {@link OutputStream}
 * for the in-process runner, whose progress lines come as records ({@link #heard}); {@link #line} for the
 * pkexec runner's reader thread. Thread-safe.
 */
final class StderrLines extends OutputStream {

    private final Consumer<ProgressLine> listener;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder kept = new StringBuilder();

    StderrLines(Consumer<ProgressLine> listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            pending.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** One whole line (without its newline). */
    synchronized void line(String line) {
        CliOutput.progress(line).ifPresentOrElse(this::heard, () -> kept.append(line).append('\n'));
    }

    /** A progress line, read from a line or handed over as it is (the in-process runner). */
    void heard(ProgressLine event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a broken listener must not lose the command's output
        }
    }

    /** Everything that was not progress, the last unterminated line included. */
    synchronized String rest() {
        if (pending.size() > 0) {
            flushLine();
        }
        return kept.toString();
    }

    private void flushLine() {
        String s = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        line(s);
    }
}
