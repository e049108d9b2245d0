package org.hpcmfa.keycloak.allowlist.admin;

import org.hpcmfa.keycloak.common.rest.AdminResourceMount;

/** Mounts {@link LoginAddressesAdminResource} at {@code /admin/realms/{realm}/login-addresses}. */
public class LoginAddressesAdminResourceProviderFactory extends AdminResourceMount {

    public static final String ID = "login-addresses";

    public LoginAddressesAdminResourceProviderFactory() {
        super(ID, LoginAddressesAdminResource::new);
    }
}
