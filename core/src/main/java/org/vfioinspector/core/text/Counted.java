package org.vfioinspector.core.text;

/** A count and its noun as a sentence says it: "1 function", "2 functions", "0 records". */
public final class Counted {

    private Counted() {
    }

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is 1 (for nouns whose plural is that). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
