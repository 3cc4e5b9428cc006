package dev.ladder.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The journal's byte writer against Jackson's reader: whatever it writes, Jackson reads back as written. */
class JsonBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] S = JsonBytes.key("s");
    private static final byte[] D = JsonBytes.key("d");
    private static final byte[] L = JsonBytes.key("l");

    private static JsonNode write(String s, double d, long l) throws Exception {
        JsonBytes b = new JsonBytes(8);
        b.writeStartObject();
        b.writeFieldName(S);
        b.writeString(s);
        b.writeFieldName(D);
        b.writeNumber(d);
        b.writeFieldName(L);
        b.writeNumber(l);
        b.writeFieldName("k\"ey\n");
        b.writeStartArray();
        b.writeArrayNumber(1);
        b.writeArrayNumber(-2);
        b.writeEndArray();
        b.writeEndObject();
        return JSON.readTree(new String(b.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void randomTextNumbersAndKeysReadBackAsWritten() throws Exception {
        Random random = new Random(5);
        String alphabet = "ab \"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u0080é\u00ff\u07ff\u0800€\uffff";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                if (random.nextInt(8) == 0) {
                    text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000)); // a surrogate pair
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            double d = switch (i % 6) {
                case 5 -> new double[] {0.0, -0.0, 1.0, -3.0, 9_999_999.0, 1e7, 123.5, Double.NaN, Double.NEGATIVE_INFINITY}[random.nextInt(9)];
                case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextInt(1000);
                default -> random.nextDouble();
            };
            long l = i % 7 == 0 ? Long.MIN_VALUE + i : random.nextLong() >> random.nextInt(64);
            JsonNode node = write(text.toString(), d, l);
            assertThat(node.get("s").asText()).isEqualTo(text.toString());
            if (Double.isFinite(d)) {
                assertThat(node.get("d").asDouble()).isEqualTo(d);
                assertThat(node.get("d").toString()).as("written as Double.toString writes it").isEqualTo(Double.toString(d));
            } else {
                assertThat(node.get("d").asText()).isEqualTo(Double.toString(d)); // as Jackson writes them: a string
            }
            assertThat(node.get("l").asLong()).isEqualTo(l);
            assertThat(node.get("k\"ey\n").toString()).isEqualTo("[1,-2]");
        }
    }

    @Test
    void aLongStringWrittenAgainIsCopiedAndAnotherEqualOrNotIsWrittenAfresh() throws Exception {
        String reason = "reached rung 0 (r=1): rank \"1\" of 1, promotion needs top 0";
        String equal = new String(reason.toCharArray());
        String other = "reached rung 1 (r=3): rank 2 of 2, promotion needs top 0 é";
        JsonBytes b = new JsonBytes(8);
        b.writeStartObject();
        String[] strings = {reason, reason, equal, other, reason, other, other};
        for (int i = 0; i < strings.length; i++) {
            b.writeFieldName("k" + i);
            b.writeString(strings[i]);
        }
        b.writeEndObject();
        JsonNode node = JSON.readTree(new String(b.toByteArray(), StandardCharsets.UTF_8));
        assertThat(node).hasSize(7);
        String[] read = new String[7];
        for (int i = 0; i < 7; i++) {
            read[i] = node.get("k" + i).asText();
        }
        assertThat(read).containsExactly(reason, reason, reason, other, reason, other, other);
    }

    @Test
    void anUnpairedSurrogateBecomesAQuestionMarkAsStringGetBytesWrites() throws Exception {
        String broken = "a\ud800b";
        assertThat(write(broken, 0, 0).get("s").asText())
                .isEqualTo(new String(broken.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("a?b");
        assertThat(write("z\udc00", 0, Long.MIN_VALUE).get("l").asLong()).isEqualTo(Long.MIN_VALUE);
    }
}
