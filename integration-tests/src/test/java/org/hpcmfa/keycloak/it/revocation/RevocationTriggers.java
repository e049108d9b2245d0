package org.hpcmfa.keycloak.it.revocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.TestUsers;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Every way a person's certificates are revoked, fired the way an admin or the person fires it: the admin API
 * (disable, delete, "sign out all sessions", removing the last second factor), the lost-phone reset of the
 * account-recovery admin resource, and "Disable two-factor login" walked through its pages over HTTP (login,
 * "Send confirmation email", the mailed link, "Disable").
 */
public final class RevocationTriggers {

    /** A trigger and the {@code reason} its revocation event carries. */
    public enum Trigger {
        LOST_PHONE("lost_phone"),
        DISABLE_MFA("mfa_disabled"),
        LAST_SECOND_FACTOR("last_second_factor_removed"),
        DISABLE_USER("user_disabled"),
        DELETE_USER("user_deleted"),
        SIGN_OUT("sessions_signed_out");

        public final String reason;

        Trigger(String reason) {
            this.reason = reason;
        }
    }

    private static final Pattern LINK =
            Pattern.compile("(http://localhost:8080/realms/[^/]+/login-actions/action-token\\?key=[A-Za-z0-9._-]+)");

    private final ManagedRealm realm;
    private final Keycloak admin;
    private final MailServer mail;

    /** {@code mail} is needed for {@link Trigger#DISABLE_MFA} only (the confirmation link comes by mail). */
    public RevocationTriggers(ManagedRealm realm, Keycloak admin, MailServer mail) {
        this.realm = realm;
        this.admin = admin;
        this.mail = mail;
    }

    /**
     * Fires {@code trigger} for the user (password and one TOTP, as {@link UserCertificates#user} creates them).
     * For {@link Trigger#DISABLE_MFA} the preparation (login, mail) happens first and only the final "Disable"
     * press is the trigger: this returns {@link System#nanoTime()} just before that press, or before the single
     * request of the other triggers.
     */
    public long fire(Trigger trigger, String username) throws Exception {
        String userId = TestUsers.id(realm.admin(), username);
        UserResource user = realm.admin().users().get(userId);
        switch (trigger) {
            case LOST_PHONE -> {
                long start = System.nanoTime();
                lostPhoneReset(userId);
                return start;
            }
            case DISABLE_MFA -> {
                return disableMfa(username);
            }
            case LAST_SECOND_FACTOR -> {
                List<CredentialRepresentation> otps = user.credentials().stream()
                        .filter(c -> "otp".equals(c.getType())).toList();
                if (otps.size() != 1) {
                    throw new AssertionError(username + " should have exactly one TOTP: " + otps.size());
                }
                long start = System.nanoTime();
                user.removeCredential(otps.get(0).getId());
                return start;
            }
            case DISABLE_USER -> {
                UserRepresentation rep = user.toRepresentation();
                rep.setEnabled(false);
                long start = System.nanoTime();
                user.update(rep);
                return start;
            }
            case DELETE_USER -> {
                long start = System.nanoTime();
                user.remove();
                return start;
            }
            case SIGN_OUT -> {
                long start = System.nanoTime();
                user.logout();
                return start;
            }
            default -> throw new IllegalArgumentException(trigger.name());
        }
    }

    private void lostPhoneReset(String userId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:8080/admin/realms/" + realm.getName() + "/account-recovery/users/"
                                + userId + "/lost-phone?email=false"))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("lost-phone reset: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * The person's "Disable two-factor login": sign in to the research application with the action requested
     * (password, then the second factor the flow asks for), "Send confirmation email", open the mailed link in
     * another client, press "Disable". Returns the moment just before the press.
     */
    private long disableMfa(String username) throws Exception {
        String email = realm.admin().users().searchByUsername(username, true).get(0).getEmail();
        HttpLoginClient person = new HttpLoginClient();
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/");
        int mailsBefore = mailsTo(email).size();
        person.get(login.authorizationUrl(Map.of("kc_action", "hpc-disable-mfa")));
        follow(person, person.submit("kc-form-login", Map.of("username", username, "password", TestUsers.PASSWORD)));
        if (person.last().body().contains("id=\"kc-email-otp-form\"")) {
            MimeMessage code = mailTo(email, mailsBefore);
            mailsBefore++;
            follow(person, person.submit("kc-email-otp-form", Map.of("emailCode", Mails.code(code))));
        } else {
            follow(person, person.submit("kc-otp-login-form", Map.of("otp", TestUsers.totp(TestUsers.TOTP_SECRET, 1))));
        }
        follow(person, person.submit("kc-disable-mfa-form", Map.of("send", "true")));
        if (!person.last().body().contains("id=\"disable-mfa-sent\"")) {
            throw new AssertionError("no confirmation mail sent: " + person.last().body());
        }
        Matcher link = LINK.matcher(Mails.text(mailTo(email, mailsBefore)));
        if (!link.find()) {
            throw new AssertionError("no confirmation link in the mail to " + email);
        }
        HttpLoginClient linkOpener = new HttpLoginClient();
        follow(linkOpener, linkOpener.get(link.group(1)));
        String confirm = linkOpener.formAction("kc-disable-mfa-confirm-form");
        long start = System.nanoTime();
        HttpResponse<String> done = follow(linkOpener, linkOpener.post(confirm, Map.of("confirm", "true")));
        if (!done.body().contains("Two-factor login has been disabled")) {
            throw new AssertionError("disable-MFA not confirmed (HTTP " + done.statusCode() + "): " + done.body());
        }
        return start;
    }

    /** Follows redirects within Keycloak's pages (not to the application). */
    private HttpResponse<String> follow(HttpLoginClient client, HttpResponse<String> response) throws Exception {
        HttpResponse<String> current = response;
        for (int i = 0; i < 5 && current.statusCode() / 100 == 3; i++) {
            String location = client.location();
            if (!location.startsWith("http://localhost:8080/realms/") || location.startsWith(realm.getBaseUrl() + "/?")) {
                break;
            }
            current = client.get(location);
        }
        return current;
    }

    /** The newest mail to {@code address} after the first {@code alreadySeen}, waiting up to ten seconds. */
    private MimeMessage mailTo(String address, int alreadySeen) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<MimeMessage> to = mailsTo(address);
            if (to.size() > alreadySeen) {
                return to.get(to.size() - 1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address);
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (Address recipient : message.getAllRecipients()) {
                if (recipient.toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            }
        }
        return to;
    }
}
