package org.vfioinspector.app.gui.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vfioinspector.app.session.Session;
import org.vfioinspector.core.bind.BindJournal;
import org.vfioinspector.core.bind.DriverBinder;
import org.vfioinspector.core.bind.JournalEntry;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.SysfsNames;
import org.vfioinspector.core.sysfs.SysfsReader;

/**
 * What the wizard knows about the host, read once in the background when it opens: a fresh scan (the
 * main window's may be stale, and drivers matter here), the host state, names, whether vfio-pci is
 * loaded, and the bind journal's functions that were never put back.
 *
 * @param pending journal entries still open (bound by an earlier run that never restored them)
 * @param notes   what could not be read, for the user
 */
public record HostView(HostRoot root, Topology topology, HostState host, PciIds names, boolean vfioPciLoaded,
                       List<JournalEntry> pending, List<String> notes) {

    public HostView {
        pending = List.copyOf(pending);
        notes = List.copyOf(notes);
    }

    /** Reads sysfs, /proc and the journal: never call it on the FX thread. */
    public static HostView read(Session session, Path journalDir) {
        return read(session, Optional.of(journalDir));
    }

    /** As {@link #read(Session, Path)}; with no journal (a host this machine's journal is not about) none is pending. */
    public static HostView read(Session session, Optional<Path> journalDir) {
        HostRoot root = session.root();
        Topology t = new SysfsReader(root).scan();
        List<String> notes = new ArrayList<>();
        return new HostView(root, t, HostStateReader.read(root, t), session.names(),
                Files.isDirectory(root.resolve(SysfsNames.pciDriver(DriverBinder.VFIO_PCI))),
                journalDir.map(j -> pending(j, notes)).orElse(List.of()), notes);
    }

    /** The functions the journal in {@code journalDir} still lists as bound; a note when it cannot be read. */
    static List<JournalEntry> pending(Path journalDir, List<String> notes) {
        try {
            BindJournal.Contents c = new BindJournal(journalDir).read();
            notes.addAll(c.notes());
            return c.open();
        } catch (IOException | SecurityException e) {
            notes.add("The bind journal in " + journalDir + " could not be read: " + e.getMessage());
            return List.of();
        }
    }
}
