package org.vfioinspector.core.sysfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.vfioinspector.core.model.IommuGroup;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.PciDevice;

/** Reads the {@code sys/kernel/iommu_groups/N} folders: each group's members and type. */
final class GroupFolders {

    private final SysfsFiles io;

    GroupFolders(SysfsFiles io) {
        this.io = io;
    }

    /** Every group folder: the group, or the note that says why it is ignored. */
    List<ReadResult<IommuGroup>> read() {
        List<Path> folders = io.list(io.resolve(SysfsNames.IOMMU_GROUPS));
        return Parallel.map(folders.size(), i -> readOne(folders.get(i)));
    }

    /**
     * How many groups {@link #read} and {@link GroupReconciler} would give, without reading the folders: the
     * folders named by a group number, and the groups the functions' links name that have none.
     */
    static int count(SysfsFiles io, List<PciDevice> devices) {
        Set<Integer> ids = new HashSet<>();
        for (String name : io.sortedNames(io.resolve(SysfsNames.IOMMU_GROUPS))) {
            OptionalInt id = SysfsValues.parseDecimal(name);
            if (id.isPresent() && id.getAsInt() >= 0) {
                ids.add(id.getAsInt());
            }
        }
        devices.forEach(d -> d.iommuGroup().ifPresent(ids::add));
        return ids.size();
    }

    /** The folders of the groups {@code ids} alone, in that order (a scoped read, see {@link ScopedScan}). */
    List<ReadResult<IommuGroup>> read(java.util.Collection<Integer> ids) {
        List<Path> folders = ids.stream().map(g -> io.resolve(SysfsNames.IOMMU_GROUPS + "/" + g))
                .filter(io::isDirectory).toList();
        return folders.stream().map(this::readOne).toList();
    }

    private ReadResult<IommuGroup> readOne(Path g) {
        String name = g.getFileName().toString();
        OptionalInt id = SysfsValues.parseDecimal(name);
        if (id.isEmpty() || id.getAsInt() < 0) {
            return new ReadResult.LeftOut<>(SysfsNames.IOMMU_GROUPS + "/" + SysfsValues.quote(name)
                    + " is not a group number; ignored");
        }
        List<PciAddress> members = new ArrayList<>();
        // names only (one readdir pass, no Path per entry), in the order io.list gives
        for (String m : io.sortedNames(g.resolve(SysfsNames.GROUP_DEVICES))) {
            PciAddress a = PciAddress.tryParse(m);
            if (a != null) {
                members.add(a);
            }
        }
        Optional<String> type = io.attributeText(g.resolve(SysfsNames.GROUP_TYPE));
        return new ReadResult.Read<>(new IommuGroup(id.getAsInt(), type, members));
    }
}
