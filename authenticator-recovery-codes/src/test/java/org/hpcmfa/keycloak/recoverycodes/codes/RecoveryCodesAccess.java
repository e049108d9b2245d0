package org.hpcmfa.keycloak.recoverycodes.codes;

import org.keycloak.credential.CredentialModel;

/** Opens the stored set to tests of other packages. */
public final class RecoveryCodesAccess {

    private RecoveryCodesAccess() {
    }

    public static RecoveryCodeSet read(CredentialModel credential) {
        return RecoveryCodes.read(credential).orElseThrow();
    }
}
