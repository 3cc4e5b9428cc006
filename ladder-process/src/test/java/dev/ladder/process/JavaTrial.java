package dev.ladder.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A trial written in Java with {@link LadderTrial}: loss = (x - 0.3)^2 + 1/epoch, x=0 and x=1 in the tests. */
public final class JavaTrial {
    public static void main(String[] args) throws Exception {
        double x = ((Number) LadderTrial.config().get("x")).doubleValue();
        Path ck = LadderTrial.checkpointDir().resolve("checkpoint.bin");
        long start = Files.exists(ck) ? Long.parseLong(Files.readString(ck).strip()) : 0;
        if (start != LadderTrial.resumeFrom()) {
            throw new IllegalStateException("checkpoint " + start + " but resume from " + LadderTrial.resumeFrom());
        }
        for (long epoch = start + 1; epoch <= LadderTrial.maxResource(); epoch++) {
            LadderTrial.report(epoch, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / epoch));
            Files.writeString(ck, Long.toString(epoch));
        }
    }
}
