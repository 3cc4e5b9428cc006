package dev.ladder.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a job appends to a file, as {@code tail -f} does: each call returns the complete lines
 * written since the last one; a last line without its newline waits for it, or for {@link #rest()}.
 * A file that does not exist yet has no lines.
 */
final class FileFollower {
    private final Path file;
    private long offset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    FileFollower(Path file) {
        this.file = file;
    }

    /** The complete lines appended since the last call (without their line ends). */
    List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < offset) { // truncated: start again
                offset = 0;
                partial.reset();
            }
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            int n;
            while ((n = ch.read(buf, offset)) > 0) {
                offset += n;
                byte[] bytes = buf.array();
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        lines.add(take());
                    } else {
                        partial.write(bytes[i]);
                    }
                }
                buf.clear();
            }
        }
        return lines;
    }

    /** A last line the job left without a newline (once it has ended), or null. */
    String rest() {
        return partial.size() == 0 ? null : take();
    }

    private String take() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
