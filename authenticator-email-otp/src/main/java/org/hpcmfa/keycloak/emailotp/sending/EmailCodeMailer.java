package org.hpcmfa.keycloak.emailotp.sending;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Renders the code mail through the realm's email theme, HTML and text parts in the user's locale. Templates
 * and messages come from the pack's themes jar (theme-resources), so any email theme can restyle them.
 */
public final class EmailCodeMailer {

    public static final String SUBJECT_KEY = "authenticator-email-otp.mailSubject";
    public static final String TEMPLATE = "hpc-email-otp-code.ftl";

    private EmailCodeMailer() {
    }

    public static void send(KeycloakSession session, RealmModel realm, UserModel user, String code, int ttlMinutes)
            throws EmailException {
        // The template provider may add its own attributes: the map must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("ttlMinutes", ttlMinutes);
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(user)
                .send(SUBJECT_KEY, List.of(realmName), TEMPLATE, attributes);
    }
}
