package org.hpcmfa.keycloak.sshcert.policy;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Whether people can set a user attribute on themselves (Account Console, account REST API, update-profile page)
 * under the realm's user profile: a declared attribute whose edit permission includes "user", or any undeclared
 * attribute when the realm lets users edit unmanaged attributes. A principals attribute like that would let anyone
 * add {@code root} to their own certificate.
 */
public final class SelfEditableAttribute {

    private static final Logger LOG = Logger.getLogger(SelfEditableAttribute.class);

    private SelfEditableAttribute() {
    }

    /** Judged for the realm of the session's context. */
    public static boolean editableByUser(KeycloakSession session, String attribute) {
        UserProfileProvider profile = session.getProvider(UserProfileProvider.class);
        if (attribute == null || profile == null) {
            return false;
        }
        UPConfig config = profile.getConfiguration();
        UPAttribute declared = config.getAttribute(attribute);
        if (declared != null) {
            UPAttributePermissions permissions = declared.getPermissions();
            return permissions != null && permissions.getEdit() != null && permissions.getEdit().contains("user");
        }
        return config.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
    }

    /** Refuses to issue while the principals attribute is editable by users: the refusal names it and the fix. */
    public static void refuseIfEditable(KeycloakSession session, String attribute) throws SignRefusal {
        if (attribute != null && editableByUser(session, attribute)) {
            LOG.warnf("Refusing SSH certificates: the principals attribute '%s' is editable by users themselves",
                    attribute);
            throw refusal(attribute);
        }
    }

    static SignRefusal refusal(String attribute) {
        return SignRefusal.forbidden("principals_attribute_editable", "The CA takes principals from the user "
                + "attribute '" + attribute + "', which users can edit themselves (Realm settings, User profile), "
                + "so no certificate is issued: an admin must make the attribute editable by admins only.");
    }
}
