package org.vfioinspector.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.AffectedSet;
import org.vfioinspector.core.reset.HotResetPrediction;
import org.vfioinspector.core.reset.HotResetScope;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Properties of the model over random valid hosts (seeded, so a failure names its seed and can be
 * replayed): parent chains end at a root bus, the blast radius contains the device and everything
 * below the reset bridge, and group folders agree with the functions' group links.
 */
class TopologyPropertiesTest {

    private static final long FIRST_SEED = 0x7090_1090L;
    private static final int HOSTS = 30;

    /** Reason codes met over all hosts, so the generator is known to reach every kind of prediction. */
    private static final Set<String> REASONS_SEEN = new TreeSet<>();

    @TempDir
    Path dir;

    @AfterAll
    static void generatorReachedEveryKindOfPrediction() {
        assertThat(REASONS_SEEN).contains("BUS", "SLOT", "ROOT_BUS", "NO_BUS_RESET_QUIRK", "RESET_DISABLED");
    }

    @TestFactory
    Stream<DynamicTest> randomHosts() {
        return Stream.iterate(FIRST_SEED, s -> s + 1).limit(HOSTS)
                .map(seed -> DynamicTest.dynamicTest("seed " + Long.toHexString(seed), () -> checkHost(seed)));
    }

    private void checkHost(long seed) throws IOException {
        Path root = Files.createDirectories(dir.resolve(Long.toHexString(seed)));
        RandomHost host = RandomHost.generate(root, seed);
        host.fixture.write();
        Topology t = new SysfsReader(HostRoot.of(root)).scan();

        assertThat(t.devices()).extracting(PciDevice::address)
                .containsExactlyInAnyOrderElementsOf(host.ancestors.keySet());
        assertThat(t.notes()).as("a valid host reads without notes").isEmpty();
        for (PciDevice d : t.devices()) {
            ModelInvariants.parentChainEndsAtARootBus(t, d);
            assertThat(t.upstreamPath(d.address())).extracting(PciDevice::address)
                    .as("upstream path of %s", d.address())
                    .containsExactlyElementsOf(host.ancestors.get(d.address()));
            blastRadius(t, host, d.address());
        }
        GroupAgreement.check(t);
    }

    private static void blastRadius(Topology t, RandomHost host, PciAddress a) {
        HotResetPrediction p = AffectedSet.predict(t, a);
        REASONS_SEEN.add(p.reasonCode());
        assertThat(p.affected()).as("blast radius of %s contains it", a).contains(a);
        assertThat(p.affected()).isSorted().doesNotHaveDuplicates();
        Set<PciAddress> affected = new HashSet<>(p.affected());
        if (p.possible()) {
            // a secondary bus reset reaches through every bridge it resets
            for (PciAddress x : p.affected()) {
                assertThat(affected).as("everything below %s is reset with it", x).containsAll(t.descendants(x));
            }
        }
        if (p.resetBridge().isPresent()) {
            PciAddress bridge = p.resetBridge().get();
            assertThat(host.ancestors.get(a)).as("the reset bridge is above %s", a).contains(bridge);
            assertThat(affected).doesNotContain(bridge);
        }
        if (p.possible() && p.scope().orElseThrow() == HotResetScope.BUS) {
            PciAddress bridge = p.resetBridge().orElseThrow();
            // independent of the reader: every function the generator placed below the bridge
            Set<PciAddress> below = new TreeSet<>();
            host.ancestors.forEach((f, chain) -> {
                if (chain.contains(bridge)) {
                    below.add(f);
                }
            });
            assertThat(new TreeSet<>(p.affected())).as("bus reset of %s below %s", a, bridge).isEqualTo(below);
        } else if (p.possible()) {
            PciAddress bridge = p.resetBridge().orElseThrow();
            assertThat(t.descendants(bridge)).containsAll(p.affected());
        } else if (host.ancestors.get(a).isEmpty()) {
            assertThat(p.reasonCode()).isEqualTo("ROOT_BUS");
            assertThat(p.affected()).containsExactly(a);
        }
        assertThat(p.groups()).allSatisfy(g -> assertThat(t.group(g)).isPresent());
    }
}
