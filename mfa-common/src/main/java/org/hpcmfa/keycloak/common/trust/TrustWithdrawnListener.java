package org.hpcmfa.keycloak.common.trust;

import org.keycloak.provider.Provider;

/**
 * Takes back what a person obtained while trusted (e.g. ssh-cert-endpoint revokes the person's unexpired
 * certificates). Called inside the transaction that withdrew the trust, so both are committed together or not
 * at all; an exception fails that transaction. Must be idempotent: several triggers may fire in one request.
 */
public interface TrustWithdrawnListener extends Provider {

    void trustWithdrawn(TrustWithdrawal withdrawal);

    /**
     * As {@link #trustWithdrawn}, and how many things it took back (e.g. certificates revoked), for an answer that
     * reports it (the terminal {@code mfa rm}); 0 when the listener cannot tell.
     */
    default int takeBack(TrustWithdrawal withdrawal) {
        trustWithdrawn(withdrawal);
        return 0;
    }

    @Override
    default void close() {
    }
}
