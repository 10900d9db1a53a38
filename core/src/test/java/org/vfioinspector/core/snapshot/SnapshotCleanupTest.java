package org.vfioinspector.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing an unpacked snapshot never reaches through its links, whatever they point at. */
class SnapshotCleanupTest {

    @TempDir
    Path work;

    private Path outside;

    private Path treeWithLinksOut() throws Exception {
        outside = Files.createDirectories(work.resolve("outside/sub"));
        Files.writeString(outside.resolve("keep"), "keep");
        Path tree = Files.createDirectories(work.resolve("tree/sys/devices"));
        Files.writeString(tree.resolve("vendor"), "0x8086\n");
        Files.createSymbolicLink(tree.resolve("to-outside"), work.resolve("outside"));
        Files.createSymbolicLink(work.resolve("tree/sys/to-sub"), Path.of("../../outside/sub"));
        Files.createSymbolicLink(work.resolve("tree/to-file"), outside.resolve("keep"));
        Files.createSymbolicLink(work.resolve("tree/dangling"), work.resolve("nowhere"));
        return work.resolve("tree");
    }

    @Test
    void deletingATreeDeletesItsLinksNotTheirTargets() throws Exception {
        Path tree = treeWithLinksOut();
        SnapshotReader.deleteTree(tree);
        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("keep");
    }

    @Test
    void emptyingATreeKeepsItAndEverythingItLinksTo() throws Exception {
        Path tree = treeWithLinksOut();
        SnapshotReader.deleteContents(tree);
        assertThat(tree).isEmptyDirectory();
        assertThat(outside.resolve("keep")).hasContent("keep");
    }

    @Test
    void aTreeThatIsALinkLosesTheLinkOnly() throws Exception {
        treeWithLinksOut();
        Path link = Files.createSymbolicLink(work.resolve("snapshot"), work.resolve("outside"));
        SnapshotReader.deleteTree(link);
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outside.resolve("keep")).hasContent("keep");
        SnapshotReader.deleteTree(work.resolve("never-there")); // quietly nothing
    }
}
