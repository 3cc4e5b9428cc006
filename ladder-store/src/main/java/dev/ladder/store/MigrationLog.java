package dev.ladder.store;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log, through SLF4J, with its progress notes (about eight INFO lines each time a store is opened:
 * "Database: ...", "Successfully validated 3 migrations", "Schema ... is up to date") lowered to DEBUG, so a
 * migration says nothing unless asked ({@code org.flywaydb} at DEBUG in the user's logging configuration);
 * warnings and errors stay as they are. Named in {@code Flyway.configure().loggers(...)}, which instantiates it.
 * Without it Flyway falls back to java.util.logging, which prints INFO to stderr, whenever SLF4J has no provider.
 */
public final class MigrationLog implements LogCreator {

    /** Flyway instantiates this class by name; nothing to configure. */
    public MigrationLog() {
    }

    @Override
    public Log createLogger(Class<?> clazz) {
        Logger log = LoggerFactory.getLogger(clazz);
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void notice(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log.error(message, e);
            }
        };
    }
}
