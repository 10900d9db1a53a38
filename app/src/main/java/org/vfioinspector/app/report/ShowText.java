package org.vfioinspector.app.report;

/**
 * The text of {@code show BDF}: the heading of the function's {@link FunctionDescription} with the
 * identity rows below it, then each further section's title and one "key: value" line per row (the
 * details panel's explanations left out).
 */
public final class ShowText {

    private ShowText() {
    }

    public static String render(FunctionDescription f) {
        StringBuilder b = new StringBuilder();
        b.append(f.heading()).append('\n');
        boolean first = true;
        for (DetailSection s : f.sections()) {
            if (!first) {
                b.append(String.format("%n%s%n", s.title()));
            }
            first = false;
            for (DetailRow r : s.rows()) {
                b.append(String.format("  %-16s %s%n", r.key() + ":", r.value()));
            }
        }
        return b.toString();
    }
}
