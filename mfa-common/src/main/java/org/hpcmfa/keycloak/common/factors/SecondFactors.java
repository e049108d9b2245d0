package org.hpcmfa.keycloak.common.factors;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/**
 * What "removing a user's second factors" takes away, for the admin's lost-phone reset and for the user's own
 * "Disable two-factor login": the permanent factors (TOTP, push phones, SMS phones, security keys, passkeys) and the recovery
 * codes that back them up. The password, the email address (and with it email codes, which store nothing) and
 * registration tokens stay. The same set decides when trust is withdrawn: a user left with none of it has lost
 * their last second factor (mfa-common's trust listener). Email codes store nothing and do not count.
 */
public final class SecondFactors {

    public static final Set<String> TYPES;

    static {
        Set<String> types = new TreeSet<>(PermanentFactors.TYPES);
        types.add(CredentialTypes.RECOVERY_CODES);
        TYPES = Set.copyOf(types);
    }

    private SecondFactors() {
    }

    /** The user's removable second factors, in the user's priority order (the order Keycloak stores them in). */
    public static List<CredentialModel> of(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .filter(c -> TYPES.contains(c.getType()))
                .toList();
    }

    /** Whether the user still has any second factor. */
    public static boolean hasAny(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().anyMatch(c -> TYPES.contains(c.getType()));
    }

    /** Removes every second factor of the user; returns what was removed. */
    public static List<CredentialModel> removeAll(UserModel user) {
        return remove(user, of(user).stream().map(CredentialModel::getId).toList());
    }

    /**
     * Removes those of {@code credentialIds} that are still second factors of this user (an id of another user,
     * of a password, or of a credential removed meanwhile is skipped); returns what was removed.
     */
    public static List<CredentialModel> remove(UserModel user, Collection<String> credentialIds) {
        List<CredentialModel> removable = of(user).stream().filter(c -> credentialIds.contains(c.getId())).toList();
        for (CredentialModel factor : removable) {
            user.credentialManager().removeStoredCredentialById(factor.getId());
        }
        return removable;
    }

    /** The types of {@code credentials}, sorted, each once: what events report. */
    public static String types(Collection<CredentialModel> credentials) {
        return String.join(",", new TreeSet<>(credentials.stream().map(CredentialModel::getType).toList()));
    }
}
