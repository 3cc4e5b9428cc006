package dev.ladder.store;

import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps a library user's console clean when no SLF4J provider is on the classpath: SLF4J would print three
 * "No SLF4J providers were found" lines to stderr the first time HikariCP asks for a logger. With no provider
 * nothing would be logged anyway, so its own notice is limited to errors ({@code slf4j.internal.verbosity=ERROR});
 * a provider on the classpath, or either property set by the user, leaves SLF4J as it is.
 */
final class QuietLogging {
    static final String VERBOSITY = "slf4j.internal.verbosity";

    private QuietLogging() {
    }

    /** Called before the store's first use of SLF4J (through HikariCP and Flyway); idempotent. */
    static void apply() {
        if (System.getProperty(VERBOSITY) == null && System.getProperty("slf4j.provider") == null
                && ServiceLoader.load(SLF4JServiceProvider.class, QuietLogging.class.getClassLoader()).stream()
                        .findAny().isEmpty()) {
            System.setProperty(VERBOSITY, "ERROR");
        }
    }
}
