package org.hpcmfa.keycloak.it.accountapi;

import static org.hpcmfa.keycloak.it.accountapi.AccountApiClient.REMOVAL;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.hpcmfa.keycloak.it.revocation.Krls;
import org.hpcmfa.keycloak.it.revocation.UserCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code mfa rm} ({@code /realms/{realm}/hpc-mfa-removal}) with the demo realm's {@code mfa-cli} tokens: the request
 * mails a short single-use token bound to the person and the factors listed; confirming with it removes exactly those
 * and revokes the person's SSH certificates, as the browser's "Disable two-factor login" does. Another person's
 * token, a wrong one, a used one, an expired one and 19 of 20 parallel confirms are refused; a realm without the
 * action refuses.
 */
@Needs(OPENSSH_CLIENT)
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RemovalApiIT {

    private static final Pattern TOKEN = Pattern.compile("\\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\\b");

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @TempDir
    Path dir;

    @Test
    void mailedTokenRemovesTheListedFactorsOnceAndRevokesCertificates() throws Exception {
        AccountApiClient api = new AccountApiClient(realm.getBaseUrl());
        UserCertificates certificates = new UserCertificates(realm, dir);
        String user = certificates.user("rm-api");
        String other = certificates.user("rm-api-other");
        UserCertificates.Issued mine = certificates.issue(user, 0);
        String token = api.signIn(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        String otherToken = api.signIn(other, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 1));
        String otpId = realm.admin().users().get(id(user)).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();

        AccountApiClient.Reply unknownId = api.post(token, REMOVAL + "/requests", Map.of("factors", List.of("nope")));
        assertEquals("no_factor", unknownId.error());
        AccountApiClient.Reply requested = api.post(token, REMOVAL + "/requests", Map.of("factors", List.of(otpId)));
        assertEquals(200, requested.status(), requested.body().toString());
        assertEquals(900, requested.body().get("expiresIn").asInt());
        assertTrue(requested.text("sentTo").startsWith("r***@"), requested.text("sentTo"));
        assertEquals("AUTHENTICATOR", requested.body().get("factors").get(0).get("method").asText());
        String pasted = tokenMailedTo(user + "@example.org");
        assertFalse(Krls.revoked(realm.getBaseUrl(), mine, dir), "asking for the token revoked the certificate");

        assertEquals("invalid_token", api.post(otherToken, REMOVAL + "/confirm", Map.of("token", pasted)).error(),
                "another person's token worked");
        assertEquals("invalid_token", api.post(token, REMOVAL + "/confirm", Map.of("token", "AAAA-BBBB-CCCC")).error());
        List<AccountApiClient.Reply> replies = IntStream.range(0, 20).parallel().mapToObj(i -> {
            try {
                return api.post(token, REMOVAL + "/confirm", Map.of("token", pasted.toLowerCase()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        List<AccountApiClient.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        assertEquals(1, won.size(), replies.toString());
        // The losers are told the token is used, or (past the hourly number of tokens tried) to wait.
        assertTrue(replies.stream().filter(r -> r.status() != 200)
                .allMatch(r -> "invalid_token".equals(r.error()) || "rate_limited".equals(r.error())), replies.toString());
        assertEquals(otpId, won.get(0).body().get("removed").get(0).get("id").asText());
        assertEquals(1, won.get(0).body().get("certificatesRevoked").asInt());
        assertTrue(Krls.revoked(realm.getBaseUrl(), mine, dir), "the removal left the certificate valid");
        assertTrue(realm.admin().users().get(id(user)).credentials().stream().noneMatch(c -> "otp".equals(c.getType())));
        assertTrue(realm.admin().users().get(id(other)).credentials().stream().anyMatch(c -> "otp".equals(c.getType())));

        List<EventRepresentation> events = realm.admin().getEvents(List.of("REMOVE_CREDENTIAL", "SEND_VERIFY_EMAIL"),
                null, id(user), null, null, null, 0, 20);
        assertTrue(events.stream().anyMatch(e -> "REMOVE_CREDENTIAL".equals(e.getType())
                && "removal_confirm".equals(e.getDetails().get("operation"))
                && "otp".equals(e.getDetails().get("removed_credentials"))), events.toString());
        assertTrue(events.stream().anyMatch(e -> "SEND_VERIFY_EMAIL".equals(e.getType())
                && "removal_request".equals(e.getDetails().get("operation"))), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.getDetails() != null && e.getDetails().containsValue(pasted)),
                "an event contains the token");
    }

    @Test
    void aRealmThatDoesNotAllowDisablingRefuses() throws Exception {
        AccountApiClient api = new AccountApiClient(realm.getBaseUrl());
        String user = TestUsers.create(realm.admin(), "rm-api-off", "example.org", true, true);
        String token = api.signIn(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 0));
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction("hpc-disable-mfa");
        action.setEnabled(false);
        realm.admin().flows().updateRequiredAction("hpc-disable-mfa", action);
        try {
            AccountApiClient.Reply refused = api.post(token, REMOVAL + "/requests", "");
            assertEquals(403, refused.status());
            assertEquals("disabling_not_allowed", refused.error());
        } finally {
            action.setEnabled(true);
            realm.admin().flows().updateRequiredAction("hpc-disable-mfa", action);
        }
        assertEquals(200, api.post(token, REMOVAL + "/requests", "").status(), "empty body: all second factors");
    }

    @Test
    void anExpiredTokenIsRefusedAndRemovesNothing() throws Exception {
        AccountApiClient api = new AccountApiClient(realm.getBaseUrl());
        String user = TestUsers.create(realm.admin(), "rm-api-late", "example.org", true, true);
        String otpId = realm.admin().users().get(id(user)).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).findFirst().orElseThrow().getId();
        // The shortest validity an admin can set (1 minute), on the real server's clock: no time travel.
        RequiredActionConfigRepresentation config = realm.admin().flows().getRequiredActionConfig("hpc-disable-mfa");
        Map<String, String> saved = config.getConfig() == null ? new HashMap<>() : new HashMap<>(config.getConfig());
        Map<String, String> shortLived = new HashMap<>(saved);
        shortLived.put("link-validity-minutes", "1");
        config.setConfig(shortLived);
        realm.admin().flows().updateRequiredActionConfig("hpc-disable-mfa", config);
        try {
            String token = api.signIn(user, TestUsers.PASSWORD, TestUsers.totp(TestUsers.TOTP_SECRET, 0));
            AccountApiClient.Reply requested = api.post(token, REMOVAL + "/requests", "");
            assertEquals(60, requested.body().get("expiresIn").asInt(), requested.body().toString());
            String pasted = tokenMailedTo(user + "@example.org");
            Thread.sleep(62_000);
            AccountApiClient.Reply late = api.post(token, REMOVAL + "/confirm", Map.of("token", pasted));
            assertEquals(400, late.status(), late.body().toString());
            assertEquals("expired_token", late.error());
            assertEquals("invalid_token", api.post(token, REMOVAL + "/confirm", Map.of("token", pasted)).error(),
                    "an expired token is used up by the refusal");
            assertTrue(realm.admin().users().get(id(user)).credentials().stream()
                    .anyMatch(c -> otpId.equals(c.getId())), "an expired token removed the factor");
        } finally {
            config.setConfig(saved);
            realm.admin().flows().updateRequiredActionConfig("hpc-disable-mfa", config);
        }
    }

    private String id(String username) {
        return TestUsers.id(realm.admin(), username);
    }

    /** The token in the removal mail to {@code address} (the terminal prompt may have mailed a login code too). */
    private String tokenMailedTo(String address) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                for (Address recipient : message.getAllRecipients()) {
                    Matcher m = TOKEN.matcher(Mails.text(message));
                    if (recipient.toString().equalsIgnoreCase(address) && m.find()) {
                        return m.group(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no removal token mailed to " + address);
    }
}
