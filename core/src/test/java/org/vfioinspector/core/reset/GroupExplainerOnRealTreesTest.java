package org.vfioinspector.core.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.config.Acs;
import org.vfioinspector.core.config.ConfigSpace;
import org.vfioinspector.core.config.PortType;
import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.real.RealFixtures;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * {@link GroupExplainer} over every group of every real captured tree (fixtures/NOTICE.md): the groups are
 * the kernel's, not a demo author's, so each reason is checked against the tree's own facts by the rules of
 * {@code pci_device_group()} (drivers/iommu/iommu.c) instead of against the explainer's output.
 */
class GroupExplainerOnRealTreesTest {

    @TempDir
    Path dir;

    @Test
    void everyGroupOfEveryCapturedTreeIsExplainedOnlyByWhatTheTreeShows() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        int shared = 0;
        shared += check(soft, "q35 at boot", scan(HostRoot.of(RealFixtures.qemuQ35(dir, true))));
        shared += check(soft, "q35 with vfio", scan(HostRoot.of(RealFixtures.qemuQ35(dir, false))));
        shared += check(soft, "hwloc server", scan(HostRoot.of(RealFixtures.hwlocServer(dir))));
        shared += check(soft, "thinkpad", scan(HostRoot.of(RealFixtures.thinkpad(dir))));
        for (String set : List.of("", "-6.12", "-pciehp", "-pciehp-6.12")) {
            try (HostRoot root = SnapshotReader.open(lab("lab-guest-snapshot" + set + ".tar.gz"))) {
                shared += check(soft, "lab" + set, scan(root));
            }
        }
        soft.assertAll();
        assertThat(shared).as("groups with several functions examined").isGreaterThan(5);
    }

    private static Topology scan(HostRoot root) {
        return new SysfsReader(root).scan();
    }

    /** Checks every group of {@code t}; returns how many have more than one function. */
    private static int check(SoftAssertions soft, String tree, Topology t) {
        Set<Integer> explainedGroups = new HashSet<>();
        GroupExplainer.explainAll(t).forEach(e -> explainedGroups.add(e.group()));
        int shared = 0;
        for (IommuGroup g : t.groups()) {
            String at = tree + " group " + g.id();
            GroupExplanation e = GroupExplainer.explain(t, g);
            soft.assertThat(e.group()).as(at).isEqualTo(g.id());
            soft.assertThat(e.members()).as(at + " members").isEqualTo(g.devices());
            soft.assertThat(explainedGroups.contains(g.id())).as(at + " in explainAll").isEqualTo(g.devices().size() > 1);
            if (g.devices().size() <= 1) {
                soft.assertThat(e.reasons()).as(at + " needs no reason").isEmpty();
                soft.assertThat(e.unexplained()).as(at).isEmpty();
                continue;
            }
            shared++;
            Set<PciAddress> members = new TreeSet<>(g.devices());
            soft.assertThat(members).as(at + " unexplained are members").containsAll(e.unexplained());
            Set<PciAddress> covered = new TreeSet<>();
            for (GroupExplanation.Reason r : e.reasons()) {
                covered.addAll(checkReason(soft, at + " " + r.code() + " at " + r.at(), t, g, members, r));
            }
            Set<PciAddress> explained = new TreeSet<>(members);
            e.unexplained().forEach(explained::remove);
            soft.assertThat(covered).as(at + ": the reasons account for exactly the members called explained")
                    .isEqualTo(explained);
        }
        return shared;
    }

    /** What {@code r} claims, checked against the tree; returns the members it accounts for. */
    private static Set<PciAddress> checkReason(SoftAssertions soft, String at, Topology t, IommuGroup g,
                                               Set<PciAddress> members, GroupExplanation.Reason r) {
        Set<PciAddress> covers = new TreeSet<>();
        Optional<PciDevice> d = t.device(r.at());
        switch (r.code()) {
            case "PCI_BRIDGE" -> {
                // DMA from behind a PCIe-to-PCI (or conventional PCI-to-PCI) bridge carries the bridge's requester ID
                soft.assertThat(members).as(at + " the bridge is a member").contains(r.at());
                soft.assertThat(d.map(PciDevice::isBridge)).as(at + " is a bridge").contains(true);
                soft.assertThat(d.flatMap(PciDevice::portType).filter(p -> p != PortType.PCIE_TO_PCI_BRIDGE))
                        .as(at + " is no PCIe port but a bridge to conventional PCI").isEmpty();
                List<PciAddress> behind = t.descendants(r.at()).stream().filter(members::contains).toList();
                soft.assertThat(behind).as(at + " members behind it").isNotEmpty();
                covers.add(r.at());
                covers.addAll(behind);
            }
            case "MULTIFUNCTION" -> {
                // functions of one device may reach each other unless the function has ACS that isolates them
                soft.assertThat(members).as(at + " is a member").contains(r.at());
                List<PciAddress> slot = members.stream().filter(m -> m.busAddress().equals(r.at().busAddress())
                        && m.device() == r.at().device()).toList();
                soft.assertThat(slot).as(at + " other functions of the device in the group").hasSizeGreaterThan(1);
                soft.assertThat(isolates(d.orElseThrow())).as(at + " has no isolating ACS").isNotEqualTo(Optional.of(true));
                covers.addAll(slot);
            }
            case "NO_ACS" -> {
                // only Root and Downstream Ports enforce ACS for what is below them
                soft.assertThat(d.flatMap(PciDevice::portType).map(PortType::isDownstreamFacing))
                        .as(at + " is a root or downstream port").contains(true);
                soft.assertThat(isolates(d.orElseThrow())).as(at + " does not isolate").isNotEqualTo(Optional.of(true));
                List<PciAddress> below = t.descendants(r.at()).stream().filter(members::contains).toList();
                soft.assertThat(below).as(at + " members below the port").isNotEmpty();
                if (isolates(d.get()).isPresent() && d.get().iommuGroup().isPresent()) {
                    // by the kernel's walk up from each function, everything below the port joins the port's group
                    for (PciAddress x : t.descendants(r.at())) {
                        t.device(x).flatMap(f -> f.iommuGroup().isPresent() ? Optional.of(f.iommuGroup().getAsInt())
                                : Optional.<Integer>empty()).ifPresent(group -> soft.assertThat(group)
                                .as(at + ": " + x + " below it shares its group").isEqualTo(d.get().iommuGroup().getAsInt()));
                    }
                }
                if (members.contains(r.at())) {
                    covers.add(r.at());
                }
                covers.addAll(below);
            }
            case "ACS_OVERRIDE" -> soft.assertThat(t.host().cmdline().acsOverride()).as(at + " on the command line")
                    .isPresent();
            default -> soft.fail(at + ": unknown reason code");
        }
        return covers;
    }

    /** Whether the function's ACS isolates; empty when its extended config space could not be read. */
    private static Optional<Boolean> isolates(PciDevice d) {
        Optional<ConfigSpace> c = d.config();
        if (c.isEmpty() || !c.get().extendedAvailable()) {
            return Optional.empty();
        }
        return Optional.of(c.get().acs().map(Acs::isolates).orElse(false));
    }

    private static Path lab(String name) throws URISyntaxException {
        var url = GroupExplainerOnRealTreesTest.class.getResource("/fixtures/lab/" + name);
        assertThat(url).as(name).isNotNull();
        return Path.of(url.toURI());
    }
}
