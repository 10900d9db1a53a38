package org.vfioinspector.app.report;

import java.util.Optional;

/** The graph's tooltip for a function: the heading and a few rows of its {@link FunctionDescription}. */
public final class TooltipText {

    private TooltipText() {
    }

    public static String render(FunctionDescription f) {
        StringBuilder b = new StringBuilder(f.heading());
        line(b, f.row(FunctionDescriber.DRIVER), f.row(FunctionDescriber.GROUP));
        line(b, known(f.row(FunctionDescriber.LINK)), known(f.row(FunctionDescriber.NUMA)));
        // a downgraded link on the way and the narrowest one, when there are such
        line(b, f.row(HealthFacts.DOWNGRADED), f.row(HealthFacts.BOTTLENECK).filter(r -> r.value().startsWith("link")));
        return b.append("\nClick for its blast radius.").toString();
    }

    /** A link or NUMA node the scan could not tell is left out, as the tooltip is short. */
    private static Optional<DetailRow> known(Optional<DetailRow> r) {
        return r.filter(x -> !x.value().equals("unknown") && !x.value().equals("none"));
    }

    private static void line(StringBuilder b, Optional<DetailRow> first, Optional<DetailRow> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return;
        }
        b.append('\n');
        first.ifPresent(r -> b.append(r.key()).append(": ").append(r.value()));
        second.ifPresent(r -> b.append(first.isPresent() ? "   " : "").append(r.key()).append(": ").append(r.value()));
    }
}
