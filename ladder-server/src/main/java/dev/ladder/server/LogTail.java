package dev.ladder.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a trial's log file, reading at most the last {@value #MAX_BYTES} bytes of it. */
final class LogTail {
    static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Trial {@code trial}'s logs under {@code logRoot} ({@code <out>/<name>/logs}), null when there are none. */
    static Api.Logs of(Path logRoot, int trial, int lines) {
        if (logRoot == null) {
            return null;
        }
        Path dir = logRoot.resolve("trial-" + trial);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        return new Api.Logs(dir.toString(), last(dir.resolve("stdout.log"), lines), last(dir.resolve("stderr.log"), lines));
    }

    static List<String> last(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, MAX_BYTES);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            String[] all = new String(b, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(n < len ? 1 : 0, all.length - lines); // a cut first line is left out
            return Arrays.asList(all).subList(Math.min(from, all.length), all.length);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
