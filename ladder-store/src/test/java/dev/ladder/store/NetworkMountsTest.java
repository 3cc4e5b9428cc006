package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite stores on network file systems are refused (optuna#815); the mount table decides. */
class NetworkMountsTest {
    private static final List<String> TABLE = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "35 22 0:31 / /mnt/shared rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2",
            "36 35 8:2 / /mnt/shared/local rw,relatime shared:21 - xfs /dev/sdb1 rw",
            "37 22 0:32 / /home/me/my\\040runs rw - fuse.sshfs me@host:/runs rw");

    @Test
    void theLongestMountPointDecides() {
        assertThat(NetworkMounts.of(Path.of("/mnt/shared/ladder-runs"), TABLE)).contains("nfs4 at /mnt/shared");
        assertThat(NetworkMounts.of(Path.of("/mnt/shared/local/runs"), TABLE)).isEmpty();
        assertThat(NetworkMounts.of(Path.of("/home/me/my runs/x"), TABLE)).contains("fuse.sshfs at /home/me/my runs");
        assertThat(NetworkMounts.of(Path.of("/home/me"), TABLE)).isEmpty();
        assertThat(NetworkMounts.of(Path.of("/mnt/sharedother"), TABLE)).isEmpty();
    }

    @Test
    void thisMachinesTemporaryFolderIsLocal(@TempDir Path dir) {
        assertThat(NetworkMounts.of(dir.resolve("not/yet/made"))).isEmpty();
    }
}
