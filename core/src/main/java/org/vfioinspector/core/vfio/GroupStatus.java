package org.vfioinspector.core.vfio;

/**
 * What {@code VFIO_GROUP_GET_STATUS} answered.
 *
 * @param viable every device in the IOMMU group is bound to a vfio driver or to none
 *               ({@code VFIO_GROUP_FLAGS_VIABLE}); a group that is not viable cannot be attached
 *               to a container (EPERM)
 * @param containerSet the group is attached to a container ({@code VFIO_GROUP_FLAGS_CONTAINER_SET})
 */
public record GroupStatus(boolean viable, boolean containerSet) {

    /** Decodes {@code struct vfio_group_status.flags}; unknown bits are ignored. */
    public static GroupStatus fromFlags(int flags) {
        return new GroupStatus((flags & Vfio.VFIO_GROUP_FLAGS_VIABLE) != 0,
                (flags & Vfio.VFIO_GROUP_FLAGS_CONTAINER_SET) != 0);
    }
}
