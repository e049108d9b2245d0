package org.hpcmfa.keycloak.it.cluster;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.hpcmfa.keycloak.it.PackJars;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Two Keycloak 26.5.6 nodes (the real distribution from Maven Central, production mode, the pack's jars in
 * providers/, {@code kc.sh build --db=postgres}) on one PostgreSQL, clustered by Infinispan over JGroups
 * JDBC_PING on loopback, plus a GreenMail SMTP server; the demo realm imported once. Started by the cluster
 * tests, stopped after them; see README, "Running in a cluster".
 */
final class KeycloakCluster implements AutoCloseable {

    /** The shared public address (node A's), as a load balancer's would be. */
    static final String HOSTNAME = "http://127.0.0.1:18080";
    static final String REALM = "mfa-demo";
    static final int SMTP_PORT = 3125;

    final KeycloakNode a;
    final KeycloakNode b;
    final ClusterPostgres postgres;
    final GreenMail mail;
    private final Path home;

    private KeycloakCluster(Path home, ClusterPostgres postgres, GreenMail mail, List<String> options) {
        this.home = home;
        this.postgres = postgres;
        this.mail = mail;
        this.a = new KeycloakNode("A", home, 0, options);
        this.b = new KeycloakNode("B", home, 1, options);
    }

    static KeycloakCluster start() throws Exception {
        return start(List.of());
    }

    /** {@code options}: server options both nodes start with beyond the common ones (runtime options only). */
    static KeycloakCluster start(List<String> options) throws Exception {
        Path work = Path.of(System.getProperty("cluster.workDir", "target/cluster")).toAbsolutePath();
        Path home = work.resolve("keycloak");
        stopLeftovers(home);
        Processes.run(List.of("rm", "-rf", home.toString()));
        Files.createDirectories(work);
        Processes.run(List.of("unzip", "-q", "-o", System.getProperty("cluster.distZip"), "-d", work.toString()));
        Files.move(work.resolve("keycloak-" + org.keycloak.common.Version.VERSION), home);
        for (String artifactId : PackJars.ARTIFACT_IDS) {
            Files.copy(PackJars.builtJar(artifactId), home.resolve("providers").resolve(artifactId + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        // The production image's Quarkus settings (connection validation after a database restart).
        Files.copy(PackJars.rootDir().resolve("docker/quarkus.properties"), home.resolve("conf/quarkus.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        Processes.run(List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--cache=ispn",
                "--health-enabled=true", "--metrics-enabled=true"));
        ClusterPostgres postgres = ClusterPostgres.start(work);
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        KeycloakCluster cluster = new KeycloakCluster(home, postgres, mail, options);
        try {
            cluster.a.start(postgres.jdbcUrl()); // the first node creates the schema alone
            cluster.b.start(postgres.jdbcUrl());
            cluster.importDemoRealm();
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Nodes of an earlier, interrupted run would answer on our ports with their old data. */
    private static void stopLeftovers(Path home) throws Exception {
        String marker = "-Dkc.home.dir=" + home;
        List<ProcessHandle> stale = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
        for (ProcessHandle process : stale) {
            process.destroyForcibly();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void importDemoRealm() throws Exception {
        String json;
        try (InputStream in = KeycloakCluster.class.getResourceAsStream("/mfa-demo-realm.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // The demo's redirect URIs name the demo's address; here the cluster's shared address stands in.
        RealmRepresentation realm = JsonSerialization.readValue(json.replace("http://localhost:8080", HOSTNAME),
                RealmRepresentation.class);
        realm.getSmtpServer().put("host", "127.0.0.1");
        realm.getSmtpServer().put("port", String.valueOf(SMTP_PORT));
        try (Keycloak admin = admin(a)) {
            admin.realms().create(realm);
        }
    }

    /** An admin client through the given node (close it). */
    static Keycloak admin(KeycloakNode node) {
        return Keycloak.getInstance(node.url(), "master", "admin", "admin", "admin-cli");
    }

    static RealmResource realm(Keycloak admin) {
        return admin.realm(REALM);
    }

    /** The realm's URL under the shared hostname. */
    static String realmUrl() {
        return HOSTNAME + "/realms/" + REALM;
    }

    Path home() {
        return home;
    }

    @Override
    public void close() throws Exception {
        b.stop();
        a.stop();
        mail.stop();
        postgres.close();
    }
}
