package dev.ladder.core.tune;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real small file system for storage-failure tests: a tmpfs of a few MiB mounted on a folder, which
 * fills up (ENOSPC) and can be made read-only (EROFS) or larger while mounted. Mounting needs root and
 * a sandbox that allows mounts; where it is refused, {@link #mount} skips the test (an Assumption) and
 * says why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 2m}) on {@code dir}, created if absent. */
    public static SmallDisk mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String refused = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        assumeTrue(refused == null, "cannot mount a tmpfs on " + dir + " (needs root and a sandbox that allows mounts): "
                + refused);
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Grows (or shrinks) the file system to {@code size}, keeping its files. */
    public void resize(String size) throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,size=" + size, dir.toString()));
    }

    public void readOnly() throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,ro", dir.toString()));
    }

    public void writable() throws IOException, InterruptedException {
        check(run("mount", "-o", "remount,rw", dir.toString()));
    }

    /** Fills the disk with the file {@code filler} until at most {@code leftBytes} are free. */
    public Path fill(long leftBytes) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(dir).getUsableSpace() > leftBytes) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // ENOSPC before the mark: full enough
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        check(run("umount", "-l", dir.toString()));
    }

    private static void check(String error) {
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return p.waitFor() == 0 ? null : String.join(" ", command) + ": exit " + p.exitValue() + ": " + out;
    }
}
