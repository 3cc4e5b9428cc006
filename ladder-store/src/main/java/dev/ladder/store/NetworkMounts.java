package dev.ladder.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a folder is on a network file system, read from the mount table ({@code /proc/self/mountinfo},
 * Linux): SQLite's locks do not hold on such file systems, so a store there, used from several machines,
 * gets corrupted (optuna#815 is that failure); Ladder refuses it and points to PostgreSQL.
 */
final class NetworkMounts {
    /** File system types whose locking SQLite cannot rely on. */
    static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs",
            "lustre", "gpfs", "beegfs", "ncpfs", "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.s3fs", "fuse.rclone",
            "fuse.gcsfuse", "fuse.juicefs", "fuse.cephfs");
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private NetworkMounts() {
    }

    /** "TYPE at MOUNT" when {@code folder} is on a network file system; empty otherwise or where unknown. */
    static Optional<String> of(Path folder) {
        if (!Files.isReadable(MOUNTINFO)) {
            return Optional.empty();
        }
        try {
            Path real = folder.toAbsolutePath().normalize();
            for (Path p = real; p != null; p = p.getParent()) { // the nearest folder that exists
                if (Files.exists(p)) {
                    real = p.toRealPath();
                    break;
                }
            }
            return of(real, Files.readAllLines(MOUNTINFO));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** As {@link #of(Path)} over the lines of a mountinfo table: the mount whose point is the longest prefix decides. */
    static Optional<String> of(Path folder, List<String> mountinfo) {
        String best = null;
        String type = null;
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = line.indexOf(" - ");
            if (f.length < 5 || dash < 0) {
                continue;
            }
            String point = f[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
            String fsType = line.substring(dash + 3).split(" ")[0];
            if (folder.startsWith(Path.of(point)) && (best == null || point.length() >= best.length())) {
                best = point;
                type = fsType;
            }
        }
        return type != null && NETWORK.contains(type) ? Optional.of(type + " at " + best) : Optional.empty();
    }
}
