package org.vfioinspector.core.sysfs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one function's reads returned, for a second, more detailed read of it to take instead of reading
 * again ({@link SysfsReader#scanInStages}). Each instance belongs to one function; the two reads of a function
 * run one after the other, possibly on different threads, ordered by the fork/join tasks between them.
 */
final class FunctionMemo {

    private boolean listed;
    private Set<String> names;
    /** Made at the first text or link read (a listing reads one or two of each). */
    private Map<String, Optional<String>> texts;
    private Map<String, Optional<String>> links;
    private Optional<byte[]> config;
    /** The outline left this VF's link out; see {@link FunctionReader.Detail#OUTLINE_WITH_LINKS}. */
    boolean vfLinksDeferred;

    /** The directory listing: listed the first time; null when the directory is gone. */
    Set<String> names(Supplier<Set<String>> list) {
        if (!listed) {
            names = list.get();
            listed = true;
        }
        return names;
    }

    /** The listing when one was made and the directory was there, else null. */
    Set<String> listedNames() {
        return names;
    }

    Optional<String> text(String name, Supplier<Optional<String>> read) {
        if (texts == null) {
            texts = new HashMap<>(8);
        }
        return remembered(texts, name, read);
    }

    Optional<String> link(String name, Supplier<Optional<String>> read) {
        if (links == null) {
            links = new HashMap<>(8);
        }
        return remembered(links, name, read);
    }

    private static Optional<String> remembered(Map<String, Optional<String>> seen, String name,
                                               Supplier<Optional<String>> read) {
        Optional<String> v = seen.get(name);
        if (v == null) {
            v = read.get();
            seen.put(name, v);
        }
        return v;
    }

    Optional<byte[]> config(Supplier<Optional<byte[]>> read) {
        if (config == null) {
            config = read.get();
        }
        return config;
    }
}
