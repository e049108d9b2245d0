package org.hpcmfa.keycloak.accountapi;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link AccountApiResource} at {@code /realms/{realm}/hpc-mfa-account}. */
public class AccountApiResourceFactory extends RealmResourceMount {

    public static final String ID = "hpc-mfa-account";

    public AccountApiResourceFactory() {
        super(ID, AccountApiResource::new);
    }
}
