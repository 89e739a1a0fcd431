package dev.dcosnative.master.exhibitor.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The ZooKeeper ensemble implied by the static master list: every master runs one peer, peer ids follow the list
 * order (1-based), and the quorum is a majority. One master means a standalone server.
 *
 * @param hosts the master IPs, in the order of the static list
 * @param myId this master's peer id (1-based position in {@code hosts})
 */
public record Ensemble(List<String> hosts, int myId, int clientPort, int peerPort, int electionPort) {

    public Ensemble {
        hosts = List.copyOf(hosts);
    }

    /**
     * Validates the master list and places this master in it.
     *
     * @throws IllegalArgumentException when the list is empty, has duplicates, has an even size above one (a quorum
     *         needs an odd count: 1, 3, 5 or 7), or does not contain {@code self}
     */
    public static Ensemble of(List<String> masters, String self, int clientPort, int peerPort, int electionPort) {
        List<String> hosts = new ArrayList<>();
        for (String master : masters) {
            if (!master.isBlank()) {
                hosts.add(master.trim());
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("the master list is empty");
        }
        if (new HashSet<>(hosts).size() != hosts.size()) {
            throw new IllegalArgumentException("the master list has duplicates: " + hosts);
        }
        if (hosts.size() > 1 && hosts.size() % 2 == 0) {
            throw new IllegalArgumentException(
                    "the master list must have an odd number of masters (1, 3, 5 or 7), not " + hosts.size());
        }
        int index = hosts.indexOf(self);
        if (index < 0) {
            throw new IllegalArgumentException("this master's IP " + self + " is not in the master list " + hosts);
        }
        return new Ensemble(hosts, index + 1, clientPort, peerPort, electionPort);
    }

    public boolean standalone() {
        return hosts.size() == 1;
    }

    /** Masters needed for a majority: floor(n/2)+1. */
    public int quorum() {
        return hosts.size() / 2 + 1;
    }

    /** The client connect string for the whole ensemble. */
    public String connectString() {
        return hosts.stream().map(h -> h + ":" + clientPort).collect(Collectors.joining(","));
    }

    /** The zoo.cfg of a quorum peer, with {@code dataDir} set to the given directory. */
    public Properties quorumConfig(String dataDir, long tickTimeMillis) {
        Properties zoo = new Properties();
        zoo.setProperty("tickTime", Long.toString(tickTimeMillis));
        zoo.setProperty("initLimit", "10");
        zoo.setProperty("syncLimit", "5");
        zoo.setProperty("dataDir", dataDir);
        zoo.setProperty("standaloneEnabled", "false");
        zoo.setProperty("reconfigEnabled", "false");
        zoo.setProperty("admin.enableServer", "false");
        zoo.setProperty("4lw.commands.whitelist", "srvr,ruok,mntr");
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            zoo.setProperty("server." + (i + 1),
                    host + ":" + peerPort + ":" + electionPort + ";" + host + ":" + clientPort);
        }
        return zoo;
    }
}
