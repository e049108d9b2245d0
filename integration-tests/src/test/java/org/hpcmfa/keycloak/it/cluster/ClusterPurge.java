package org.hpcmfa.keycloak.it.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The scheduled purge of long-expired SSH certificate records (ExpiredCertificatePurge), seen from the cluster's
 * database: the nodes run it every {@link #INTERVAL_SECONDS} s (the server option an admin would set) instead of
 * every 15 minutes, and records that expired 31 days ago are written straight into PostgreSQL, since no request
 * can issue a certificate in the past.
 */
final class ClusterPurge {

    static final int INTERVAL_SECONDS = 2;
    /** The purge's interval as an admin sets it: a runtime SPI option of the certificate store. */
    static final String OPTION = "--spi-jpa-entity-provider--hpc-ssh-certificates--purge-interval-seconds="
            + INTERVAL_SECONDS;

    /** Serials of the records written in SQL (real serials are random 63-bit numbers). */
    static final long EXPIRED_31_DAYS = 7_700_001;
    static final long REVOKED_EXPIRED_31_DAYS = 7_700_002;
    static final long EXPIRED_YESTERDAY = 7_700_003;

    private static final long DAY = 86_400;

    private final String realmId;

    ClusterPurge(String realmId) {
        this.realmId = realmId;
    }

    /**
     * Two records past the 30-day retention (one of them revoked back then) and one that expired yesterday, for
     * the user, under the CA key of the realm's certificate {@code serialOfCa}; one statement, so the purge sees
     * all three or none.
     */
    void writeExpiredRecords(String userId, String serialOfCa) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String ca = "(SELECT ca_fingerprint FROM hpc_ssh_certificate WHERE realm_id = '" + realmId + "' AND serial = "
                + serialOfCa + ")";
        sql("INSERT INTO hpc_ssh_certificate (id, realm_id, serial, key_id, user_id, client_id, principals, "
                + "key_fingerprint, ca_fingerprint, issued_at, valid_after, valid_before, revoked_at, revoked_by) VALUES "
                + row(EXPIRED_31_DAYS, userId, ca, now - 32 * DAY, now - 31 * DAY, null) + ", "
                + row(REVOKED_EXPIRED_31_DAYS, userId, ca, now - 32 * DAY, now - 31 * DAY, now - 31 * DAY - 3600) + ", "
                + row(EXPIRED_YESTERDAY, userId, ca, now - 2 * DAY, now - DAY, null));
    }

    private String row(long serial, String userId, String ca, long issued, long validBefore, Long revokedAt) {
        return "('c1a55e00-0000-4000-8000-" + String.format("%012d", serial) + "', '" + realmId + "', " + serial
                + ", 'cl-purge-" + serial + "', '" + userId + "', 'ssh-cli', 'cl-purge', 'SHA256:cl-purge-" + serial
                + "', " + ca + ", " + issued + ", " + issued + ", " + validBefore + ", " + revokedAt + ", "
                + (revokedAt == null ? "null" : "'cl-purge'") + ")";
    }

    /** A real certificate for the user (password and TOTP) through the node's terminal prompt, saved to a file. */
    static TerminalApi.Reply issue(KeycloakNode node, RealmResource realm, String user, Path key, Path certificate)
            throws Exception {
        TerminalApi terminal = new TerminalApi(node.url() + "/realms/" + KeycloakCluster.REALM);
        String gateway = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm, "ssh-gateway"));
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        TerminalApi.Reply issued = terminal.call(gateway, "finish", Map.of("handle",
                terminal.start(gateway, user).text("handle"), "answer", TestUsers.totpNow(),
                "public_key", Files.readString(Path.of(key + ".pub")).trim()));
        if (issued.status() != 200) {
            throw new AssertionError("no certificate for " + user + ": " + issued.body());
        }
        Files.writeString(certificate, issued.text("certificate") + "\n");
        return issued;
    }

    /** Revokes a certificate in the database only: no node hears of it until something marks the realm changed. */
    void revokeBehindKeycloaksBack(String serial) throws Exception {
        sql("UPDATE hpc_ssh_certificate SET revoked_at = " + System.currentTimeMillis() / 1000
                + ", revoked_by = 'cl-purge' WHERE realm_id = '" + realmId + "' AND serial = " + serial);
    }

    /** The realm's certificate serials, in order. */
    List<Long> serials() throws Exception {
        String out = sql("SELECT serial FROM hpc_ssh_certificate WHERE realm_id = '" + realmId + "' ORDER BY serial").trim();
        return out.isEmpty() ? List.of() : Arrays.stream(out.split("\\s+")).map(Long::valueOf).toList();
    }

    /** Waits for the serials to be gone; returns the milliseconds it took, or -1 after {@code seconds}. */
    long awaitGone(List<Long> serials, int seconds) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            if (serials().stream().noneMatch(serials::contains)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    static String sql(String statement) throws Exception {
        return Processes.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(ClusterPostgres.PORT), "-U",
                "postgres", "-d", "keycloak", "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", statement));
    }
}
