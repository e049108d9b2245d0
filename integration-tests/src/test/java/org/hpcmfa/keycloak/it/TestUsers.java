package org.hpcmfa.keycloak.it;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.TimeBasedOTP;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Fresh users for one test each, so per-user limits and lockouts of one test never leak into another.
 */
public final class TestUsers {

    public static final String PASSWORD = "Test-password-1";
    public static final String TOTP_SECRET = "a-twenty-byte-secret";

    private TestUsers() {
    }

    /** A user named {@code prefix-<random>} with the given email; returns the username. */
    public static String create(RealmResource realm, String prefix, String emailDomain, boolean emailVerified) {
        return create(realm, prefix, emailDomain, emailVerified, false);
    }

    public static String create(RealmResource realm, String prefix, String emailDomain, boolean emailVerified,
            boolean withTotp) {
        return create(realm, prefix, emailDomain, emailVerified,
                withTotp ? List.of(totpCredential("test phone")) : List.of());
    }

    /** A user with a password and the given further credentials (see {@link #totpCredential}). */
    public static String create(RealmResource realm, String prefix, String emailDomain, boolean emailVerified,
            List<CredentialRepresentation> factors) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setFirstName("Test");
        user.setLastName(prefix);
        user.setEnabled(true);
        if (emailDomain != null) {
            user.setEmail(username + "@" + emailDomain);
            user.setEmailVerified(emailVerified);
        }
        List<CredentialRepresentation> credentials = new ArrayList<>();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        credentials.add(password);
        credentials.addAll(factors);
        user.setCredentials(credentials);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new AssertionError("creating " + username + ": HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
        }
        return username;
    }

    /** TOTP with {@link #TOTP_SECRET}, as an authenticator app enrolled with it would produce. */
    public static CredentialRepresentation totpCredential(String label) {
        CredentialRepresentation totp = new CredentialRepresentation();
        totp.setType(OTPCredentialModel.TYPE);
        totp.setUserLabel(label);
        totp.setSecretData("{\"value\":\"" + TOTP_SECRET + "\"}");
        totp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        return totp;
    }

    /** Keycloak's recovery codes holding {@code codes}, stored as Keycloak stores them (SHA-512, Base64). */
    public static CredentialRepresentation recoveryCodesCredential(List<String> codes) {
        try {
            StringBuilder secret = new StringBuilder("{\"codes\":[");
            for (int i = 0; i < codes.size(); i++) {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-512")
                        .digest(codes.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                secret.append(i == 0 ? "" : ",").append("{\"number\":").append(i + 1)
                        .append(",\"encodedHashedValue\":\"").append(java.util.Base64.getEncoder().encodeToString(hash))
                        .append("\"}");
            }
            CredentialRepresentation recovery = new CredentialRepresentation();
            recovery.setType("recovery-authn-codes");
            recovery.setSecretData(secret.append("]}").toString());
            recovery.setCredentialData("{\"hashIterations\":null,\"algorithm\":\"SHA-512\",\"remaining\":" + codes.size()
                    + ",\"total\":" + codes.size() + "}");
            return recovery;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user who has never had a password, as at the research centres: an email and nothing else. */
    public static String createWithoutPassword(RealmResource realm, String prefix, String emailDomain) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setFirstName("Test");
        user.setLastName(prefix);
        user.setEnabled(true);
        user.setEmail(username + "@" + emailDomain);
        user.setEmailVerified(true);
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new AssertionError("creating " + username + ": HTTP " + response.getStatus());
            }
        }
        return username;
    }

    public static String totpNow() {
        return totp(TOTP_SECRET, 0);
    }

    /**
     * The TOTP code {@code steps} 30-second periods from now. Keycloak accepts the next period's code (look-around
     * window 1) and refuses a code used before, so a test that already spent the current code uses step 1.
     */
    public static String totp(String secret, int steps) {
        TimeBasedOTP otp = new TimeBasedOTP("HmacSHA1", 6, 30, 1);
        java.util.Calendar at = java.util.Calendar.getInstance();
        at.add(java.util.Calendar.SECOND, 30 * steps);
        otp.setCalendar(at);
        return otp.generateTOTP(secret);
    }

    public static String id(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0).getId();
    }
}
