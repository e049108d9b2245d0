package org.hpcmfa.keycloak.push.api;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link PushApiResource} at {@code /realms/{realm}/pipush}. */
public class PushApiResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "pipush";

    public PushApiResourceProviderFactory() {
        super(ID, PushApiResource::new);
    }
}
