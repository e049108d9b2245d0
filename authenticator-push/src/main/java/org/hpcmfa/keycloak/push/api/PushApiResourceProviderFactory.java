package org.hpcmfa.keycloak.push.api;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link PushApiResource} at {@code /realms/{realm}/pipush}. */
public class PushApiResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "pipush";
    /** Waiting login pages whose status check may wait at once on one node; beyond, they ask every 400 ms. */
    static final int MAX_WAITING = 16;

    public PushApiResourceProviderFactory() {
        super(ID, MAX_WAITING, PushApiResource::new);
    }
}
