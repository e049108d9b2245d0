package org.hpcmfa.keycloak.common.console;

import org.keycloak.provider.ProviderConfigProperty;

/** Fields of the pack's admin-console forms that the builder cannot express. */
public final class ConsoleForm {

    private ConsoleForm() {
    }

    /**
     * A text area the provider fills (a result, a listing). Marked read-only for API clients; the 26.5 console
     * still renders it editable, and whatever is typed there is overwritten on the next save.
     */
    public static ProviderConfigProperty output(String name, String label, String helpText) {
        ProviderConfigProperty property = new ProviderConfigProperty(name, label, helpText,
                ProviderConfigProperty.TEXT_TYPE, null);
        property.setReadOnly(true);
        return property;
    }
}
