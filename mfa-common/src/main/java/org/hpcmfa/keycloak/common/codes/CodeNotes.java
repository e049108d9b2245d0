package org.hpcmfa.keycloak.common.codes;

import java.util.Map;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where a pending code's state lives: a browser login's authentication-session notes, or the notes a terminal login
 * or a terminal set-up carries in Keycloak's single-use store. Never a field of a node.
 */
public interface CodeNotes {

    String get(String name);

    void set(String name, String value);

    void remove(String name);

    static CodeNotes of(AuthenticationSessionModel authSession) {
        return new CodeNotes() {
            @Override
            public String get(String name) {
                return authSession.getAuthNote(name);
            }

            @Override
            public void set(String name, String value) {
                authSession.setAuthNote(name, value);
            }

            @Override
            public void remove(String name) {
                authSession.removeAuthNote(name);
            }
        };
    }

    static CodeNotes of(Map<String, String> notes) {
        return new CodeNotes() {
            @Override
            public String get(String name) {
                return notes.get(name);
            }

            @Override
            public void set(String name, String value) {
                notes.put(name, value);
            }

            @Override
            public void remove(String name) {
                notes.remove(name);
            }
        };
    }
}
