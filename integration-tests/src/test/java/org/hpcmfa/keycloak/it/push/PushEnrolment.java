package org.hpcmfa.keycloak.it.push;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.TestUsers;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Enrols a phone for a user the quick way, without a web driver: password login, the "Set up push approval"
 * page, the app's rollout, "Continue". The web-driver journey is tested on its own.
 */
public final class PushEnrolment {

    private static final Pattern URI_ON_PAGE = Pattern.compile("id=\"push-enrol-uri\"[^>]*>([^<]+)</code>");

    private static final Pattern NUMBER_ON_PAGE = Pattern.compile("id=\"push-number\"[^>]*>(\\d\\d)<");

    private PushEnrolment() {
    }

    public static PrivacyIdeaApp enrol(ManagedRealm realm, String username) throws Exception {
        return enrol(realm, username, "no_firebase_token");
    }

    static PrivacyIdeaApp enrol(ManagedRealm realm, String username, String firebaseToken) throws Exception {
        return enrol(realm, username, firebaseToken, null);
    }

    /** A further phone: the login before its enrolment is approved on {@code approver}. */
    static PrivacyIdeaApp enrolAnother(ManagedRealm realm, String username, PrivacyIdeaApp approver) throws Exception {
        return enrol(realm, username, "no_firebase_token", approver);
    }

    private static PrivacyIdeaApp enrol(ManagedRealm realm, String username, String firebaseToken,
            PrivacyIdeaApp approver) throws Exception {
        return enrol(realm.admin(), realm.getBaseUrl(), username, firebaseToken, approver, UnaryOperator.identity());
    }

    /** The same against any Keycloak (the cluster tests' nodes): requests and the phone go through {@code route}. */
    public static PrivacyIdeaApp enrol(RealmResource admin, String realmUrl, String username,
            UnaryOperator<String> route) throws Exception {
        return enrol(admin, realmUrl, username, "no_firebase_token", null, route);
    }

    private static PrivacyIdeaApp enrol(RealmResource admin, String realmUrl, String username, String firebaseToken,
            PrivacyIdeaApp approver, UnaryOperator<String> route) throws Exception {
        PushAdmin.requireSetup(admin, TestUsers.id(admin, username));
        HttpLoginClient client = new HttpLoginClient().via(route);
        BrowserLogin login = new BrowserLogin(realmUrl, LoginDriver.APP, realmUrl + "/");
        client.get(login.authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", username, "password", TestUsers.PASSWORD));
        follow(client, realmUrl);
        if (client.last().body().contains("id=\"kc-otp-login-form\"")) {
            client.submit("kc-otp-login-form", Map.of("otp", TestUsers.totpNow()));
            follow(client, realmUrl);
        }
        if (approver != null && client.last().body().contains("id=\"kc-push-form\"")) {
            Matcher number = NUMBER_ON_PAGE.matcher(client.last().body());
            approver.approve(approver.poll().get(0), number.find() ? number.group(1) : null);
            client.submit("kc-push-form", Map.of());
            follow(client, realmUrl);
        }
        Matcher uri = URI_ON_PAGE.matcher(client.last().body());
        if (!uri.find()) {
            throw new AssertionError("no enrolment URI on the page: " + client.last().body());
        }
        PrivacyIdeaApp app = PrivacyIdeaApp.scan(uri.group(1).replace("&amp;", "&")).via(route);
        PrivacyIdeaApp.Reply rollout = app.rollout(app.qr().get("enrollment_credential"), firebaseToken);
        if (rollout.status() != 200) {
            throw new AssertionError("rollout answered " + rollout.status() + ": " + rollout.body());
        }
        client.submit("kc-push-setup-form", Map.of());
        keepRecoveryCodes(client, realmUrl);
        if (!client.last().headers().firstValue("Location").orElse("").contains("code=")) {
            throw new AssertionError("enrolment did not complete the login: " + client.last().body());
        }
        return app;
    }

    /**
     * After an enrolment a new set of recovery codes follows (authenticator-recovery-codes): kept, as a person
     * would keep them; then the redirects up to the application.
     */
    public static void keepRecoveryCodes(HttpLoginClient client, String realmUrl) throws Exception {
        follow(client, realmUrl);
        if (client.last().statusCode() == 200 && client.last().body().contains("id=\"kc-recovery-codes-settings-form\"")) {
            client.submit("kc-recovery-codes-settings-form", Map.of("kcRecoveryCodesConfirmationCheck", "on"));
            follow(client, realmUrl);
        }
    }

    /** Follows Keycloak's own redirects, stopping at a page or at the redirect back to the application. */
    static void follow(HttpLoginClient client, ManagedRealm realm) throws Exception {
        follow(client, realm.getBaseUrl());
    }

    public static void follow(HttpLoginClient client, String realmUrl) throws Exception {
        for (int i = 0; i < 5 && client.last().statusCode() == 302; i++) {
            String location = client.location();
            if (!location.startsWith(realmUrl + "/login-actions") && !location.contains("/protocol/")) {
                return;
            }
            client.get(location);
        }
    }
}
