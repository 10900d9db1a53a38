package org.vfioinspector.core.sysfs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;

/**
 * Puts the IOMMU groups together from the two places sysfs tells them: each function's {@code iommu_group}
 * link and each {@code sys/kernel/iommu_groups/N/devices} folder. Pure: plain values in, groups and notes
 * out. The folders win; a group whose folder is missing is rebuilt from the links; every disagreement (a
 * host that changed during the scan, an inconsistent capture) is a note.
 */
final class GroupReconciler {

    /** A function read and the group number its {@code iommu_group} link names (empty: none). */
    record GroupLink(PciAddress function, OptionalInt group) { }

    /** The groups by ascending number, and the notes in the order found. */
    record Groups(List<IommuGroup> groups, List<String> notes) {
        Groups {
            groups = List.copyOf(groups);
            notes = List.copyOf(notes);
        }
    }

    private GroupReconciler() {
    }

    /**
     * @param folders each group folder read, or the note that says why it is ignored
     * @param links   the functions read, in scan order
     */
    static Groups reconcile(List<ReadResult<IommuGroup>> folders, List<GroupLink> links) {
        List<String> notes = new ArrayList<>();
        Map<Integer, IommuGroup> groups = new TreeMap<>();
        for (IommuGroup g : ReadResult.values(folders, notes)) {
            groups.put(g.id(), g);
        }
        // Links from functions to groups whose folders are missing (seen in real captures): rebuild them.
        Map<Integer, List<PciAddress>> fromLinks = new LinkedHashMap<>();
        for (GroupLink l : links) {
            if (l.group().isPresent()) {
                fromLinks.computeIfAbsent(l.group().getAsInt(), k -> new ArrayList<>()).add(l.function());
            }
        }
        for (Map.Entry<Integer, List<PciAddress>> e : fromLinks.entrySet()) {
            IommuGroup g = groups.get(e.getKey());
            if (g == null) {
                notes.add(SysfsNames.IOMMU_GROUPS + "/" + e.getKey()
                        + " is missing; its members were taken from the functions' iommu_group links");
                groups.put(e.getKey(), new IommuGroup(e.getKey(), Optional.empty(), e.getValue()));
            } else if (!g.devices().containsAll(e.getValue())) {
                notes.add("IOMMU group " + e.getKey() + ": functions link to it that its devices folder does not list");
            }
        }
        // The other direction: a folder listing a function whose own link names another group or
        // none (the host changed during the scan, or a capture is inconsistent).
        Map<PciAddress, OptionalInt> linkOf = new HashMap<>();
        links.forEach(l -> linkOf.put(l.function(), l.group()));
        for (IommuGroup g : groups.values()) {
            for (PciAddress a : g.devices()) {
                OptionalInt link = linkOf.get(a);
                if (link == null) {
                    // kept as a member: a function the reader missed still decides the group's viability
                    notes.add("IOMMU group " + g.id() + " lists " + a
                            + ", which is not among the functions read (added or removed during the scan?)");
                } else if (link.isEmpty() || link.getAsInt() != g.id()) {
                    notes.add("IOMMU group " + g.id() + " lists " + a + ", whose iommu_group link "
                            + (link.isEmpty() ? "gives no group number" : "names group " + link.getAsInt()));
                }
            }
        }
        return new Groups(List.copyOf(groups.values()), notes);
    }
}
