package org.vfioinspector.app.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.vfioinspector.core.demo.DemoHost;
import org.vfioinspector.core.health.HostHealth;
import org.vfioinspector.core.host.HolderScan;
import org.vfioinspector.core.host.HolderScanner;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.host.HostStateReader;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.remote.RemoteCapture;
import org.vfioinspector.core.remote.RemoteCaptureException;
import org.vfioinspector.core.remote.RemoteSnapshot;
import org.vfioinspector.core.snapshot.HostRoots;
import org.vfioinspector.core.snapshot.Limits;
import org.vfioinspector.core.snapshot.SnapshotException;
import org.vfioinspector.core.snapshot.SnapshotReader;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.sysfs.HostRoot;
import org.vfioinspector.core.sysfs.HostRootCheck;
import org.vfioinspector.core.sysfs.ScanProgress;
import org.vfioinspector.core.sysfs.StagedScan;
import org.vfioinspector.core.sysfs.ScopedScan;
import org.vfioinspector.core.sysfs.SysfsReader;
import org.vfioinspector.core.sysfs.VfioInterfaces;

/** One opened host: its root, the scanned topology and the pci.ids names. */
public final class Session implements AutoCloseable {

    /** Where the data comes from. */
    public enum Source { LIVE, PATH, DEMO, REMOTE }

    /** The system property that makes {@link #verdictView} read the whole host. */
    public static final String WHOLE_READ = "vfio.inspector.wholeRead";

    private final HostRoot root;
    private Topology topology;
    /** The first step of a read in two ({@link #outline}), until {@link #topology} completes it. */
    private StagedScan staged;
    private PciIds names;
    private HostState hostState;
    private HostHealth health;
    /** How the command line names this host ({@code --demo}, {@code --root PATH}); empty for this machine. */
    private java.util.List<String> sourceArguments = java.util.List.of();

    /** The capture a {@link Source#REMOTE} session was opened from; null for the others. */
    private RemoteSnapshot remote;

    private Session(HostRoot root) {
        this.root = root;
    }

    /** Opens the host; a missing path or unreadable snapshot is a {@link HostOpenException} with one line. */
    public static Session open(Source source, Path path) {
        if (source == Source.REMOTE) {
            throw new IllegalArgumentException("a remote host is opened with open(HostSource)");
        }
        return open(new HostSource(source, path));
    }

    /** Opens any source; a remote host is captured first (see {@link #open(HostSource, LongConsumer)}). */
    public static Session open(HostSource source) {
        return open(source, bytes -> { });
    }

    /**
     * Opens any source. A remote host is captured over ssh first ({@link RemoteCapture}), telling {@code progress}
     * the bytes received; its snapshot is kept until the session closes. A capture that fails is a
     * {@link HostOpenException} of {@link HostOpenException.Problem#UNREADABLE} with the failure's one line, and
     * {@link HostOpenException#remoteProblem()} says which failure.
     */
    public static Session open(HostSource source, LongConsumer progress) {
        Path path = source.path();
        if (source.kind() == Source.REMOTE) {
            return openRemote(source, progress);
        }
        try {
            Session s = switch (source.kind()) {
                case LIVE -> new Session(HostRoot.live());
                case DEMO -> new Session(DemoHost.open());
                case PATH -> checked(HostRoots.open(path), path);
                case REMOTE -> throw new IllegalStateException("opened above");
            };
            s.sourceArguments = sourceArguments(source.kind(), path, s.root);
            return s;
        } catch (SnapshotException e) {
            throw new HostOpenException(HostOpenException.Problem.UNREADABLE, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new HostOpenException(HostOpenException.Problem.UNREADABLE,
                    "cannot read " + path + ": " + e.getCause().getMessage());
        }
    }

    private static Session openRemote(HostSource source, LongConsumer progress) {
        RemoteSnapshot snapshot;
        try {
            snapshot = RemoteCapture.capture(source.host(), source.options(), progress);
        } catch (RemoteCaptureException e) {
            throw new HostOpenException(HostOpenException.Problem.UNREADABLE, e.getMessage(), e.problem());
        }
        try {
            Path dir = Files.createTempDirectory("vfio-inspector-snapshot-");
            HostRoot root = HostRoot.temporary(dir, snapshot.description(), () -> {
                delete(dir);
                snapshot.close();
            });
            try {
                SnapshotReader.unpack(snapshot.archive(), dir, Limits.DEFAULT);
            } catch (SnapshotException e) {
                root.close();
                throw new HostOpenException(HostOpenException.Problem.UNREADABLE, e.getMessage(),
                        RemoteCaptureException.Problem.REFUSED);
            }
            if (!Files.isDirectory(root.resolve("sys"))) {
                root.close();
                throw new HostOpenException(HostOpenException.Problem.UNREADABLE, source.host()
                        + " sent a capture without sys/: nothing of its PCI functions can be shown",
                        RemoteCaptureException.Problem.NO_SYS);
            }
            Session s = new Session(root);
            s.remote = snapshot;
            s.sourceArguments = java.util.List.of("--host", source.host().toString());
            return s;
        } catch (java.io.IOException e) {
            snapshot.close();
            throw new HostOpenException(HostOpenException.Problem.UNREADABLE,
                    "cannot unpack the capture of " + source.host() + ": " + e.getMessage());
        }
    }

    private static void delete(Path dir) {
        try {
            org.apache.commons.io.file.PathUtils.delete(dir);
        } catch (java.io.IOException | RuntimeException e) {
            // best effort: a private temporary directory left behind
        }
    }

    /** The remote capture this session shows (its archive and notes); empty for every other source. */
    public java.util.Optional<RemoteSnapshot> remoteSnapshot() {
        return java.util.Optional.ofNullable(remote);
    }

    /** A root the user named must be a host root; anything else is a usage error, with what was expected. */
    private static Session checked(HostRoot root, Path given) {
        var problem = HostRootCheck.problem(root, given.toString());
        if (problem.isPresent()) {
            root.close();
            throw new HostOpenException(HostOpenException.Problem.NOT_A_HOST_ROOT, problem.get());
        }
        return new Session(root);
    }

    public HostRoot root() {
        return root;
    }

    public Topology topology() {
        return topology(ScanProgress.NONE);
    }

    /**
     * As {@link #topology()}; a first call tells {@code progress} how the scan goes. After {@link #outline}
     * it reads what the outline left out (and tells {@code progress} about that).
     */
    public synchronized Topology topology(ScanProgress progress) {
        if (topology == null) {
            topology = staged != null ? staged.complete(progress) : new SysfsReader(root).scan(progress);
            staged = null;
        }
        return topology;
    }

    /**
     * What the topology graph shows of the host, read first ({@link SysfsReader#scanInStages}); the next
     * {@link #topology} reads the rest. The complete topology when that has been read already.
     */
    public synchronized Topology outline(ScanProgress progress) {
        if (topology != null) {
            return topology;
        }
        if (staged == null) {
            staged = new SysfsReader(root).scanInStages(progress);
        }
        return staged.outline();
    }

    /**
     * What a listing ({@code tree}, {@code groups}) prints of the host, read with as few files as that takes
     * ({@link SysfsReader#scanListing}): with {@code groupFolders} the IOMMU groups' members and types too.
     * The topology read already when there is one (it holds all that). Not kept: a later {@link #topology}
     * reads the host whole.
     */
    public synchronized Topology listing(boolean groupFolders) {
        return topology != null ? topology : new SysfsReader(root).scanListing(groupFolders);
    }

    /**
     * The processes holding VFIO files of the functions of {@code t}: those of {@link #hostState} when read,
     * else read alone (without what the host uses below each function).
     */
    public HolderScan holders(Topology t) {
        return hostState != null ? hostState.holders() : HolderScanner.read(root, t);
    }

    /** Holders of VFIO groups, disks, interfaces: read once, after the topology. */
    public HostState hostState() {
        if (hostState == null) {
            hostState = HostStateReader.read(root, topology());
        }
        return hostState;
    }

    /** Links, power states and AER counters of every function: read once, after the topology. */
    public synchronized HostHealth health() {
        if (health == null) {
            health = HostHealth.read(root, topology());
        }
        return health;
    }

    /** Commands it suggests name this host's source, so none acts on the machine at hand unless it is this one. */
    public BlastRadiusAnalyzer analyzer() {
        return new BlastRadiusAnalyzer(topology(), hostState(), sourceArguments);
    }

    /**
     * What a verdict about {@code address} needs ({@code blast} with {@code hotReset}, {@code show} without): only
     * those functions ({@link VerdictScope}) when the host can be read that way and nothing has been read whole
     * yet, else the whole host. The answers about {@code address} are the same either way; a function the scoped
     * read does not find is left to the whole read, which says whether it exists. The system property
     * {@value #WHOLE_READ} makes it read the whole host always (for comparisons).
     */
    public VerdictView verdictView(PciAddress address, boolean hotReset) {
        if (topology == null && staged == null && !Boolean.getBoolean(WHOLE_READ)) {
            Optional<VerdictView> v = ScopedScan.open(root)
                    .flatMap(scan -> VerdictView.scoped(root, scan, address, hotReset, sourceArguments));
            if (v.isPresent()) {
                return v.get();
            }
        }
        return new VerdictView(topology(), hostState(), VfioInterfaces.read(root, topology()), analyzer(), this::health,
                false);
    }

    /**
     * The words that make a command act on (or be refused by) the opened host rather than this machine:
     * {@code --demo}, {@code --root PATH} (absolute, so the command works from any directory); none for this host.
     */
    public java.util.List<String> sourceArguments() {
        return sourceArguments;
    }

    private static java.util.List<String> sourceArguments(Source source, Path path, HostRoot root) {
        if (root.isLive()) {
            return java.util.List.of();
        }
        return source == Source.DEMO ? java.util.List.of("--demo")
                : java.util.List.of("--root", path.toAbsolutePath().normalize().toString());
    }

    public PciIds names() {
        if (names == null) {
            names = PciIds.load(root, true);
        }
        return names;
    }

    @Override
    public void close() {
        root.close();
    }
}
