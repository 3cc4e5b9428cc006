package dev.ladder.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to PostgreSQL notification channels on a connection of its own and hands {@code wake} the channel
 * of each notification that arrives (null after a reconnection: anything may have happened), so that tuners and workers wait without polling. A lost connection (a server restart) is opened
 * again with backoff; notifications missed meanwhile only delay, since everyone also polls now and then.
 */
final class Listener implements AutoCloseable {
    private final String url;
    private final List<String> channels;
    private final Consumer<String> wake;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    Listener(String url, List<String> channels, Consumer<String> wake, String name) {
        this.url = url;
        this.channels = List.copyOf(channels);
        this.wake = wake;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 100;
        while (!closed) {
            try (Connection c = Database.connect(url)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    for (String ch : channels) {
                        s.execute("LISTEN " + ch);
                    }
                }
                wake.accept(null); // something may have happened while nobody listened
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(1_000);
                    if (got != null) {
                        for (PGNotification n : got) {
                            wake.accept(n.getName());
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a dead connection
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
