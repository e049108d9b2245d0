package org.hpcmfa.keycloak.registrationtoken.signedin;

import org.hpcmfa.keycloak.common.rest.RealmResourceMount;

/** Mounts {@link SignedInPage} at {@code /realms/{realm}/hpc-signed-in}. */
public class SignedInPageProviderFactory extends RealmResourceMount {

    public static final String ID = "hpc-signed-in";

    public SignedInPageProviderFactory() {
        super(ID, SignedInPage::new);
    }
}
