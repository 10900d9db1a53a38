package org.vfioinspector.app.gui;

import org.vfioinspector.app.report.FunctionDescriber;
import org.vfioinspector.app.report.FunctionDescription;
import org.vfioinspector.app.session.LoadedHost;
import org.vfioinspector.core.model.PciDevice;

/** The description of a function on a loaded host: what the details panel and the graph's tooltip show. */
public final class DeviceDetails {

    private DeviceDetails() {
    }

    public static FunctionDescription of(PciDevice d, LoadedHost host) {
        return FunctionDescriber.describe(d, host.topology(), host.names(), host.state(), host.health());
    }
}
