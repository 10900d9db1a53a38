package org.vfioinspector.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.reset.AffectedSet;
import org.vfioinspector.core.reset.HotResetPrediction;

/** What every scanned model must satisfy, however broken or changing the host was. */
public final class ModelInvariants {

    private ModelInvariants() {
    }

    /**
     * The model is a tree whose chains end at the top, each blast radius contains its device and
     * (when a reset is possible) everything below what it resets, every function's group exists,
     * and group disagreements are explained ({@link GroupAgreement}).
     */
    public static void check(Topology t) {
        for (PciDevice d : t.devices()) {
            parentChainEndsAtARootBus(t, d);
            HotResetPrediction p = AffectedSet.predict(t, d.address());
            assertThat(p.affected()).contains(d.address());
            if (p.possible()) {
                Set<PciAddress> affected = new HashSet<>(p.affected());
                p.affected().forEach(x -> assertThat(affected).containsAll(t.descendants(x)));
            }
            d.iommuGroup().ifPresent(g -> assertThat(t.group(g)).as("group %s of %s", g, d.address()).isPresent());
        }
        assertThat(t.roots().size() + t.devices().stream().mapToInt(d -> t.children(d.address()).size()).sum())
                .as("every function is either at the top or some function's child, exactly once")
                .isEqualTo(t.size());
        GroupAgreement.check(t);
    }

    /** {@link Topology#upstreamPath} of {@code d} ends at a function with no parent, on a root bus. */
    public static void parentChainEndsAtARootBus(Topology t, PciDevice d) {
        List<PciDevice> path = t.upstreamPath(d.address());
        assertThat(path).extracting(PciDevice::address).doesNotHaveDuplicates().doesNotContain(d.address());
        PciDevice top = path.isEmpty() ? d : path.get(path.size() - 1);
        assertThat(t.parent(top.address())).as("the top of %s's chain has no parent", d.address()).isEmpty();
        assertThat(t.onRootBus(top.address())).isTrue();
        assertThat(t.rootBuses()).contains(top.address().busAddress());
        assertThat(t.roots()).contains(top);
        for (int i = 0; i < path.size(); i++) {
            PciAddress below = i == 0 ? d.address() : path.get(i - 1).address();
            assertThat(t.children(path.get(i).address())).as("children of %s", path.get(i).address()).contains(below);
        }
    }
}
