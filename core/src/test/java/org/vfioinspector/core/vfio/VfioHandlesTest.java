package org.vfioinspector.core.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfioinspector.core.model.PciAddress;

/** The handles against {@link FakeVfioKernel}, which answers the way the lab's 6.1 kernel did. */
class VfioHandlesTest {

    private static final Path ROOT = Path.of("/fake-root");
    private static final Path CONTAINER = ROOT.resolve("dev/vfio/vfio");

    private final FakeVfioKernel kernel = new FakeVfioKernel();

    private static DependentDevice dep(int group, String bdf) {
        return DependentDevice.inGroup(group, PciAddress.parse(bdf));
    }

    @Test
    void groupModeSequenceFromOpenToHotResetLikeTheLab() throws Exception {
        kernel.container(CONTAINER.toString());
        kernel.group(ROOT.resolve("dev/vfio/14").toString(), 14, "0000:07:00.0", "0000:07:00.1");
        List<DependentDevice> slot = List.of(dep(14, "0000:07:00.0"), dep(14, "0000:07:00.1"));
        kernel.dependentsOnCall = call -> slot;

        try (VfioContainer container = VfioContainer.open(CONTAINER, kernel);
             VfioGroup group = VfioGroup.open(ROOT.resolve("dev/vfio/14"), kernel)) {
            assertThat(container.getApiVersion()).isEqualTo(Vfio.VFIO_API_VERSION);
            assertThat(container.checkExtension(Vfio.VFIO_TYPE1v2_IOMMU)).isTrue();
            assertThat(container.checkExtension(99)).isFalse();
            assertThat(group.getStatus()).isEqualTo(new GroupStatus(true, false));
            group.setContainer(container);
            container.setIommu(Vfio.VFIO_TYPE1v2_IOMMU);
            assertThat(group.getStatus()).isEqualTo(new GroupStatus(true, true));
            try (VfioDevice device = group.getDeviceFd(PciAddress.parse("07:00.0"))) {
                DeviceInfo info = device.getInfo();
                assertThat(info.canReset()).isTrue();
                assertThat(info.isPci()).isTrue();
                assertThat(info.numRegions()).isEqualTo(9);

                assertThat(device.getPciHotResetInfo()).isEqualTo(slot);
                device.hotReset(List.of(group));
                device.reset();
            }
            group.unsetContainer();
        }

        assertThat(kernel.hotResetInfoArgsz).as("argsz of each INFO call").containsExactly(12, 12 + 8 * 2);
        assertThat(kernel.hotResets).containsExactly(List.of(14));
        assertThat(kernel.resets).containsExactly("0000:07:00.0");
        assertThat(kernel.fds).as("descriptors left open").isEmpty();
    }

    @Test
    void hotResetInfoGrowsTheBufferWhenTheCountChangesBetweenCalls() throws Exception {
        List<DependentDevice> one = List.of(dep(3, "0000:03:00.0"));
        List<DependentDevice> two = List.of(dep(3, "0000:03:00.0"), dep(3, "0000:03:00.1"));
        kernel.dependentsOnCall = call -> call == 0 ? one : two;

        try (VfioDevice device = openDevice(3, "0000:03:00.0")) {
            assertThat(device.getPciHotResetInfo()).isEqualTo(two);
        }
        assertThat(kernel.hotResetInfoArgsz).containsExactly(12, 20, 28);
    }

    @Test
    void hotResetInfoGivesUpAfterBoundedAttemptsWhenTheCountKeepsGrowing() throws Exception {
        kernel.dependentsOnCall = call -> {
            List<DependentDevice> devices = new ArrayList<>();
            for (int f = 0; f <= Math.min(call, 7); f++) {
                devices.add(dep(3, "0000:03:00." + f));
            }
            return devices;
        };

        try (VfioDevice device = openDevice(3, "0000:03:00.0")) {
            VfioException e = catchThrowableOfType(VfioException.class, device::getPciHotResetInfo);
            assertThat(e.errnoName()).isEqualTo("ENOSPC");
            assertThat(e.operation()).isEqualTo("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO");
        }
        assertThat(kernel.hotResetInfoArgsz).hasSize(VfioDevice.MAX_INFO_ATTEMPTS);
    }

    @Test
    void implausibleCountIsAProtocolErrorNotAnAllocation() throws Exception {
        kernel.claimedCount = -1; // 0xffffffff as __u32
        try (VfioDevice device = openDevice(3, "0000:03:00.0")) {
            VfioException e = catchThrowableOfType(VfioException.class, device::getPciHotResetInfo);
            assertThat(e.errnoName()).isEqualTo("EPROTO");
            assertThat(e.description()).contains("4294967295");
        }
        assertThat(kernel.hotResetInfoArgsz).containsExactly(12);
    }

    @Test
    void nonViableGroupCannotJoinAContainer() throws Exception {
        kernel.container(CONTAINER.toString());
        kernel.group("/g/7", 7, "0000:07:00.0").viable = false;

        try (VfioContainer container = VfioContainer.open(CONTAINER, kernel);
             VfioGroup group = VfioGroup.open(Path.of("/g/7"), kernel)) {
            assertThat(group.getStatus().viable()).isFalse();
            VfioException e = catchThrowableOfType(VfioException.class, () -> group.setContainer(container));
            assertThat(e.operation()).isEqualTo("VFIO_GROUP_SET_CONTAINER");
            assertThat(e.errno()).isEqualTo(1);
            assertThat(e.errnoName()).isEqualTo("EPERM");
            assertThat(e.target()).isEqualTo("/g/7");
            assertThat(e.getMessage()).isEqualTo(
                    "VFIO_GROUP_SET_CONTAINER on /g/7 failed: EPERM (fake strerror for EPERM)");
        }
    }

    @Test
    void secondOpenOfAGroupIsBusyAndLeavesTheFirstOpen() throws Exception {
        kernel.group("/g/5", 5);
        try (VfioGroup first = VfioGroup.open(Path.of("/g/5"), kernel)) {
            VfioException e = catchThrowableOfType(VfioException.class, () -> VfioGroup.open(Path.of("/g/5"), kernel));
            assertThat(e.errnoName()).isEqualTo("EBUSY");
            assertThat(e.operation()).isEqualTo("open");
            assertThat(kernel.fds).hasSize(1);
        }
        assertThat(kernel.fds).isEmpty();
    }

    @Test
    void hotResetMissingOneOfTheGroupsIsRefusedByTheKernel() throws Exception {
        kernel.container(CONTAINER.toString());
        kernel.group("/g/5", 5, "0000:05:00.0");
        kernel.group("/g/6", 6, "0000:05:00.1");
        kernel.dependentsOnCall = call -> List.of(dep(5, "0000:05:00.0"), dep(6, "0000:05:00.1"));

        try (VfioContainer container = VfioContainer.open(CONTAINER, kernel);
             VfioGroup g5 = VfioGroup.open(Path.of("/g/5"), kernel);
             VfioGroup g6 = VfioGroup.open(Path.of("/g/6"), kernel)) {
            g5.setContainer(container);
            g6.setContainer(container);
            container.setIommu(Vfio.VFIO_TYPE1v2_IOMMU);
            try (VfioDevice device = g5.getDeviceFd("0000:05:00.0")) {
                assertThat(catchThrowableOfType(VfioException.class, () -> device.hotReset(List.of(g5))).errnoName())
                        .isEqualTo("EINVAL");
                assertThat(catchThrowableOfType(VfioException.class, () -> device.hotReset(List.of())).errnoName())
                        .isEqualTo("EINVAL");
                device.hotReset(List.of(g5, g6));
            }
        }
        assertThat(kernel.hotResets).containsExactly(List.of(5, 6));
        assertThat(kernel.fds).isEmpty();
    }

    @Test
    void resetWithoutAResetMethodIsEinval() throws Exception {
        kernel.deviceInfoFlags = Vfio.VFIO_DEVICE_FLAGS_PCI;
        try (VfioDevice device = openDevice(8, "0000:08:00.0")) {
            assertThat(device.getInfo().canReset()).isFalse();
            assertThat(catchThrowableOfType(VfioException.class, device::reset).errnoName()).isEqualTo("EINVAL");
        }
    }

    @Test
    void containerSpeakingAnotherApiVersionIsRefusedAndClosed() {
        kernel.container(CONTAINER.toString());
        kernel.apiVersion = 1;

        VfioException e = catchThrowableOfType(VfioException.class, () -> VfioContainer.open(CONTAINER, kernel));

        assertThat(e.errnoName()).isEqualTo("EPROTO");
        assertThat(e.operation()).isEqualTo("VFIO_GET_API_VERSION");
        assertThat(kernel.fds).isEmpty();
    }

    @Test
    void closeIsIdempotentAndAClosedHandleRefusesWork() throws Exception {
        kernel.group("/g/2", 2);
        VfioGroup group = VfioGroup.open(Path.of("/g/2"), kernel);

        group.close();
        group.close();

        assertThat(kernel.closeCalls).isEqualTo(1);
        assertThat(group.isClosed()).isTrue();
        assertThatThrownBy(group::getStatus).isInstanceOf(IllegalStateException.class).hasMessageContaining("/g/2");
    }

    @Test
    void hotResetWithAClosedGroupIsRefusedBeforeTheKernelIsAsked() throws Exception {
        try (VfioDevice device = openDevice(4, "0000:04:00.0")) {
            VfioGroup closed = VfioGroup.open(Path.of("/g/other"), withGroup("/g/other", 9));
            closed.close();
            assertThatThrownBy(() -> device.hotReset(List.of(closed))).isInstanceOf(IllegalStateException.class);
        }
        assertThat(kernel.hotResets).isEmpty();
    }

    @Test
    void deviceNamesThatCannotBeKernelNamesAreRejected() throws Exception {
        kernel.group("/g/1", 1);
        try (VfioGroup group = VfioGroup.open(Path.of("/g/1"), kernel)) {
            assertThatThrownBy(() -> group.getDeviceFd("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> group.getDeviceFd("0000:01:00.0\0x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> group.getDeviceFd("../0000:01:00.0")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private FakeVfioKernel withGroup(String path, int id) {
        kernel.group(path, id);
        return kernel;
    }

    /** A device opened through the whole group-mode sequence; its group and container are closed again. */
    private VfioDevice openDevice(int groupId, String bdf) throws VfioException {
        kernel.container(CONTAINER.toString());
        String path = "/dev-" + groupId;
        kernel.group(path, groupId, bdf);
        try (VfioContainer container = VfioContainer.open(CONTAINER, kernel);
             VfioGroup group = VfioGroup.open(Path.of(path), kernel)) {
            group.setContainer(container);
            container.setIommu(Vfio.VFIO_TYPE1v2_IOMMU);
            return group.getDeviceFd(bdf);
        }
    }
}
