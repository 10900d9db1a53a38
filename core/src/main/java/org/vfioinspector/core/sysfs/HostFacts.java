package org.vfioinspector.core.sysfs;

import java.util.Optional;

import org.vfioinspector.core.model.HostInfo;
import org.vfioinspector.core.model.KernelCommandLine;

/** The kernel's facts about the host: its release and command line, from {@code proc}. */
final class HostFacts {

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
        return new HostInfo(release, cmdline, groupCount);
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
