package org.hpcmfa.keycloak.accountrecovery.disable;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.keycloak.credential.CredentialModel;

/**
 * What pressing "Disable two-factor login" removes: the second factors the link is bound to that still exist.
 * Factors enrolled after the mail was sent are kept, and shown as kept: the person changed their mind, or someone
 * else did, and a link must never take away more than the page that requested it showed.
 */
record FactorPlan(List<CredentialModel> remove, List<CredentialModel> keep) {

    static FactorPlan of(List<CredentialModel> current, Collection<String> boundIds) {
        Set<String> bound = Set.copyOf(boundIds);
        return new FactorPlan(
                current.stream().filter(c -> bound.contains(c.getId())).toList(),
                current.stream().filter(c -> !bound.contains(c.getId())).toList());
    }

    boolean nothingToRemove() {
        return remove.isEmpty();
    }
}
