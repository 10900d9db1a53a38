package org.vfioinspector.core.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.GroupReconciler.GroupLink;
import org.vfioinspector.core.sysfs.GroupReconciler.Groups;

/** The IOMMU groups put together from the functions' links and the group folders, on plain values. */
class GroupReconcilerTest {

    private static final PciAddress A = PciAddress.parse("0000:00:01.0");
    private static final PciAddress B = PciAddress.parse("0000:01:00.0");
    private static final PciAddress C = PciAddress.parse("0000:01:00.1");

    @Test
    void foldersThatAgreeWithTheLinksGiveTheirGroupsSortedByNumberAndNoNotes() {
        Groups g = GroupReconciler.reconcile(
                List.of(folder(12, "DMA", B, C), folder(3, "identity", A)),
                List.of(link(A, 3), link(B, 12), link(C, 12)));

        assertThat(g.groups()).containsExactly(new IommuGroup(3, Optional.of("identity"), List.of(A)),
                new IommuGroup(12, Optional.of("DMA"), List.of(B, C)));
        assertThat(g.notes()).isEmpty();
    }

    @Test
    void aGroupWhoseFolderIsMissingIsRebuiltFromTheLinksWithoutAType() {
        Groups g = GroupReconciler.reconcile(List.of(folder(3, "DMA", A)), List.of(link(A, 3), link(B, 7), link(C, 7)));

        assertThat(g.groups()).containsExactly(new IommuGroup(3, Optional.of("DMA"), List.of(A)),
                new IommuGroup(7, Optional.empty(), List.of(B, C)));
        assertThat(g.notes()).containsExactly(
                "sys/kernel/iommu_groups/7 is missing; its members were taken from the functions' iommu_group links");
    }

    @Test
    void aLinkToAGroupWhoseFolderDoesNotListTheFunctionIsNotedAndTheFolderWins() {
        Groups g = GroupReconciler.reconcile(List.of(folder(5, "DMA", B)), List.of(link(B, 5), link(C, 5)));

        assertThat(g.groups()).containsExactly(new IommuGroup(5, Optional.of("DMA"), List.of(B)));
        assertThat(g.notes()).containsExactly("IOMMU group 5: functions link to it that its devices folder does not list");
    }

    @Test
    void aFolderListingAFunctionThatLinksElsewhereOrNowhereIsNotedAndKeepsIt() {
        Groups g = GroupReconciler.reconcile(List.of(folder(5, "DMA", A, B), folder(6, "DMA", C)),
                List.of(link(A, 6), new GroupLink(B, OptionalInt.empty()), link(C, 6)));

        assertThat(g.groups().get(0).devices()).containsExactly(A, B);
        assertThat(g.notes()).containsExactly(
                "IOMMU group 6: functions link to it that its devices folder does not list",
                "IOMMU group 5 lists 0000:00:01.0, whose iommu_group link names group 6",
                "IOMMU group 5 lists 0000:01:00.0, whose iommu_group link gives no group number");
    }

    @Test
    void aMemberNotAmongTheFunctionsReadStaysAMemberBecauseItStillDecidesViability() {
        Groups g = GroupReconciler.reconcile(List.of(folder(9, "DMA", A, B)), List.of(link(A, 9)));

        assertThat(g.groups()).containsExactly(new IommuGroup(9, Optional.of("DMA"), List.of(A, B)));
        assertThat(g.notes()).containsExactly("IOMMU group 9 lists 0000:01:00.0, which is not among the functions read"
                + " (added or removed during the scan?)");
    }

    @Test
    void theNotesOfFoldersLeftOutComeFirstInFolderOrder() {
        Groups g = GroupReconciler.reconcile(
                List.of(new ReadResult.LeftOut<>("first"), folder(1, "DMA", A), new ReadResult.LeftOut<>("second")),
                List.of(link(A, 1), link(B, 2)));

        assertThat(g.groups()).extracting(IommuGroup::id).containsExactly(1, 2);
        assertThat(g.notes()).containsExactly("first", "second",
                "sys/kernel/iommu_groups/2 is missing; its members were taken from the functions' iommu_group links");
    }

    @Test
    void nothingReadGivesNoGroups() {
        Groups g = GroupReconciler.reconcile(List.of(), List.of(new GroupLink(A, OptionalInt.empty())));
        assertThat(g.groups()).isEmpty();
        assertThat(g.notes()).isEmpty();
    }

    private static ReadResult<IommuGroup> folder(int id, String type, PciAddress... members) {
        return new ReadResult.Read<>(new IommuGroup(id, Optional.of(type), Arrays.asList(members)));
    }

    private static GroupLink link(PciAddress function, int group) {
        return new GroupLink(function, OptionalInt.of(group));
    }
}
