package org.hpcmfa.keycloak.common.factors;

import java.util.List;

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
        this.label = label == null || label.isBlank() ? null : label.trim();
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
