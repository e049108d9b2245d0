package org.hpcmfa.keycloak.sshcert.rest;

import org.hpcmfa.keycloak.common.rest.AdminResourceMount;

/** Mounts {@link SshCaAdminResource} at {@code /admin/realms/{realm}/ssh-ca}. */
public class SshCaAdminResourceProviderFactory extends AdminResourceMount {

    public SshCaAdminResourceProviderFactory() {
        super(SshCaResourceProviderFactory.ID, SshCaAdminResource::new);
    }
}
