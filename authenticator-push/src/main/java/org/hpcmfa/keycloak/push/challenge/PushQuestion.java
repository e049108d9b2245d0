package org.hpcmfa.keycloak.push.challenge;

import org.keycloak.models.ClientModel;

/**
 * The question the phone shows, from the admin's template: {@code {client}} becomes the name of the application
 * the login is for, {@code {client_ip}} the address the login comes from, {@code {username}} the user. Naming
 * the client and the address is what lets a person see that a request is not theirs.
 */
public final class PushQuestion {

    /** Long client names are cut: the app shows the question in a small dialog. */
    static final int MAX_CLIENT_NAME = 60;

    private PushQuestion() {
    }

    public static String render(String template, String username, ClientModel client, String clientIp) {
        return template.replace("{client}", clientName(client))
                .replace("{client_ip}", clientIp == null || clientIp.isBlank() ? "an unknown address" : clientIp)
                .replace("{username}", username);
    }

    /** The client's display name when it has a plain one, else its client ID. */
    static String clientName(ClientModel client) {
        if (client == null) {
            return "an unknown application";
        }
        String name = client.getName();
        // "${client_account}"-style names are message keys of the login theme, not names a person reads.
        String shown = name == null || name.isBlank() || name.contains("${") ? client.getClientId() : name.strip();
        return shown.length() <= MAX_CLIENT_NAME ? shown : shown.substring(0, MAX_CLIENT_NAME - 1).strip() + "…";
    }
}
