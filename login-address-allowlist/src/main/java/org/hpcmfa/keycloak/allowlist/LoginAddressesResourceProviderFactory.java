package org.hpcmfa.keycloak.allowlist;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link LoginAddressesResource} at {@code /realms/{realm}/login-addresses}. */
public class LoginAddressesResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "login-addresses";

    public LoginAddressesResourceProviderFactory() {
        super(ID, LoginAddressesResource::new);
    }
}
