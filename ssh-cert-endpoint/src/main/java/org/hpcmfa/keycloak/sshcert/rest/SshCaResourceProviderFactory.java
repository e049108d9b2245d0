package org.hpcmfa.keycloak.sshcert.rest;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link SshCaResource} at {@code /realms/{realm}/ssh-ca}. */
public class SshCaResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "ssh-ca";

    public SshCaResourceProviderFactory() {
        super(ID, SshCaResource::new);
    }
}
