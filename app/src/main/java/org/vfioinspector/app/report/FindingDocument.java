package org.vfioinspector.app.report;

import java.util.List;
import java.util.Optional;

import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.reset.Finding;

/** A blocker, warning or unknown: a stable code, the function it is about (if one), the sentence for the user. */
public record FindingDocument(String code, Optional<String> device, String message) {

    public static List<FindingDocument> of(List<Finding> findings) {
        return findings.stream()
                .map(f -> new FindingDocument(f.code(), f.device().map(PciAddress::toString), f.message())).toList();
    }
}
