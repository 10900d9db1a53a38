package org.vfioinspector.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.vfioinspector.app.session.HostSource;
import org.vfioinspector.app.session.LoadedHost;

class GroupSummaryTest {

    static LoadedHost demo;
    static List<GroupSummary> groups;

    @BeforeAll
    static void load() {
        demo = LoadedHost.load(HostSource.of(Hosts.sharedDemo()));
        groups = GroupSummary.of(demo);
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    private static GroupSummary group(int id) {
        return groups.stream().filter(g -> g.id() == id).findFirst().orElseThrow();
    }

    @Test
    void everyGroupIsListedInOrder() {
        assertThat(groups).extracting(GroupSummary::id).isSorted().hasSize(demo.topology().groups().size());
    }

    @Test
    void aGroupHeldByAVmSaysWho() {
        assertThat(group(12).state()).isEqualTo("held by qemu-system-x86 (pid 4242)");
        assertThat(group(12).drivers()).isEqualTo("vfio-pci");
    }

    @Test
    void aGroupOnHostDriversNamesThem() {
        assertThat(group(13).state()).isEqualTo("host drivers: nvidia, snd_hda_intel");
        assertThat(group(7).state()).isEqualTo("host drivers: lpc_ich, i801_smbus");
        assertThat(group(7).drivers()).isEqualTo("lpc_ich, none, i801_smbus");
    }

    @Test
    void aGroupAllOnVfioPciIsReadyAndBridgeGroupsSaySo() {
        assertThat(group(23).state()).isEqualTo("ready for VFIO");
        assertThat(group(1).state()).isEqualTo("bridges only");
    }
}
