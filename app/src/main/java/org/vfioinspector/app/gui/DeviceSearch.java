package org.vfioinspector.app.gui;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.Names;
import org.vfioinspector.core.pciids.PciIds;

/**
 * What a search box query matches: an address (full or without domain, or any part of one), a
 * device or class name, a driver, a vendor:device id, or an IOMMU group ("group 12", "g12" or a
 * bare number, which also matches addresses containing it).
 */
public final class DeviceSearch {

    private static final Pattern GROUP = Pattern.compile("(?:group|grp|g|#)\\s*(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private DeviceSearch() {
    }

    /** One match as the search box's result list shows it: address, name and IOMMU group. */
    public record Hit(PciAddress address, String name, java.util.OptionalInt group) {

        /**
         * "0000:08:00.0 · group 31 · Phison E12 NVMe Controller" ("no group" when there is none): the name last,
         * so a long one is cut short rather than the group.
         */
        public String text() {
            return address + " · " + (group.isPresent() ? "group " + group.getAsInt() : "no group") + " · " + name;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** The matches of {@code query} with what the result list shows of each, in address order. */
    public static List<Hit> hits(String query, Topology t, PciIds names) {
        return find(query, t, names).stream().map(a -> t.device(a).orElseThrow())
                .map(d -> new Hit(d.address(), Names.describe(d, names), d.iommuGroup())).toList();
    }

    /** The matching functions in address order; empty for a blank query. */
    public static List<PciAddress> find(String query, Topology t, PciIds names) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        return t.devices().stream().filter(d -> matches(q, d, names)).map(PciDevice::address).toList();
    }

    static boolean matches(String q, PciDevice d, PciIds names) {
        Matcher g = GROUP.matcher(q);
        if (g.matches()) {
            return inGroup(d, g.group(1));
        }
        if (NUMBER.matcher(q).matches() && inGroup(d, q)) {
            return true;
        }
        String address = d.address().toString();
        if (address.contains(q)) {
            return true;
        }
        if (d.driver().map(x -> x.toLowerCase(Locale.ROOT).contains(q)).orElse(false)) {
            return true;
        }
        if (d.idPair().contains(q)) {
            return true;
        }
        return Names.describe(d, names).toLowerCase(Locale.ROOT).contains(q);
    }

    private static boolean inGroup(PciDevice d, String number) {
        try {
            return d.iommuGroup().isPresent() && d.iommuGroup().getAsInt() == Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
