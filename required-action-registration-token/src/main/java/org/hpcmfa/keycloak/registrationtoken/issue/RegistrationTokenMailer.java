package org.hpcmfa.keycloak.registrationtoken.issue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The registration mail: token, expiry, portal URL and the instruction to enrol in the same session. */
final class RegistrationTokenMailer {

    static final String SUBJECT_KEY = "required-action-registration-token.mailSubject";
    static final String TEMPLATE = "hpc-registration-token.ftl";
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private RegistrationTokenMailer() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user, String token, long expiresAt,
            String portalUrl) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("token", token);
        attributes.put("expiresAt", EXPIRY.format(Instant.ofEpochSecond(expiresAt)));
        attributes.put("portalUrl", portalUrl);
        attributes.put("username", user.getUsername());
        // Issued by an admin or a background job: the mail follows the user's locale, not the admin's browser.
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(user)
                .send(SUBJECT_KEY, List.of(realmName), TEMPLATE, attributes);
    }
}
