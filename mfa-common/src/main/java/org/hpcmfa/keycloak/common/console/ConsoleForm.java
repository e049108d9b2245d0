package org.hpcmfa.keycloak.common.console;

import org.keycloak.provider.ProviderConfigProperty;

/** Fields of the pack's admin-console forms that the builder cannot express. */
public final class ConsoleForm {

    private ConsoleForm() {
    }

    /** The type of {@link #pageParameter}: one the console has no editor for, so it renders nothing. */
    public static final String PAGE_PARAMETER_TYPE = "hpc-page-parameter";

    /**
     * A URL parameter of the console page the form is on ({@code id}, the user on a user's tab). The console adds
     * the page's parameters to every saved form, but Keycloak keeps on update only the keys a provider declares:
     * undeclared, the parameter would stay that of the page the form was first saved on. Declared with a type the
     * console has no editor for, it is not shown.
     */
    public static ProviderConfigProperty pageParameter(String name) {
        return new ProviderConfigProperty(name, name, null, PAGE_PARAMETER_TYPE, null);
    }

    /**
     * A key an earlier version showed on this form and that now has its own home: declared (so Keycloak keeps the
     * stored value when the form is saved, and the new home can still read it as a fallback) but not shown, with
     * the same editor-less type as {@link #pageParameter}.
     */
    public static ProviderConfigProperty retired(String name) {
        return new ProviderConfigProperty(name, name, null, PAGE_PARAMETER_TYPE, null);
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
