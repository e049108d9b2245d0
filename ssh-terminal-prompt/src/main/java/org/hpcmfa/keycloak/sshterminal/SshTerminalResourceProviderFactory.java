package org.hpcmfa.keycloak.sshterminal;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link SshTerminalResource} at {@code /realms/{realm}/ssh-terminal}. */
public class SshTerminalResourceProviderFactory extends RealmResourceMount {

    public static final String ID = "ssh-terminal";
    /** Terminal logins whose Enter came before the phone's approval, waiting at once on one node. */
    static final int MAX_WAITING = 8;

    public SshTerminalResourceProviderFactory() {
        super(ID, MAX_WAITING, SshTerminalResource::new);
    }
}
