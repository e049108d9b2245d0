package org.hpcmfa.keycloak.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL as the cluster's shared database: a private instance (initdb in the test's work
 * directory, owned by the postgres account) on a loopback port, started, stopped and restarted by the tests.
 * Trust authentication on loopback only: this instance exists for the test run.
 */
final class ClusterPostgres implements AutoCloseable {

    static final int PORT = 55432;

    private final Path bin;
    private final Path dir;

    private ClusterPostgres(Path bin, Path dir) {
        this.bin = bin;
        this.dir = dir;
    }

    static ClusterPostgres start(Path workDir) throws Exception {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)"));
        }
        Path dir = workDir.resolve("postgres");
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            // An earlier, interrupted run's server: stop it, or it would keep the port.
            try {
                new ClusterPostgres(bin, dir).close();
            } catch (IllegalStateException alreadyStopped) {
                // the pid file outlived its server
            }
        }
        Processes.run(List.of("rm", "-rf", dir.toString()));
        Files.createDirectories(dir);
        Processes.run(List.of("chown", "postgres", dir.toString()));
        ClusterPostgres postgres = new ClusterPostgres(bin, dir);
        postgres.asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "--auth=trust",
                "-U", "postgres", "--encoding=UTF8");
        postgres.up();
        Processes.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(PORT), "-U", "postgres", "-q",
                "-c", "CREATE DATABASE keycloak"));
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/keycloak";
    }

    void up() throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
                dir.resolve("postgres.log").toString(), "-o", "-p " + PORT + " -k " + dir
                        + " -c listen_addresses=127.0.0.1 -c max_connections=200", "start");
    }

    void down() throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    private void asPostgres(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        Processes.run(full);
    }

    @Override
    public void close() throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
    }
}
