package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The mail of {@code mfa rm}: the token to paste, how long it works, the factors it removes, what to do if not you. */
final class RemovalMailer {

    static final String TEMPLATE = "hpc-mfa-removal-token.ftl";
    static final String SUBJECT = "account-recovery.removalMailSubject";

    private RemovalMailer() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user, String token, int minutes,
            String factors) throws EmailException {
        Map<String, Object> attributes = new HashMap<>(); // mutable: the email provider adds its own
        attributes.put("token", token);
        attributes.put("tokenValidityMinutes", minutes);
        attributes.put("username", user.getUsername());
        attributes.put("factors", factors);
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        attributes.put("realmName", realmName);
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send(SUBJECT, List.of(realmName), TEMPLATE, attributes);
    }
}
