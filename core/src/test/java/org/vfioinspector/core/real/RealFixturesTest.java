package org.vfioinspector.core.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * Real captured sysfs trees must come out exactly as pciutils reads them: every function, its
 * parent bridge, its ids and class ({@code lspci -A linux-sysfs -D -PP -n}).
 */
class RealFixturesTest {

    @TempDir
    Path dir;

    /** address → "parent|vendor:device|class" as lspci -PP -n prints it. */
    static Map<String, String> lspciView(Path root) throws Exception {
        Path lspci = Path.of("/usr/bin/lspci");
        if (!Files.isExecutable(lspci)) {
            Assumptions.assumeTrue(System.getenv("LSPCI_OPTIONAL") != null,
                    "lspci is missing: install pciutils (apt-get install pciutils), or set LSPCI_OPTIONAL=1 to skip");
        }
        String out = RealFixtures.run(List.of(lspci.toString(), "-A", "linux-sysfs",
                "-O", "sysfs.path=" + root.resolve("sys/bus/pci"), "-D", "-PP", "-n"));
        Map<String, String> view = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // 0000:00:02.2/0000:03:00.0 0604: 1b36:000c (rev 01)
            String[] parts = line.split(" ");
            String[] path = parts[0].split("/");
            // lspci -D prints the domain on the first path element only; the others inherit it
            int domain = PciAddress.parse(path[0]).domain();
            String addr = withDomain(path[path.length - 1], domain);
            String parent = path.length > 1 ? withDomain(path[path.length - 2], domain) : "-";
            String cls = parts[1].replace(":", "");
            view.put(addr, parent + "|" + parts[2] + "|" + cls);
        }
        return view;
    }

    private static String withDomain(String bdf, int domain) {
        PciAddress a = PciAddress.parse(bdf);
        return new PciAddress(domain, a.bus(), a.device(), a.function()).toString();
    }

    static Map<String, String> ourView(Topology t) {
        Map<String, String> view = new TreeMap<>();
        for (PciDevice d : t.devices()) {
            view.put(d.address().toString(), d.parent().map(PciAddress::toString).orElse("-") + "|" + d.idPair()
                    + "|" + String.format("%04x", d.classCode().getAsInt() >> 8));
        }
        return view;
    }

    @Test
    void qemuLabGuestMatchesLspci() throws Exception {
        Path root = RealFixtures.qemuQ35(dir, false);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();
        assertThat(ourView(t)).isEqualTo(lspciView(root));
        assertThat(t.size()).isEqualTo(24);
        assertThat(t.host().iommuEnabled()).isTrue();
        assertThat(t.host().kernelRelease()).contains("6.1.0-56-amd64");
        assertThat(t.notes()).isEmpty();
        // the xio3130 downstream ports have no ACS: each switch endpoint shares its port's group
        PciDevice nic = t.device(PciAddress.parse("05:00.0")).orElseThrow();
        assertThat(t.groupOf(nic.address()).orElseThrow().devices())
                .contains(PciAddress.parse("04:00.0"), PciAddress.parse("05:00.0"));
        assertThat(nic.driver()).contains("vfio-pci");
    }

    @Test
    void qemuLabGuestAtBootMatchesLspci() throws Exception {
        Path root = RealFixtures.qemuQ35(dir, true);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();
        assertThat(ourView(t)).isEqualTo(lspciView(root));
        assertThat(t.device(PciAddress.parse("02:00.0")).orElseThrow().driver()).contains("nvme");
    }

    @Test
    void hwlocServerMatchesLspci() throws Exception {
        Path root = RealFixtures.hwlocServer(dir);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();
        assertThat(ourView(t)).isEqualTo(lspciView(root));
        assertThat(t.size()).isEqualTo(137);
        assertThat(t.rootBuses()).extracting(Object::toString).containsExactly("0000:00", "0000:7f", "0000:80", "0000:ff");
        assertThat(t.host().iommuEnabled()).isFalse();
        // 64-byte configs: the header is there, the capabilities are not
        assertThat(t.devices()).allMatch(d -> d.config().map(c -> c.headerAvailable() && !c.capabilitiesAvailable()).orElse(false));
    }

    @Test
    void thinkpadWithoutConfigFilesFollowsTheSysfsNesting() throws Exception {
        Path root = RealFixtures.thinkpad(dir);
        Topology t = new SysfsReader(HostRoot.of(root)).scan();
        assertThat(t.size()).isEqualTo(23);
        assertThat(t.groups()).hasSize(15);
        assertThat(t.notes()).anyMatch(n -> n.contains("is missing; its members were taken from the functions' iommu_group links"));
        assertThat(t.devices()).allMatch(d -> d.notes().contains("no config file"));
        // ids still come from the vendor/device/class files
        assertThat(t.devices()).allMatch(d -> d.vendorId().isPresent() && d.classCode().isPresent());
        // every function below a bridge names it as parent, as the directory nesting says
        for (PciDevice d : t.devices()) {
            String[] path = d.sysfsPath().split("/");
            String expected = path.length > 2 ? path[path.length - 2] : null;
            assertThat(d.parent().map(PciAddress::toString).orElse(null)).as(d.address().toString()).isEqualTo(expected);
        }
    }
}
