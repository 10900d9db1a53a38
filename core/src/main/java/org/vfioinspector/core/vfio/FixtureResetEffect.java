package org.vfioinspector.core.vfio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.config.Capability;
import org.vfioinspector.core.config.ConfigSpaceParser;
import org.vfioinspector.core.health.ResetFacts;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;

/**
 * What a reset does to a fixture tree's functions in {@link FixtureVfioKernel}, so the real {@code reset} command
 * can be driven to every verification verdict: each mode changes the files a real kernel would show changed.
 */
public enum FixtureResetEffect {
    /** Every function answers as before. */
    COMES_BACK,
    /** Config space reads all ones afterwards (the device fell off the bus). */
    DOES_NOT_COME_BACK,
    /** Every function's link trains at 2.5 GT/s and half its width, and one correctable AER error is counted. */
    COMES_BACK_DEGRADED,
    /**
     * {@code VFIO_DEVICE_PCI_HOT_RESET} fails with ENOTTY (the kernel gave up waiting for the link); sysfs keeps
     * showing the old link speed, as seen on the real kernel.
     */
    ENOTTY_LINK_STAYS_DOWN,
    /**
     * The reset succeeds but the upstream port's Link Status says the data link layer is down (it reports DLLLA),
     * while every sysfs attribute still shows the old values.
     */
    LINK_DOWN_IN_CONFIG_SPACE;

    /** Applies this effect to {@code set} after a successful reset ioctl. */
    void apply(Path root, List<PciAddress> set) {
        HostRoot host = HostRoot.of(root);
        for (PciAddress a : set) {
            Path dir = root.resolve(SysfsNames.function(a));
            switch (this) {
                case DOES_NOT_COME_BACK -> {
                    byte[] ff = new byte[Math.max(64, HostRoot.readBytes(dir.resolve(SysfsNames.CONFIG), 4096)
                            .map(b -> b.length).orElse(64))];
                    Arrays.fill(ff, (byte) 0xff);
                    write(dir.resolve(SysfsNames.CONFIG), ff);
                }
                case COMES_BACK_DEGRADED -> {
                    int width = HostRoot.readText(dir.resolve(SysfsNames.CURRENT_LINK_WIDTH)).map(String::strip)
                            .filter(w -> w.matches("[0-9]{1,2}")).map(Integer::parseInt).orElse(2);
                    write(dir.resolve(SysfsNames.CURRENT_LINK_SPEED), "2.5 GT/s PCIe\n");
                    write(dir.resolve(SysfsNames.CURRENT_LINK_WIDTH), Math.max(1, width / 2) + "\n");
                    long cor = HostRoot.readText(dir.resolve(SysfsNames.AER_DEV_CORRECTABLE))
                            .flatMap(FixtureResetEffect::totalCorrectable).orElse(0L);
                    write(dir.resolve(SysfsNames.AER_DEV_CORRECTABLE), "RxErr " + (cor + 1) + "\nBadTLP 0\n"
                            + "TOTAL_ERR_COR " + (cor + 1) + "\n");
                }
                case LINK_DOWN_IN_CONFIG_SPACE -> ResetFacts.read(host, a).upstreamPort()
                        .ifPresent(p -> linkDown(root.resolve(SysfsNames.functionFile(p, SysfsNames.CONFIG))));
                default -> {
                }
            }
        }
    }

    /** Sets LnkCap's DLLLA Reporting Capable (bit 20) and clears LnkSta's DLLLA (bit 13) in a port's config file. */
    private static void linkDown(Path config) {
        byte[] b = HostRoot.readBytes(config, 4096).orElseThrow(() -> new IllegalStateException("no config: " + config));
        int cap = ConfigSpaceParser.parse(b).capabilities().stream().filter(c -> c.id() == 0x10).mapToInt(Capability::offset)
                .findFirst().orElseThrow(() -> new IllegalStateException("no PCIe capability in " + config));
        b[cap + 0x0c + 2] |= 0x10; // LnkCap bit 20
        b[cap + 0x12 + 1] &= (byte) ~0x20; // LnkSta bit 13
        write(config, b);
    }

    private static Optional<Long> totalCorrectable(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("TOTAL_ERR_COR ")) {
                return Optional.of(Long.parseLong(line.substring(14).strip()));
            }
        }
        return Optional.empty();
    }

    private static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
