package dev.ladder.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a store location (a JDBC URL or a path, see {@link Store#open}) names, and how to show it:
 * every message that shows a location shows {@link #masked} text, so a password never reaches a
 * terminal or a log.
 */
public final class StoreLocation {
    private static final String SQLITE = "jdbc:sqlite:";
    /**
     * {@code password=secret} in a query string or property list (PostgreSQL, MySQL, SQL Server forms), up to
     * the next separator, blank, end, or ": " (a message going on after the URL), so masking twice is harmless.
     */
    private static final Pattern PASSWORD = Pattern.compile("(?i)\\b(password|passwd|pwd)=[^&;\\s]*?(?=$|[&;\\s]|:\\s)");
    /** {@code //user:secret@host} in an authority. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");

    private StoreLocation() {
    }

    /** {@code text} (a URL, or a message that may contain one) with every password replaced by {@code ***}. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        return USER_INFO.matcher(PASSWORD.matcher(text).replaceAll("$1=***")).replaceAll("$1:***@");
    }

    /**
     * The SQLite file a location names, found without creating anything: a folder (or a path without
     * the {@code .db} suffix) means {@code <folder>/ladder.db}; empty for other databases and in-memory ones.
     */
    public static Optional<Path> sqliteFile(String jdbcUrlOrPath) {
        if (jdbcUrlOrPath.startsWith(SQLITE)) {
            String rest = jdbcUrlOrPath.substring(SQLITE.length());
            int query = rest.indexOf('?');
            rest = query < 0 ? rest : rest.substring(0, query);
            rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
            return rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith(":resource:")
                    ? Optional.empty() : Optional.of(Path.of(rest));
        }
        if (jdbcUrlOrPath.startsWith("jdbc:")) {
            return Optional.empty();
        }
        Path p = Path.of(jdbcUrlOrPath);
        boolean folder = Files.isDirectory(p) || p.getFileName() == null || !p.getFileName().toString().endsWith(".db");
        return Optional.of(folder ? p.resolve("ladder.db") : p);
    }
}
