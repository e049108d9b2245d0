package org.hpcmfa.keycloak.common.terminal;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One terminal login as a factor sees it. {@code notes} travel with the login's handle in Keycloak's cluster-wide
 * single-use store (so start and finish may reach different nodes); a factor keeps its own notes under its
 * {@link #note} names. {@code config} is the factor's execution config in the terminal flow, or null.
 */
public record TerminalLogin(KeycloakSession session, RealmModel realm, UserModel user, String remoteAddress,
        AuthenticatorConfigModel config, Map<String, String> notes) {

    public String note(TerminalFactor factor, String name) {
        return notes.get(key(factor, name));
    }

    public void note(TerminalFactor factor, String name, String value) {
        notes.put(key(factor, name), value);
    }

    private static String key(TerminalFactor factor, String name) {
        return factor.authenticatorId() + "." + name;
    }
}
