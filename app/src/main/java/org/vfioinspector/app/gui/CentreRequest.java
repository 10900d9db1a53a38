package org.vfioinspector.app.gui;

import org.vfioinspector.core.model.PciAddress;

/** Asks the graph to bring a function into the middle of the view; {@code seq} makes repeats distinct. */
public record CentreRequest(PciAddress address, long seq) {
}
