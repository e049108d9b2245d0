package org.hpcmfa.keycloak.registrationtoken.admin;

import org.hpcmfa.keycloak.common.rest.AdminResourceMount;

/** Mounts {@link RegistrationTokenAdminResource} at {@code /admin/realms/{realm}/registration-tokens}. */
public class RegistrationTokenAdminResourceProviderFactory extends AdminResourceMount {

    public static final String ID = "registration-tokens";

    public RegistrationTokenAdminResourceProviderFactory() {
        super(ID, RegistrationTokenAdminResource::new);
    }
}
