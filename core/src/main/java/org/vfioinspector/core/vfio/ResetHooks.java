package org.vfioinspector.core.vfio;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;

/**
 * Points around the reset ioctl where a caller (the audit) records what is about to happen and what did. Called
 * on the thread that runs the protocol; a hook that throws is a bug of the hook and is not caught.
 */
public interface ResetHooks {

    /**
     * Just before {@code VFIO_DEVICE_PCI_HOT_RESET} or {@code VFIO_DEVICE_RESET} (never in a dry run), after every
     * check passed. A finding refuses the reset: the ioctl is not called and the run ends refused.
     *
     * @param kernelSet the functions the reset reaches, as the kernel listed them (the target alone for a function reset)
     */
    default Optional<Finding> beforeIoctl(ResetPlan plan, List<PciAddress> kernelSet) {
        return Optional.empty();
    }

    /**
     * After the run's result is known: the report with its verification (after the drivers were put back when the
     * command restores them). {@code report.verification()} holds the run's verdict.
     */
    default void afterResult(ResetReport report) {
    }

    ResetHooks NONE = new ResetHooks() {
    };
}
