package org.hpcmfa.keycloak.sshcert.rest;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link SshCaResource} at {@code /realms/{realm}/ssh-ca}. */
public class SshCaResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "ssh-ca";
    /** Renewals waiting for a phone at once on one node; beyond, hpc-ssh-cert asks again. */
    static final int MAX_WAITING = 8;

    public SshCaResourceProviderFactory() {
        super(ID, MAX_WAITING, SshCaResource::new);
    }
}
