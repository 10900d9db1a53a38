package org.vfioinspector.core.sysfs;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading one item (a function directory, an IOMMU group folder) gave: the value, or the note that
 * says why it is left out. A scan never fails because of one item.
 */
sealed interface ReadResult<T> permits ReadResult.Read, ReadResult.LeftOut {

    record Read<T>(T value) implements ReadResult<T> { }

    record LeftOut<T>(String note) implements ReadResult<T> { }

    /** The values read, in order; the notes of those left out go to {@code notes}, in order. */
    static <T> List<T> values(List<ReadResult<T>> results, List<String> notes) {
        List<T> values = new ArrayList<>(results.size());
        for (ReadResult<T> r : results) {
            if (r instanceof Read<T> read) {
                values.add(read.value());
            } else if (r instanceof LeftOut<T> out) {
                notes.add(out.note());
            }
        }
        return values;
    }
}
