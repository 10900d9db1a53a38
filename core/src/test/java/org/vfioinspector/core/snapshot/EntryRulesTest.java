package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntryRulesTest {

    @Test
    void dotComponentsAndExtraSlashesAreDropped() throws SnapshotException {
        assertThat(EntryRules.components("./sys//bus/./pci/")).containsExactly("sys", "bus", "pci");
        assertThat(EntryRules.components("./")).isEmpty();
    }

    @Test
    void unsafeNamesAreRefusedWithTheNameInTheMessage() {
        assertThatThrownBy(() -> EntryRules.components("")).hasMessageContaining("empty name");
        assertThatThrownBy(() -> EntryRules.components("/etc/passwd")).hasMessageContaining("absolute path: /etc/passwd");
        assertThatThrownBy(() -> EntryRules.components("sys/../..")).hasMessageContaining("'..': sys/../..");
        assertThatThrownBy(() -> EntryRules.components("a\0b")).hasMessageContaining("a\\x00b");
        assertThatThrownBy(() -> EntryRules.components("sys/" + "n".repeat(256))).hasMessageContaining("255 bytes");
    }

    @Test
    void holderFdLinksToDevAreRewrittenIntoTheRoot() throws SnapshotException {
        List<String> fd = List.of("proc", "1234", "fd", "7");
        assertThat(EntryRules.linkTarget(fd, "proc/1234/fd/7", "/dev/vfio/12")).isEqualTo("../../../dev/vfio/12");
        assertThat(EntryRules.linkTarget(fd, "proc/1234/fd/7", "/dev/iommu")).isEqualTo("../../../dev/iommu");
        assertThat(EntryRules.linkTarget(fd, "proc/1234/fd/7", "anon_inode:kvm-vfio")).isEqualTo("anon_inode:kvm-vfio");
    }

    @Test
    void otherAbsoluteTargetsAreRefused() {
        List<String> fd = List.of("proc", "1234", "fd", "7");
        assertThatThrownBy(() -> EntryRules.linkTarget(fd, "proc/1234/fd/7", "/etc/passwd"))
                .hasMessageContaining("absolute path /etc/passwd");
        assertThatThrownBy(() -> EntryRules.linkTarget(fd, "proc/1234/fd/7", "/dev/../etc/passwd"))
                .isInstanceOf(SnapshotException.class);
        List<String> notFd = List.of("proc", "self", "fd", "7");
        assertThatThrownBy(() -> EntryRules.linkTarget(notFd, "proc/self/fd/7", "/dev/vfio/12"))
                .hasMessageContaining("absolute path");
    }

    @Test
    void sysfsStyleRelativeLinksStayInside() throws SnapshotException {
        List<String> link = List.of("sys", "bus", "pci", "devices", "0000:00:01.0");
        String target = "../../../devices/pci0000:00/0000:00:01.0";
        assertThat(EntryRules.linkTarget(link, "x", target)).isEqualTo(target);
        assertThat(EntryRules.staysInside(List.of("sys"), "..")).isTrue();
        assertThat(EntryRules.staysInside(List.of("sys"), "../..")).isFalse();
        assertThat(EntryRules.staysInside(List.of(), "a/../b")).isTrue();
        assertThat(EntryRules.staysInside(List.of(), "a/../../b")).isFalse();
    }
}
