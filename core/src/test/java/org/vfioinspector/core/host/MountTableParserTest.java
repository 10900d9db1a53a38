package org.vfioinspector.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountTableParserTest {

    @Test
    void mountinfoTakesTypeAndSourceAfterTheSeparatorWhateverTheOptionalFields() {
        ParsedLines<Mount> p = MountTableParser.parseMountinfo("""
                22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
                25 22 259:1 / /boot/efi rw,relatime shared:7 master:3 - vfat /dev/nvme0n1p1 rw,fmask=0077
                26 22 0:23 / /proc rw,nosuid - proc proc rw
                """);

        assertThat(p.skipped()).isZero();
        assertThat(p.entries()).containsExactly(
                new Mount("/dev/nvme0n1p2", "/", "ext4"),
                new Mount("/dev/nvme0n1p1", "/boot/efi", "vfat"),
                new Mount("proc", "/proc", "proc"));
    }

    @Test
    void mountinfoUnescapesOctalSpacesInMountPoints() {
        ParsedLines<Mount> p = MountTableParser.parseMountinfo(
                "40 22 259:5 / /srv/my\\040data\\011tab rw - xfs /dev/nvme1n1p1 rw\n");

        assertThat(p.entries()).extracting(Mount::mountPoint).containsExactly("/srv/my data\ttab");
    }

    @Test
    void mountinfoSkipsLinesWithoutSeparatorOrFields() {
        ParsedLines<Mount> p = MountTableParser.parseMountinfo("""
                22 1 259:2 / / rw,relatime shared:1 ext4 /dev/nvme0n1p2 rw
                garbage
                23 1 259:2 / /x rw - ext4
                24 1 259:2 / relative rw - ext4 /dev/sda1 rw
                25 1 8:1 / /ok rw - ext4 /dev/sda1 rw
                """);

        assertThat(p.skipped()).isEqualTo(4);
        assertThat(p.entries()).containsExactly(new Mount("/dev/sda1", "/ok", "ext4"));
    }

    @Test
    void mountsReadsSourceMountPointAndType() {
        ParsedLines<Mount> p = MountTableParser.parseMounts("""
                /dev/nvme0n1p2 / ext4 rw,relatime 0 0
                /dev/mapper/vg-home /home\\040dir ext4 rw 0 0
                short line
                """);

        assertThat(p.entries()).containsExactly(
                new Mount("/dev/nvme0n1p2", "/", "ext4"),
                new Mount("/dev/mapper/vg-home", "/home dir", "ext4"));
        assertThat(p.skipped()).isEqualTo(1);
    }

    @Test
    void swapsSkipsTheHeaderAndMalformedLines() {
        ParsedLines<String> p = MountTableParser.parseSwaps("""
                Filename				Type		Size		Used		Priority
                /dev/nvme0n1p3                          partition	8388604		0		-2
                /swap\\040file                           file		1048572		0		-3
                nonsense
                """);

        assertThat(p.entries()).containsExactly("/dev/nvme0n1p3", "/swap file");
        assertThat(p.skipped()).isEqualTo(1);
    }

    @Test
    void emptyOrMissingTablesAreEmpty() {
        assertThat(MountTableParser.parseSwaps("Filename Type Size Used Priority\n").entries()).isEmpty();
        assertThat(MountTableParser.parseMounts(null).entries()).isEmpty();
        assertThat(MountTableParser.parseMountinfo("").skipped()).isZero();
    }

    @Test
    void unescapeLeavesIncompleteEscapesAlone() {
        assertThat(MountTableParser.unescape("a\\134b")).isEqualTo("a\\b");
        assertThat(MountTableParser.unescape("a\\04")).isEqualTo("a\\04");
        assertThat(MountTableParser.unescape("a\\09x")).isEqualTo("a\\09x");
        assertThat(MountTableParser.unescape("end\\")).isEqualTo("end\\");
    }
}
