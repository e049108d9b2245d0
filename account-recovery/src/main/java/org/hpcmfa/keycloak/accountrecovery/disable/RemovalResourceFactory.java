package org.hpcmfa.keycloak.accountrecovery.disable;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link RemovalResource} at {@code /realms/{realm}/hpc-mfa-removal}. */
public class RemovalResourceFactory extends RealmResourceMount {

    public static final String ID = "hpc-mfa-removal";

    public RemovalResourceFactory() {
        super(ID, RemovalResource::new);
    }
}
