package org.vfioinspector.app.report;

/**
 * A document a privileged command prints with {@code --json}: the {@code reset} report (or a {@code reset --soak}'s
 * rounds) or a {@code bind} / {@code restore} report. The in-process runner takes it as it is; printed, it is {@link #json()}.
 */
public sealed interface CliDocument permits ResetDocument, BindDocument, SoakDocument {

    /** What {@link Json#print} writes: the document itself unless its printed shape differs. */
    default Object json() {
        return this;
    }
}
