package org.hpcmfa.keycloak.it.accountapi;

import static org.hpcmfa.keycloak.it.accountapi.AccountApiClient.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.Base32;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.TimeBasedOTP;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The account API behind the terminal {@code mfa} command ({@code /realms/{realm}/hpc-mfa-account}), with tokens
 * of the demo realm's {@code mfa-cli} client as the command gets them: list, TOTP set-up (the code computed from
 * the key the API showed), the rules around it (a wrong code counted, another person's handle, a second factor
 * proved before adding one, recent sign-in, hourly limit), what an attacker sends (no token, another realm's,
 * a client's, bad bodies, 20 parallel confirms of one handle) and the events written.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class AccountApiIT {

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    AccountApiClient api;

    @BeforeEach
    void setUp() {
        api = new AccountApiClient(realm.getBaseUrl());
    }

    @AfterEach
    void defaultSettings() {
        ApiSettings.reset(realm.admin());
    }

    @Test
    void authenticatorSetUpFromTheTerminal() throws Exception {
        String user = TestUsers.create(realm.admin(), "api-totp", "example.org", true);
        String other = TestUsers.create(realm.admin(), "api-other", "example.org", true);
        String token = api.signIn(user, TestUsers.PASSWORD, null);

        AccountApiClient.Reply list = api.get(token, ACCOUNT + "/factors");
        assertEquals(200, list.status(), list.body().toString());
        assertEquals(user, list.text("username"));
        assertEquals(0, list.body().get("factors").size());
        assertTrue(list.body().get("methods").toString().contains("AUTHENTICATOR"), list.body().toString());

        AccountApiClient.Reply begun = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        assertEquals(200, begun.status(), begun.body().toString());
        assertFalse(begun.body().get("complete").asBoolean());
        String handle = begun.text("enrolment");
        String secret = new String(Base32.decode(begun.text("secret")), StandardCharsets.UTF_8);
        assertTrue(begun.text("otpauthUri").startsWith("otpauth://totp/"), begun.text("otpauthUri"));
        assertEquals("SHA1", begun.text("algorithm"));

        // Another person's token never reaches this set-up: the handle is bound to its person.
        String otherToken = api.signIn(other, TestUsers.PASSWORD, null);
        AccountApiClient.Reply foreign = api.post(otherToken, ACCOUNT + "/enrolments/" + handle + "/confirm",
                Map.of("code", code(secret, 0)));
        assertEquals(400, foreign.status());
        assertEquals("expired_enrolment", foreign.error());

        AccountApiClient.Reply wrong = api.post(token, ACCOUNT + "/enrolments/" + handle + "/confirm",
                Map.of("code", "000000".equals(code(secret, 0)) ? "111111" : "000000"));
        assertEquals(400, wrong.status());
        assertEquals("invalid_code", wrong.error());

        AccountApiClient.Reply done = api.post(token, ACCOUNT + "/enrolments/" + handle + "/confirm",
                Map.of("code", code(secret, 0)));
        assertEquals(200, done.status(), done.body().toString());
        assertTrue(done.body().get("complete").asBoolean());
        String credentialId = done.text("credentialId");
        assertNotNull(credentialId);
        assertEquals("otp", realm.admin().users().get(id(user)).credentials().stream()
                .filter(c -> c.getId().equals(credentialId)).findFirst().orElseThrow().getType());
        assertEquals("expired_enrolment", api.post(token, ACCOUNT + "/enrolments/" + handle + "/confirm",
                Map.of("code", code(secret, 0))).error(), "a used handle worked again");

        JsonNode factors = api.get(token, ACCOUNT + "/factors").body().get("factors");
        List<String> methods = new java.util.ArrayList<>();
        factors.forEach(f -> methods.add(f.get("method").asText()));
        assertEquals(List.of("AUTHENTICATOR", "RECOVERY_CODES"), methods.stream().sorted().toList(), factors.toString());

        // mfa verify: the new authenticator's next code is accepted, a wrong one is not. (A second failure within
        // a second of the first would be Keycloak's quick-login lockout.)
        Thread.sleep(1_100);
        assertEquals("invalid_code", api.post(token, ACCOUNT + "/verify", Map.of("code", "12345678")).error());
        AccountApiClient.Reply verified = api.post(token, ACCOUNT + "/verify", Map.of("code", code(secret, 1)));
        assertEquals(200, verified.status(), verified.body().toString());
        assertEquals("AUTHENTICATOR", verified.text("method"));

        // Now that the person has a factor, a password-only sign-in may not add another; one with the code may.
        AccountApiClient.Reply passwordOnly = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        assertEquals(403, passwordOnly.status());
        assertEquals("mfa_required", passwordOnly.error());
        String twoFactorToken = api.signIn(user, TestUsers.PASSWORD, code(secret, -1));
        assertEquals(200, api.post(twoFactorToken, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR")).status());

        // The set-up came with recovery codes; regenerating voids them for a new set.
        JsonNode firstSet = done.body().get("recoveryCodes");
        assertTrue(firstSet.size() > 0, done.body().toString());
        assertEquals(firstSet.size(), api.get(token, ACCOUNT + "/recovery-codes").body().get("remaining").asInt());
        assertEquals("mfa_required", api.post(token, ACCOUNT + "/recovery-codes", "").error());
        AccountApiClient.Reply regenerated = api.post(twoFactorToken, ACCOUNT + "/recovery-codes", "");
        assertEquals(200, regenerated.status(), regenerated.body().toString());
        assertFalse(regenerated.body().get("recoveryCodes").toString().contains(firstSet.get(0).asText()));

        List<EventRepresentation> events = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL", "UPDATE_CREDENTIAL_ERROR"),
                null, id(user), null, null, null, 0, 50);
        assertTrue(events.stream().anyMatch(e -> "UPDATE_CREDENTIAL".equals(e.getType())
                && "enrolment_confirm".equals(e.getDetails().get("operation"))
                && credentialId.equals(e.getDetails().get("credential_id"))), events.toString());
        assertTrue(events.stream().anyMatch(e -> "invalid_user_credentials".equals(e.getError())), events.toString());
        assertTrue(events.stream().anyMatch(e -> "account_api_mfa_required".equals(e.getError())), events.toString());
    }

    @Test
    void aRecoveryCodeSignsInWhereTheTotpCodeGoes() throws Exception {
        // A person without the phone types a recovery code at "Code from your second factor" (mfa --password).
        List<String> codes = List.of("SIGN0000CODE", "SIGN0000CODF", "SIGN0000CODG", "SIGN0000CODH", "SIGN0000CODI");
        String user = TestUsers.create(realm.admin(), "api-rc", "example.org", true,
                List.of(TestUsers.totpCredential("phone"), TestUsers.recoveryCodesCredential(codes)));
        String other = TestUsers.create(realm.admin(), "api-rc-other", "example.org", true,
                List.of(TestUsers.totpCredential("phone")));

        // Any code, in any order, lower case with a dash, in the field the mfa command sends (otp); the token
        // counts two factors (mk is allowed). Older clients' field (totp) works too.
        String token = api.signIn(user, TestUsers.PASSWORD, "sign-0000-codi");
        AccountApiClient.Reply olderClient = api.form("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "mfa-cli", "username", user, "password", TestUsers.PASSWORD, "totp", "SIGN0000CODH"));
        assertEquals(200, olderClient.status(), olderClient.body().toString());
        AccountApiClient.Reply codesLeft = api.get(token, ACCOUNT + "/recovery-codes");
        assertEquals(3, codesLeft.body().get("remaining").asInt(), codesLeft.body().toString());
        assertEquals(200, api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR")).status(),
                "password and a recovery code are two factors");

        // Refused, each with the token endpoint's invalid_grant: the used code, a wrong one shaped like a code,
        // another person's code on their account, and the password alone. The TOTP code still works.
        for (Map.Entry<String, String> attempt : List.of(Map.entry(user, "SIGN0000CODI"),
                Map.entry(user, "WRONG000CODE"), Map.entry(other, "SIGN0000CODE"), Map.entry(user, ""))) {
            Thread.sleep(1_100); // not Keycloak's quick-login lockout: each refusal for its own reason
            AccountApiClient.Reply refused = api.form("/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "mfa-cli", "username", attempt.getKey(), "password", TestUsers.PASSWORD,
                    "totp", attempt.getValue()));
            assertEquals(401, refused.status(), attempt + ": " + refused.body());
            assertEquals("invalid_grant", refused.error(), attempt + ": " + refused.body());
        }
        assertEquals(3, api.get(token, ACCOUNT + "/recovery-codes").body().get("remaining").asInt(),
                "a refused sign-in used no code");
        assertNotNull(api.signIn(user, TestUsers.PASSWORD, TestUsers.totpNow()));

        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN", "LOGIN_ERROR"), "mfa-cli",
                id(user), null, null, null, 0, 50);
        assertTrue(events.stream().anyMatch(e -> "LOGIN".equals(e.getType())
                && "recovery-authn-codes".equals(e.getDetails().get("credential_type"))), events.toString());
        assertEquals(2, events.stream().filter(e -> "invalid_user_credentials".equals(e.getError())
                && "recovery-authn-codes".equals(e.getDetails().get("credential_type"))).count(),
                "the used and the wrong code are failed logins of the recovery-code step: " + events);
    }

    @Test
    void oneRecoveryCodeRacedTwentyTimesAtTheSignInGivesOneToken() throws Exception {
        List<String> codes = List.of("RACE0000SIGN", "RACE0000SIGO", "RACE0000SIGP", "RACE0000SIGQ");
        String user = TestUsers.create(realm.admin(), "api-rc-race", "example.org", true,
                List.of(TestUsers.totpCredential("phone"), TestUsers.recoveryCodesCredential(codes)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AccountApiClient.Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.form("/protocol/openid-connect/token", Map.of("grant_type", "password",
                            "client_id", "mfa-cli", "username", user, "password", TestUsers.PASSWORD,
                            "otp", "RACE-0000-SIGO"));
                }));
            }
            start.countDown();
            int tokens = 0;
            for (Future<AccountApiClient.Reply> reply : replies) {
                AccountApiClient.Reply answer = reply.get();
                if (answer.status() == 200) {
                    tokens++;
                } else {
                    // Refused as a used code, or told to try again while another sign-in held the set.
                    assertTrue(answer.status() == 401 && "invalid_grant".equals(answer.error())
                            || answer.status() == 503 && "temporarily_unavailable".equals(answer.error()),
                            answer.status() + " " + answer.body());
                }
            }
            assertEquals(1, tokens, "one code, one token");
        } finally {
            pool.shutdownNow();
        }
        String admin = TestUsers.id(realm.admin(), user);
        realm.admin().attackDetection().clearBruteForceForUser(admin);
        AccountApiClient.Reply left = api.get(api.signIn(user, TestUsers.PASSWORD, "RACE0000SIGQ"),
                ACCOUNT + "/recovery-codes");
        assertEquals(2, left.body().get("remaining").asInt(), "the raced code once, the sign-in's once: " + left.body());
    }

    @Test
    void emailSetUpFromTheTerminal() throws Exception {
        String user = TestUsers.create(realm.admin(), "api-mail", "example.org", true);
        String token = api.signIn(user, TestUsers.PASSWORD, null);
        int before = mail.getReceivedMessages().length;
        AccountApiClient.Reply begun = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "EMAIL"));
        assertEquals(200, begun.status(), begun.body().toString());
        assertTrue(begun.text("sentTo").endsWith("@example.org"), begun.body().toString());
        String code = null;
        for (int i = 0; i < 100 && code == null; i++) {
            for (var message : java.util.Arrays.copyOfRange(mail.getReceivedMessages(), before,
                    mail.getReceivedMessages().length)) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(user + "@example.org")) {
                    code = Mails.code(message);
                }
            }
            Thread.sleep(100);
        }
        assertNotNull(code, "no code mailed");
        AccountApiClient.Reply done = api.post(token, ACCOUNT + "/enrolments/" + begun.text("enrolment") + "/confirm",
                Map.of("code", code));
        assertEquals(200, done.status(), done.body().toString());
        assertEquals("EMAIL", done.text("method"));
        assertTrue(done.body().get("recoveryCodes").size() > 0, done.body().toString());
        assertTrue(api.get(token, ACCOUNT + "/factors").body().get("factors").toString().contains("\"EMAIL\""));
        assertEquals("method_not_offered", api.post(token, ACCOUNT + "/codes", Map.of("method", "PIGEON")).error());
    }

    @Test
    void twentyParallelConfirmsOfOneHandleCreateOneCredential() throws Exception {
        String user = TestUsers.create(realm.admin(), "api-race", "example.org", true);
        String token = api.signIn(user, TestUsers.PASSWORD, null);
        AccountApiClient.Reply begun = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        String path = ACCOUNT + "/enrolments/" + begun.text("enrolment") + "/confirm";
        String code = code(new String(Base32.decode(begun.text("secret")), StandardCharsets.UTF_8), 0);
        List<Integer> statuses = java.util.stream.IntStream.range(0, 20).parallel().mapToObj(i -> {
            try {
                return api.post(token, path, Map.of("code", code)).status();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, realm.admin().users().get(id(user)).credentials().stream()
                .filter(c -> "otp".equals(c.getType())).count());
    }

    @Test
    void whatAnAttackerSendsIsRefusedWithAStableCode() throws Exception {
        String user = TestUsers.create(realm.admin(), "api-attack", "example.org", true);
        String token = api.signIn(user, TestUsers.PASSWORD, null);

        assertEquals("missing_token", api.get(null, ACCOUNT + "/factors").error());
        assertEquals("invalid_token", api.get("not-a-token", ACCOUNT + "/factors").error());
        // A token of another realm (master's admin) and a client's own token (the login node's service account).
        AccountApiClient master = new AccountApiClient(realm.getBaseUrl().replace("/realms/mfa-demo", "/realms/master"));
        AccountApiClient.Reply adminToken = master.form("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin"));
        AccountApiClient.Reply foreignRealm = api.get(adminToken.text("access_token"), ACCOUNT + "/factors");
        assertEquals(401, foreignRealm.status(), foreignRealm.body().toString());
        assertEquals("invalid_token", foreignRealm.error());
        TerminalApi terminal = new TerminalApi(realm.getBaseUrl());
        String clientToken = terminal.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));
        AccountApiClient.Reply client = api.post(clientToken, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        assertEquals(403, client.status());
        assertEquals("not_a_person", client.error());

        assertEquals("invalid_request", api.post(token, ACCOUNT + "/enrolments", "").error());
        assertEquals("invalid_request", api.post(token, ACCOUNT + "/enrolments", "{\"method\":").error());
        assertEquals("invalid_request", api.post(token, ACCOUNT + "/enrolments", "{\"method\":\"SMS\",\"x\":1}").error());
        AccountApiClient.Reply huge = api.post(token, ACCOUNT + "/enrolments",
                "{\"method\":\"" + "A".repeat(70_000) + "\"}");
        assertEquals(413, huge.status());
        assertEquals("request_too_large", huge.error());
        AccountApiClient.Reply unknown = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "CARRIER_PIGEON"));
        assertEquals("method_not_offered", unknown.error());
        assertFalse(unknown.body().toString().contains("java"), unknown.body().toString());
        assertEquals("expired_enrolment", api.post(token, ACCOUNT + "/enrolments/nonsense/confirm",
                Map.of("code", "123456")).error());
    }

    @Test
    void setUpNeedsARecentSignInAndIsLimitedPerHour() throws Exception {
        ApiSettings.set(realm.admin(), Map.of("mfa-account-hourly-limit", "2", "mfa-account-max-auth-age-seconds", "5"));
        String user = TestUsers.create(realm.admin(), "api-limit", "example.org", true);
        String token = api.signIn(user, TestUsers.PASSWORD, null);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR")).status());
        }
        AccountApiClient.Reply limited = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        assertEquals(429, limited.status());
        assertEquals("rate_limited", limited.error());
        assertTrue(limited.body().get("retryAfter").asInt() > 0);

        Thread.sleep(6_000);
        AccountApiClient.Reply stale = api.post(token, ACCOUNT + "/enrolments", Map.of("method", "AUTHENTICATOR"));
        assertEquals(401, stale.status());
        assertEquals("reauthentication_required", stale.error());
        assertEquals(200, api.get(token, ACCOUNT + "/factors").status(), "listing needs no recent sign-in");
        assertTrue(realm.admin().getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, id(user), null, null, null, 0, 10)
                .stream().anyMatch(e -> "account_api_reauthentication_required".equals(e.getError())));
    }

    private String id(String username) {
        return TestUsers.id(realm.admin(), username);
    }

    /** The code an authenticator app enrolled with {@code secret} shows {@code steps} periods from now. */
    static String code(String secret, int steps) {
        TimeBasedOTP otp = new TimeBasedOTP("HmacSHA1", 6, 30, 1);
        Calendar at = Calendar.getInstance();
        at.add(Calendar.SECOND, 30 * steps);
        otp.setCalendar(at);
        return otp.generateTOTP(secret);
    }
}
