package dev.ladder.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Another "machine" on this one: a Linux network namespace joined to this one by a veth pair. Processes started
 * with {@link #prefix} live in it and reach this machine at {@link #hostAddress}; {@link #vanish} takes the link
 * down, so that their packets are dropped without a FIN or a reset, as when a machine loses power or its network.
 * Needs root and {@code ip} (iproute2); where they are missing the test is skipped with the reason.
 */
final class VanishingHost implements AutoCloseable {
    private final String namespace;
    private final String hostSide;
    private final String net;

    private VanishingHost(String namespace, String hostSide, String net) {
        this.namespace = namespace;
        this.hostSide = hostSide;
        this.net = net;
    }

    static VanishingHost create() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "vanishing-host tests skipped: they need root (network namespaces)");
        int id = ThreadLocalRandom.current().nextInt(1, 250);
        VanishingHost h = new VanishingHost("ladder-ns" + id, "lv" + id + "h", "10.211." + id);
        String guest = "lv" + id + "g";
        try {
            ip("netns", "add", h.namespace);
        } catch (IllegalStateException | IOException e) {
            assumeTrue(false, "vanishing-host tests skipped: cannot make a network namespace here (" + e.getMessage() + ")");
        }
        try {
            ip("link", "add", h.hostSide, "type", "veth", "peer", "name", guest);
            ip("link", "set", guest, "netns", h.namespace);
            ip("addr", "add", h.hostAddress() + "/24", "dev", h.hostSide);
            ip("link", "set", h.hostSide, "up");
            ip("netns", "exec", h.namespace, "ip", "addr", "add", h.net + ".2/24", "dev", guest);
            ip("netns", "exec", h.namespace, "ip", "link", "set", guest, "up");
            ip("netns", "exec", h.namespace, "ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** This machine's address as the other one sees it. */
    String hostAddress() {
        return net + ".1";
    }

    /** The other machine's network, in CIDR. */
    String network() {
        return net + ".0/24";
    }

    /** The command prefix that runs a program on the other machine. */
    List<String> prefix() {
        return List.of("ip", "netns", "exec", namespace);
    }

    /** The other machine drops off the network: its packets are lost from now on, nobody is told. */
    void vanish() throws IOException, InterruptedException {
        ip("link", "set", hostSide, "down");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ip("link", "del", hostSide);
        } catch (IllegalStateException gone) {
            // never made
        }
        ip("netns", "del", namespace);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}
