package org.vfioinspector.core.compare;

import java.util.Objects;

import org.vfioinspector.core.model.PciAddress;

/**
 * A function found on both sides, with how it was recognised and where it sits on each.
 *
 * @param before    its address on the first side
 * @param after     its address on the second side
 * @param how       what matched it
 * @param positionBefore {@link Position} on the first side
 * @param positionAfter  {@link Position} on the second side
 */
public record Pairing(PciAddress before, PciAddress after, How how, String positionBefore, String positionAfter) {

    /** What recognised a function on the other side, strongest first. */
    public enum How {
        SERIAL("same ids and serial number"),
        CARD("same ids, on the same card as a function matched by serial number"),
        POSITION("same ids at the same position under its root port"),
        UNIQUE_IDS("same ids, the only such function on each side");

        private final String label;

        How(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Pairing {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(how, "how");
    }

    /** Sits at another position under the root ports: a card moved to another slot. */
    public boolean moved() {
        return !positionBefore.equals(positionAfter);
    }

    /** Same position, another address: the buses were numbered differently. */
    public boolean renumbered() {
        return !moved() && !before.equals(after);
    }
}
