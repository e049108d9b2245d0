package org.hpcmfa.keycloak.common.factors;

import java.util.List;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.credential.CredentialModel;

/**
 * One second factor as the pages list it: its type (the page names it in the user's language) and the label the
 * user gave it. A JavaBean, so every FreeMarker version reads it.
 */
public final class FactorView {

    private final String type;
    private final String label;

    FactorView(String type, String label) {
        this.type = type;
        // Keycloak labels recovery codes itself with its default name ("Recovery codes", in the language of the
        // page that made them): not a name the person gave, and the page already names the type.
        boolean named = label != null && !label.isBlank() && !CredentialTypes.RECOVERY_CODES.equals(type);
        this.label = named ? label.trim() : null;
    }

    public static List<FactorView> of(List<CredentialModel> credentials) {
        return credentials.stream().map(c -> new FactorView(c.getType(), c.getUserLabel())).toList();
    }

    public String getType() {
        return type;
    }

    /** The user's label, or null when the factor has none. */
    public String getLabel() {
        return label;
    }
}
