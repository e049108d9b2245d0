package org.hpcmfa.keycloak.common.enrolment;

import java.net.URI;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.services.Urls;

/**
 * Where pages send a person to manage their factors: the "Portal URL" of the required action "Enrol a second
 * factor" (Authentication, Required actions, gear icon), else the realm's Account Console. One setting for the
 * realm: the enrolment's done page, the registration mail and the "Disable two-factor login" done page all read it.
 */
public final class PortalUrl {

    /** The required action whose configuration holds the setting (registration-token module). */
    public static final String ENROL_ACTION_ID = "hpc-enrol-second-factor";
    public static final String KEY = "portal-url";

    private PortalUrl() {
    }

    /** The configured portal, or null when the realm configured none. */
    public static String configured(RealmModel realm) {
        RequiredActionConfigModel model = realm == null ? null : realm.getRequiredActionConfigByAlias(ENROL_ACTION_ID);
        String url = model == null || model.getConfig() == null ? null : model.getConfig().get(KEY);
        return url == null || url.isBlank() ? null : url.trim();
    }

    /** The configured portal, else the Account Console at {@code baseUri}. */
    public static String of(RealmModel realm, URI baseUri) {
        String url = configured(realm);
        return url != null ? url : accountConsole(realm, baseUri);
    }

    /** The realm's Account Console at {@code baseUri}: the portal when none is configured. */
    public static String accountConsole(RealmModel realm, URI baseUri) {
        return Urls.accountBase(baseUri).build(realm.getName()).toString();
    }
}
