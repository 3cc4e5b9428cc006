package dev.ladder.core.journal;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON written straight into a growing byte array: the codec's encoder for the journal's hot path.
 * Keys are pre-encoded ({@link #key}); a key or an array element after another gets its comma from the
 * byte before it; strings are escaped as RFC 8259 requires (quote, backslash, control characters) and
 * written as UTF-8; doubles use Jackson's Schubfach writer and non-finite ones are written as strings,
 * as Jackson does by default. Jackson reads everything it writes (tested against it).
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int len;
    /**
     * The last string of at least {@link #REPEATED_MIN} chars written, and its JSON: an end event often
     * carries the very reason its result event did.
     */
    private String repeated;
    private byte[] repeatedJson = new byte[128];
    private int repeatedLength;
    private static final int REPEATED_MIN = 16;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** A key as written: its name in quotes and a colon. */
    static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    }

    int size() {
        return len;
    }

    /** The bytes written since the last {@link #reset}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    void reset() {
        len = 0;
    }

    /** The array written into; its first {@link #size} bytes are the JSON. */
    byte[] array() {
        return buf;
    }

    /** Appends what {@code other} holds. */
    void append(JsonBytes other) {
        ensure(other.len);
        System.arraycopy(other.buf, 0, buf, len, other.len);
        len += other.len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    /** A comma when something other than an opening bracket came before. */
    private void separate() {
        byte last = len == 0 ? (byte) '\n' : buf[len - 1];
        if (last != '{' && last != '[' && last != ':' && last != '\n') {
            put((byte) ',');
        }
    }

    void writeStartObject() {
        separate();
        put((byte) '{');
    }

    void writeEndObject() {
        put((byte) '}');
    }

    void writeStartArray() {
        put((byte) '[');
    }

    void writeEndArray() {
        put((byte) ']');
    }

    void writeFieldName(byte[] key) {
        separate();
        ensure(key.length);
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
    }

    /** A key that is not one of the journal's own (a parameter or metric name). */
    void writeFieldName(String name) {
        separate();
        writeString(name);
        put((byte) ':');
    }

    /** A value already encoded as JSON. */
    void writeRawValue(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, buf, len, json.length);
        len += json.length;
    }

    void writeNewline() {
        put((byte) '\n');
    }

    void writeNull() {
        ascii("null");
    }

    void writeBoolean(boolean b) {
        ascii(b ? "true" : "false");
    }

    void writeNumber(long v) {
        ensure(20);
        len = NumberOutput.outputLong(v, buf, len); // Jackson's: digits in pairs, straight into the array
    }

    /** An element of an array of numbers. */
    void writeArrayNumber(long v) {
        separate();
        writeNumber(v);
    }

    void writeNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7 && !(v == 0 && 1 / v < 0)) { // whole, as Double.toString writes it: "12.0"
            writeNumber((long) v);
            ascii(".0");
        } else if (Double.isFinite(v)) {
            ascii(NumberOutput.toString(v, true));
        } else {
            writeString(Double.toString(v));
        }
    }

    void writeString(String s) {
        if (s == null) {
            writeNull();
            return;
        }
        if (s == repeated) { // the same object as the last long string: its JSON again
            ensure(repeatedLength);
            System.arraycopy(repeatedJson, 0, buf, len, repeatedLength);
            len += repeatedLength;
            return;
        }
        int start = len;
        writeNewString(s);
        if (s.length() >= REPEATED_MIN) {
            repeated = s;
            repeatedLength = len - start;
            if (repeatedJson.length < repeatedLength) {
                repeatedJson = new byte[Math.max(repeatedLength, repeatedJson.length * 2)];
            }
            System.arraycopy(buf, start, repeatedJson, 0, repeatedLength);
        }
    }

    private void writeNewString(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the most a char takes: an escape of 6 bytes (UTF-8 needs at most 3 per char)
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    b[at++] = '\\';
                }
                b[at++] = (byte) c;
            } else {
                len = at;
                if (c < 0x20) {
                    escapeControl(c);
                } else {
                    int cp = Character.codePointAt(s, i);
                    if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
                        put((byte) '?'); // an unpaired surrogate, as String.getBytes writes it
                    } else {
                        i += Character.charCount(cp) - 1;
                        utf8(cp);
                    }
                }
                at = len;
                b = buf; // the same array: the room was made above
            }
        }
        b[at++] = '"';
        len = at;
    }

    private void escapeControl(char c) {
        put((byte) '\\');
        switch (c) {
            case '\n' -> put((byte) 'n');
            case '\r' -> put((byte) 'r');
            case '\t' -> put((byte) 't');
            case '\b' -> put((byte) 'b');
            case '\f' -> put((byte) 'f');
            default -> {
                put((byte) 'u');
                put((byte) '0');
                put((byte) '0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
        }
    }

    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | cp >> 6);
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | cp >> 12);
            buf[len++] = (byte) (0x80 | (cp >> 6 & 0x3F));
        } else {
            buf[len++] = (byte) (0xF0 | cp >> 18);
            buf[len++] = (byte) (0x80 | (cp >> 12 & 0x3F));
            buf[len++] = (byte) (0x80 | (cp >> 6 & 0x3F));
        }
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
    }

    /** Text known to need no escaping (numbers, literals). */
    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }
}
