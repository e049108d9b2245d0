package org.hpcmfa.keycloak.it.cluster;

import java.util.List;

/**
 * The scale bench's realm contents, written straight into the cluster's PostgreSQL with {@code generate_series}
 * (seconds for 100 000 users where the admin API would take hours). User {@code g} is {@code scale-000000g}
 * with the password of the template user; by {@code g % 10}: 0-5 also the template's TOTP, 6-7 a push phone,
 * 8 recovery codes only, 9 nothing more (so 20% lack a permanent factor). Push and recovery-code rows carry
 * placeholder data: the census counts them, nobody logs in with them. Every user has one live SSH certificate
 * record, serial {@code g}; revocations are set by share of serials.
 */
final class ScaleData {

    static final String PREFIX = "scale-";
    /** The bulk certificate records' ids, for LIKE. */
    private static final String CERTIFICATES = "5ca1e005-%";
    static final List<String> MIX = List.of("60% TOTP", "20% push", "10% recovery codes only", "10% password only");

    private final String realmId;
    private final String passwordTemplate;
    private final String otpTemplate;
    private int users;

    ScaleData(String realmId, String templateUserId) throws Exception {
        this.realmId = realmId;
        this.passwordTemplate = credentialId(templateUserId, "password");
        this.otpTemplate = credentialId(templateUserId, "otp");
    }

    static String username(int g) {
        return PREFIX + String.format("%07d", g);
    }

    /** Adds users (with credentials and a certificate each) until the realm holds {@code total} bulk users. */
    void growTo(int total) throws Exception {
        if (total <= users) {
            return;
        }
        String range = "generate_series(" + (users + 1) + ", " + total + ") g";
        String name = "'" + PREFIX + "' || lpad(g::text, 7, '0')";
        // UUID-shaped, as Keycloak's own ids (it warns about any other shape on every lookup).
        String id = uuid(0);
        long nowSeconds = System.currentTimeMillis() / 1000;
        sql("INSERT INTO user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, "
                + "realm_id, username, created_timestamp, not_before) SELECT " + id + ", " + name + " || '@example.org', "
                + name + " || '@example.org', true, true, 'Scale', 'User ' || g, '" + realmId + "', " + name + ", "
                + System.currentTimeMillis() + ", 0 FROM " + range);
        copyCredential(passwordTemplate, 1, range, id, "true");
        copyCredential(otpTemplate, 2, range, id, "g % 10 < 6");
        sql("INSERT INTO credential (id, type, user_id, created_date, user_label, secret_data, credential_data, priority) "
                + "SELECT " + uuid(3) + ", 'hpc-push', " + id + ", " + System.currentTimeMillis() + ", 'scale phone', "
                + "'{}', '{}', 20 FROM " + range + " WHERE g % 10 IN (6, 7)");
        sql("INSERT INTO credential (id, type, user_id, created_date, user_label, secret_data, credential_data, priority) "
                + "SELECT " + uuid(4) + ", 'recovery-authn-codes', " + id + ", " + System.currentTimeMillis() + ", null, "
                + "'{}', '{}', 30 FROM " + range + " WHERE g % 10 = 8");
        sql("INSERT INTO hpc_ssh_certificate (id, realm_id, serial, key_id, user_id, client_id, principals, "
                + "key_fingerprint, ca_fingerprint, issued_at, valid_after, valid_before) SELECT " + uuid(5) + ", '"
                + realmId + "', g, " + name + " || '-' || g, " + id + ", 'ssh-cli', " + name + ", 'SHA256:scale-key-' || g, "
                + "'SHA256:scale-ca', " + nowSeconds + ", " + (nowSeconds - 60) + ", " + (nowSeconds + 86_400) + " FROM " + range);
        sql("ANALYZE");
        users = total;
    }

    /**
     * Revokes {@code percent}% of the bulk certificates (serials divisible by 100 / percent), none of the others.
     * The KRL lists revocations per signing CA key, so the bulk records first take the fingerprint of the
     * realm's CA from a certificate the bench had issued for real.
     */
    void revokePercent(int percent) throws Exception {
        sql("UPDATE hpc_ssh_certificate SET ca_fingerprint = (SELECT min(ca_fingerprint) FROM hpc_ssh_certificate "
                + "WHERE realm_id = '" + realmId + "' AND id NOT LIKE '" + CERTIFICATES + "') WHERE id LIKE '" + CERTIFICATES + "'");
        long nowSeconds = System.currentTimeMillis() / 1000;
        sql("UPDATE hpc_ssh_certificate SET revoked_at = CASE WHEN serial % " + (100 / percent) + " = 0 THEN "
                + nowSeconds + " END, revoked_by = CASE WHEN serial % " + (100 / percent) + " = 0 THEN 'scale-bench' END "
                + "WHERE id LIKE '" + CERTIFICATES + "'");
    }

    /** Row {@code g}'s id in table {@code kind} (0 users, 1-4 credentials, 5 certificates): UUID-shaped as Keycloak's. */
    private static String uuid(int kind) {
        return "'5ca1e00" + kind + "-0000-4000-8000-' || lpad(g::text, 12, '0')";
    }

    private void copyCredential(String templateId, int kind, String range, String userId, String which) throws Exception {
        sql("INSERT INTO credential (id, salt, type, user_id, created_date, user_label, secret_data, credential_data, "
                + "priority, version) SELECT " + uuid(kind) + ", t.salt, t.type, " + userId + ", t.created_date, "
                + "t.user_label, t.secret_data, t.credential_data, t.priority, t.version FROM " + range
                + " CROSS JOIN credential t WHERE t.id = '" + templateId + "' AND " + which);
    }

    private String credentialId(String userId, String type) throws Exception {
        String id = sql("SELECT id FROM credential WHERE user_id = '" + userId + "' AND type = '" + type + "'").trim();
        if (id.isEmpty()) {
            throw new IllegalStateException("the template user has no " + type + " credential");
        }
        return id;
    }

    private String sql(String statement) throws Exception {
        return Processes.run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(ClusterPostgres.PORT), "-U",
                "postgres", "-d", "keycloak", "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", statement));
    }
}
