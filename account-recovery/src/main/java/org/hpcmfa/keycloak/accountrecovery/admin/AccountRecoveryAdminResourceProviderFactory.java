package org.hpcmfa.keycloak.accountrecovery.admin;

import org.hpcmfa.keycloak.common.rest.AdminResourceMount;

/** Mounts {@link AccountRecoveryAdminResource} at {@code /admin/realms/{realm}/account-recovery}. */
public class AccountRecoveryAdminResourceProviderFactory extends AdminResourceMount {

    public static final String ID = "account-recovery";

    public AccountRecoveryAdminResourceProviderFactory() {
        super(ID, AccountRecoveryAdminResource::new);
    }
}
