package org.vfioinspector.app.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.GroupExplanation;

/** The {@code groups --json} document: each IOMMU group with its members, holders and why they share it. */
public record GroupsDocument(boolean iommuEnabled, boolean holdersKnown, List<Group> groups) {

    /** One group; {@code explanation} null when none was asked for. */
    public record Group(int id, Optional<String> type, List<String> devices, List<HolderDocument> holders,
                        Optional<Explanation> explanation) {
    }

    /** Why the members share the group, and who the rules do not account for. */
    public record Explanation(List<Reason> reasons, List<String> unexplained) {

        static Explanation of(GroupExplanation e) {
            return new Explanation(e.reasons().stream().map(r -> new Reason(r.code(), r.at().toString(), r.message()))
                    .toList(), Json.addresses(e.unexplained()));
        }
    }

    /** One rule that puts functions together ({@code at}: the function or bridge it is about). */
    public record Reason(String code, String at, String message) {
    }

    public static GroupsDocument of(Topology t, HolderScan holders, Map<Integer, GroupExplanation> why) {
        return new GroupsDocument(t.host().iommuEnabled(), holders.complete(),
                t.groups().stream().map(g -> group(g, holders, why)).toList());
    }

    private static Group group(IommuGroup g, HolderScan holders, Map<Integer, GroupExplanation> why) {
        return new Group(g.id(), g.type(), Json.addresses(g.devices()), HolderDocument.of(holders.holdersOfGroup(g.id())),
                Optional.ofNullable(why.get(g.id())).map(Explanation::of));
    }
}
