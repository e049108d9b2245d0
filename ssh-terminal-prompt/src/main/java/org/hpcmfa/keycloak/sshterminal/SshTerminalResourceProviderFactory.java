package org.hpcmfa.keycloak.sshterminal;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link SshTerminalResource} at {@code /realms/{realm}/ssh-terminal}. */
public class SshTerminalResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "ssh-terminal";

    public SshTerminalResourceProviderFactory() {
        super(ID, SshTerminalResource::new);
    }
}
