package dev.ladder.examples;

/** Malformed or unsupported ARFF input; the message names the source and the line. */
public final class ArffException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public ArffException(String source, int line, String problem) {
        super(source + ", line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line number of the culprit. */
    public int line() {
        return line;
    }
}
