package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code fleet --json} document: one row per side, in the order given. A side that could not be read has
 * {@code reachable} false, its {@code error}, and {@code null} counts.
 *
 * @param rows the sides
 */
public record FleetDocument(List<Row> rows) {

    /**
     * One side: functions, IOMMU groups, functions on vfio-pci, groups held by a process ({@code null} when the
     * holders cannot be seen: needs root), blockers (groups with a function on vfio-pci that VFIO cannot use,
     * {@code null} when that is unknown for one), downgraded links ({@code null} when a link cannot be judged and
     * none is known downgraded).
     */
    public record Row(String side, boolean reachable, Optional<String> error, Optional<String> hostName,
                      Optional<String> kernelRelease, OptionalInt functions, OptionalInt groups, OptionalInt onVfioPci,
                      OptionalInt groupsHeld, OptionalInt blockers, OptionalInt downgradedLinks) {

        public static Row unreachable(String side, String error) {
            return new Row(side, false, Optional.of(error), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /** The table as {@code fleet} prints it, the side column as wide as the longest side; {@code ?} where a count is unknown. */
    public List<String> table() {
        int w = Math.max(4, rows.stream().mapToInt(r -> r.side().length()).max().orElse(4));
        String row = "%-" + w + "s  %-9s %9s %6s %9s %5s %8s %10s";
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format(row, "SIDE", "REACHABLE", "FUNCTIONS", "GROUPS", "VFIO-PCI", "HELD", "BLOCKERS", "DOWNGRADED"));
        for (Row r : rows) {
            out.add(r.reachable()
                    ? String.format(row, r.side(), "yes", n(r.functions()), n(r.groups()), n(r.onVfioPci()), n(r.groupsHeld()),
                            n(r.blockers()), n(r.downgradedLinks()))
                    : String.format("%-" + w + "s  %-9s %s", r.side(), "no", r.error().orElse("")));
        }
        return out;
    }

    private static String n(OptionalInt v) {
        return v.isPresent() ? String.valueOf(v.getAsInt()) : "?";
    }
}
