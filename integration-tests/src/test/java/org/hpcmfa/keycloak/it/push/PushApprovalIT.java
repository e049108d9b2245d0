package org.hpcmfa.keycloak.it.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Push that a blind tap cannot approve (issue 13): the phone's question names the application and the address,
 * number matching with up to ten options, code-to-phone on the page and at the SSH prompt, and "not me" answers
 * counted exactly when they arrive at the same moment. The phone is the independent app simulator.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class PushApprovalIT {

    private static final Pattern NUMBER_ON_PAGE = Pattern.compile("id=\"push-number\"[^>]*>(\\d\\d)<");
    private static final String TERMINAL_FLOW = "ssh-terminal-factors";

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @BeforeEach
    void setUp() {
        PushAdmin.allowFastRetries(realm.admin());
        PushAdmin.configure(realm.admin(), Map.of());
    }

    /** A login of {@code user} waiting at the push page, in a client without JavaScript. */
    private HttpLoginClient startLogin(String user) throws Exception {
        HttpLoginClient client = new HttpLoginClient();
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/");
        client.get(login.authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        PushEnrolment.follow(client, realm);
        assertTrue(client.last().body().contains("id=\"kc-push-form\""), client.last().body());
        return client;
    }

    private static String numberOnPage(HttpLoginClient client) {
        Matcher number = NUMBER_ON_PAGE.matcher(client.last().body());
        assertTrue(number.find(), client.last().body());
        return number.group(1);
    }

    private static boolean completes(HttpLoginClient client, Map<String, String> fields) throws Exception {
        client.submit("kc-push-form", fields);
        return client.last().statusCode() == 302 && client.location().contains("code=");
    }

    private static List<String> options(JsonNode request) {
        return List.of(request.path("require_presence").asText().split(","));
    }

    private long events(String userId, String error) {
        return PushAdmin.events(realm.admin(), userId, "LOGIN_ERROR").stream().filter(e -> error.equals(e.getError())).count();
    }

    @Test
    void theQuestionNamesTheApplicationAndTheAddressByDefault() throws Exception {
        String user = TestUsers.create(realm.admin(), "pa-question", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        HttpLoginClient client = startLogin(user);
        JsonNode request = app.poll().get(0);
        String question = request.path("question").asText();
        // The client's name from the realm, the address the login came from (loopback here), the user.
        assertTrue(question.matches("Log in to Research web application from "
                + "(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1) as " + Pattern.quote(user) + "\\?"), question);

        // Number matching is on by default, with five options.
        String number = numberOnPage(client);
        assertEquals(5, options(request).size(), request.toString());
        assertTrue(options(request).contains(number));
        assertTrue(app.approve(request, number).value());
        assertTrue(completes(client, Map.of()));
    }

    @Test
    void tenOptionsTheRightOneApprovesAWrongOneIsACountedFailure() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("presence-options", "10"));
        String user = TestUsers.create(realm.admin(), "pa-ten", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);

        HttpLoginClient tapped = startLogin(user);
        String shown = numberOnPage(tapped);
        JsonNode request = app.poll().get(0);
        List<String> options = options(request);
        assertEquals(10, options.size(), request.toString());
        assertEquals(10, new HashSet<>(options).size(), "ten different numbers: " + options);
        assertTrue(options.contains(shown));
        String wrong = options.stream().filter(o -> !o.equals(shown)).findFirst().orElseThrow();
        assertFalse(app.approve(request, wrong).value(), "the app is told the answer was not accepted");
        assertFalse(completes(tapped, Map.of()));
        assertTrue(tapped.last().body().contains("A different number was chosen"), tapped.last().body());
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId), "a failed login");
        assertEquals(1, events(userId, "push_wrong_number"));
        assertFalse(app.approve(request, shown).value(), "the request is void after a wrong answer");

        HttpLoginClient person = startLogin(user);
        JsonNode next = app.poll().get(0);
        assertTrue(app.approve(next, numberOnPage(person)).value());
        assertTrue(completes(person, Map.of()));
    }

    @Test
    void twoOptionsAreAllowedAndOutOfRangeCountsNeverWeakenTheDefault() throws Exception {
        String user = TestUsers.create(realm.admin(), "pa-range", "example.org", false);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("2", 2);
        expected.put("1", 5);   // one option would be a blind tap again: the default
        expected.put("0", 5);
        expected.put("11", 10); // the protocol's maximum
        expected.put("ten", 5);
        for (Map.Entry<String, Integer> count : expected.entrySet()) {
            PushAdmin.configure(realm.admin(), Map.of("presence-options", count.getKey(), "challenges-per-minute", "60"));
            HttpLoginClient client = startLogin(user);
            JsonNode request = app.poll().get(0);
            assertEquals(count.getValue().intValue(), options(request).size(), count.getKey() + ": " + request);
            assertTrue(app.approve(request, numberOnPage(client)).value(), count.getKey());
            assertTrue(completes(client, Map.of()), count.getKey());
        }
    }

    @Test
    void codeToPhoneTheAppShowsTheCodeAndThePersonTypesIt() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("approval-mode", "code-to-phone"));
        String user = TestUsers.create(realm.admin(), "pa-c2p", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        HttpLoginClient client = startLogin(user);
        assertFalse(client.last().body().contains("id=\"push-number\""), "no number to match in this mode");
        assertTrue(client.last().body().contains("The app then shows a 2-digit code"), client.last().body());

        JsonNode request = app.poll().get(0); // verified as the app verifies it: the standard signed payload
        assertFalse(request.has("require_presence"));
        PrivacyIdeaApp.Reply accepted = app.approve(request, null);
        assertTrue(accepted.value(), String.valueOf(accepted.body()));
        String code = PrivacyIdeaApp.displayCode(accepted);
        assertTrue(code != null && code.matches("\\d\\d"), String.valueOf(accepted.body()));
        assertEquals("Type this code on the login page or at the SSH prompt.",
                accepted.body().path("detail").path("message").asText());
        PrivacyIdeaApp.Reply replayed = app.approve(request, null);
        assertFalse(replayed.value(), "a replayed accept is refused");
        assertNull(PrivacyIdeaApp.displayCode(replayed), "and gets no new code");

        // The page (here without JavaScript: "Continue") now asks for the code.
        assertFalse(completes(client, Map.of()), "the accept alone does not log in");
        assertTrue(client.last().body().contains("id=\"push-code\""), client.last().body());
        assertTrue(completes(client, Map.of("push-code", code)), client.last().body());
        assertEquals(0, PushAdmin.bruteForceFailures(realm.admin(), userId));
        assertTrue(PushAdmin.events(realm.admin(), userId, "LOGIN").stream()
                .anyMatch(e -> "research-app".equals(e.getClientId())), "a LOGIN event");
    }

    @Test
    void codeToPhoneAnEmptyCodeIsAskedAgainAWrongOneFailsAndVoidsTheRequest() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("approval-mode", "code-to-phone"));
        String user = TestUsers.create(realm.admin(), "pa-c2p-wrong", "example.org", false);
        String userId = TestUsers.id(realm.admin(), user);
        PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
        HttpLoginClient client = startLogin(user);

        // Typed before the phone accepted: there is no code yet; nothing is counted.
        assertFalse(completes(client, Map.of("push-code", "42")));
        assertTrue(client.last().body().contains("Accept the request on your phone first"), client.last().body());
        String code = PrivacyIdeaApp.displayCode(app.approve(app.poll().get(0), null));

        assertFalse(completes(client, Map.of("push-code", " ")));
        assertTrue(client.last().body().contains("Type the 2-digit code your phone shows."), client.last().body());
        assertEquals(0, PushAdmin.bruteForceFailures(realm.admin(), userId), "an empty code is not a guess");
        assertEquals(0, events(userId, "push_wrong_code"));

        String wrong = String.format("%02d", (Integer.parseInt(code) + 1) % 100);
        assertFalse(completes(client, Map.of("push-code", wrong)));
        assertTrue(client.last().body().contains("The code does not match the one shown on your phone"),
                client.last().body());
        assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId), "a wrong code is a failed login");
        assertEquals(1, events(userId, "push_wrong_code"));
        assertFalse(completes(client, Map.of("push-code", code)), "one try per approval: the right code is too late");
    }

    @Test
    void codeToPhoneAtTheTerminalPromptTheCodeIsTyped() throws Exception {
        PushAdmin.configure(realm.admin(), TERMINAL_FLOW, Map.of("approval-mode", "code-to-phone"));
        try {
            String user = TestUsers.create(realm.admin(), "pa-c2p-ssh", "example.org", false);
            String userId = TestUsers.id(realm.admin(), user);
            PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
            TerminalApi api = new TerminalApi(realm.getBaseUrl());
            String token = api.gatewayToken("ssh-gateway", TerminalApi.secret(realm.admin(), "ssh-gateway"));

            TerminalApi.Reply started = api.start(token, user);
            assertEquals(200, started.status(), started.body().toString());
            String prompt = started.text("prompt");
            assertTrue(prompt.contains("accept it, then type the 2-digit code the app shows"), prompt);
            assertTrue(prompt.endsWith("Enter your code: "), "the prompt asks for a code: " + prompt);
            JsonNode request = app.poll().get(0);
            assertTrue(request.path("question").asText().matches("Log in to SSH gateway .* from 192\\.0\\.2\\.10 as "
                    + Pattern.quote(user) + "\\?"), request.path("question").asText());
            String code = PrivacyIdeaApp.displayCode(app.approve(request, null));
            TerminalApi.Reply finished = api.finish(token, started.text("handle"), code);
            assertEquals(200, finished.status(), finished.body().toString());
            assertEquals(user, finished.text("username"));

            // A wrong code: refused, counted.
            TerminalApi.Reply again = api.start(token, user);
            String second = PrivacyIdeaApp.displayCode(app.approve(app.poll().get(0), null));
            String wrong = String.format("%02d", (Integer.parseInt(second) + 1) % 100);
            TerminalApi.Reply refused = api.finish(token, again.text("handle"), wrong);
            assertEquals(401, refused.status(), refused.body().toString());
            assertEquals("push_wrong_code", refused.text("error"));
            assertTrue(refused.text("message").contains("does not match the one shown on your phone"), refused.body().toString());
            for (int i = 0; i < 50 && PushAdmin.bruteForceFailures(realm.admin(), userId) == 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(1, PushAdmin.bruteForceFailures(realm.admin(), userId));
        } finally {
            PushAdmin.configure(realm.admin(), TERMINAL_FLOW, Map.of());
        }
    }

    @Test
    void twentyNotMeAnswersAtTheSameMomentAreCountedExactlyAndLockOnce() throws Exception {
        PushAdmin.configure(realm.admin(), Map.of("approval-mode", "approve-only", "declines-before-lock", "20",
                "lock-minutes", "30", "challenges-per-minute", "60"));
        // Each "not me" is also a failed login; the brute-force detector would stop the burst half-way.
        RealmRepresentation rep = realm.admin().toRepresentation();
        boolean bruteForce = Boolean.TRUE.equals(rep.isBruteForceProtected());
        rep.setBruteForceProtected(false);
        realm.admin().update(rep);
        try {
            String user = TestUsers.create(realm.admin(), "pa-declines", "example.org", false);
            String userId = TestUsers.id(realm.admin(), user);
            PrivacyIdeaApp app = PushEnrolment.enrol(realm, user);
            List<HttpLoginClient> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpLoginClient login = startLogin(user);
                assertTrue(app.decline(app.poll().get(0), "unknown_trigger").value());
                logins.add(login);
            }
            // The twenty waiting pages learn of their "not me" at once (as on twenty nodes of a cluster).
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> pages = new ArrayList<>();
            for (HttpLoginClient login : logins) {
                pages.add(pool.submit(() -> {
                    go.await();
                    login.submit("kc-push-form", Map.of());
                    return login.last().body();
                }));
            }
            go.countDown();
            int lockedPages = 0;
            for (Future<String> page : pages) {
                lockedPages += page.get().contains("Push approval is locked") ? 1 : 0;
            }
            pool.shutdown();

            assertEquals(20, events(userId, "push_declined"), "every 'not me' is an event");
            assertEquals(1, events(userId, "push_locked"), "the twentieth locks, exactly once");
            assertEquals(1, lockedPages, "one page says so");
            HttpLoginClient after = new HttpLoginClient();
            after.get(new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/").authorizationUrl(Map.of()));
            after.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
            PushEnrolment.follow(after, realm);
            assertTrue(after.last().body().contains("Push approval is locked"), after.last().body());
            assertEquals(0, app.poll().size(), "no request reaches the phone while push is locked");
        } finally {
            rep.setBruteForceProtected(bruteForce);
            realm.admin().update(rep);
        }
    }
}
