package org.vfioinspector.core.pciids;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written pci.ids excerpt in test resources, and parsing from text blocks. */
final class Fixture {

    private Fixture() {
    }

    static String text() {
        try (InputStream in = Fixture.class.getResourceAsStream("/pciids/pci.ids")) {
            if (in == null) {
                throw new IllegalStateException("test resource /pciids/pci.ids is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PciIds ids() {
        return parse(text());
    }

    static PciIds parse(String text) {
        return PciIds.parse(new BufferedReader(new StringReader(text)));
    }
}
