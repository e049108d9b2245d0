package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The confirmation mail: the link, how long it works, and what to do if the request was not the user's. */
final class DisableMfaMailer {

    static final String TEMPLATE = "hpc-disable-mfa.ftl";

    private DisableMfaMailer() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user, String link, int minutes)
            throws EmailException {
        // A mutable map: the email provider adds its own attributes to it.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("linkValidityMinutes", minutes);
        attributes.put("username", user.getUsername());
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        attributes.put("realmName", realmName);
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(user)
                .send(DisableMfaMessages.MAIL_SUBJECT, List.of(realmName), TEMPLATE, attributes);
    }
}
