package org.vfioinspector.core.sysfs;

import java.util.Optional;

import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.Hypervisor;
import org.vfioinspector.core.model.KernelCommandLine;

/** The kernel's facts about the host: its release and command line, from {@code proc}. */
final class HostFacts {

    /** How much of {@code proc/cpuinfo} is read: the first processor's block with its flags. */
    static final int CPUINFO_START = 4096;

    private final SysfsFiles io;

    HostFacts(SysfsFiles io) {
        this.io = io;
    }

    HostInfo read(int groupCount) {
        Optional<String> release = io.text(io.resolve(SysfsNames.PROC_OSRELEASE))
                .filter(s -> !s.isEmpty())
                .or(() -> io.text(io.resolve(SysfsNames.PROC_VERSION)).flatMap(HostFacts::releaseFromVersion));
        KernelCommandLine cmdline = io.text(io.resolve(SysfsNames.PROC_CMDLINE))
                .map(KernelCommandLine::parse).orElse(KernelCommandLine.EMPTY);
        return new HostInfo(release, cmdline, groupCount, hypervisor());
    }

    private Optional<Hypervisor> hypervisor() {
        return Hypervisor.detect(io.text(io.resolve(SysfsNames.HYPERVISOR_TYPE)),
                io.text(io.resolve(SysfsNames.DMI_SYS_VENDOR)), io.text(io.resolve(SysfsNames.DMI_PRODUCT_NAME)),
                // the first processor's block is enough; a large host's whole cpuinfo is long and slow to make
                io.attributeBytes(io.resolve(SysfsNames.PROC_CPUINFO), CPUINFO_START)
                        .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** {@code Linux version 6.1.0-56-amd64 (…)} → {@code 6.1.0-56-amd64}. */
    static Optional<String> releaseFromVersion(String version) {
        String[] parts = version.split("\\s+");
        if (parts.length >= 3 && parts[0].equals("Linux") && parts[1].equals("version")) {
            return Optional.of(parts[2]);
        }
        return Optional.empty();
    }
}
