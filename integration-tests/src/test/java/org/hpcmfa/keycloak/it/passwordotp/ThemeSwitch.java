package org.hpcmfa.keycloak.it.passwordotp;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/** Realm settings → Themes → Login theme, and Login → Remember me. */
final class ThemeSwitch {

    private ThemeSwitch() {
    }

    static void loginTheme(RealmResource realm, String theme, boolean rememberMe) {
        RealmRepresentation rep = realm.toRepresentation();
        rep.setLoginTheme(theme);
        rep.setRememberMe(rememberMe);
        realm.update(rep);
    }
}
