package org.hpcmfa.keycloak.sshcert.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;

/**
 * The principals (login names) a certificate may carry. They come from the server: the username, a user
 * attribute, group mappings (a service account: its principals attribute only). A request can narrow them, never widen them, and never leave none.
 */
public final class Principals {

    private static final Logger LOG = Logger.getLogger(Principals.class);

    /** Unix-like login names: no commas, whitespace or control characters that could smuggle a second name. */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@+-][A-Za-z0-9._@+$-]{0,254}");

    private Principals() {
    }

    public static List<String> granted(UserModel user, SshCertPolicy policy) {
        Set<String> names = new LinkedHashSet<>();
        if (policy.usernamePrincipal()) {
            names.add(user.getUsername());
        }
        if (policy.principalsAttribute() != null) {
            user.getAttributeStream(policy.principalsAttribute()).forEach(names::add);
        }
        if (!policy.groupPrincipals().isEmpty()) {
            user.getGroupsStream().forEach(group -> {
                List<String> mapped = policy.groupPrincipals().get(ModelToRepresentation.buildGroupPath(group));
                if (mapped != null) {
                    names.addAll(mapped);
                }
            });
        }
        return validNames(names, user);
    }

    /**
     * A service account's principals: only the values of its principals attribute, never its username (the
     * generated "service-account-..." is nobody's login name) nor group mappings, so an admin grants each one.
     */
    public static List<String> ofServiceAccount(UserModel serviceAccount, ServiceAccountPolicy policy) {
        Set<String> names = new LinkedHashSet<>();
        serviceAccount.getAttributeStream(policy.principalsAttribute()).forEach(names::add);
        return validNames(names, serviceAccount);
    }

    private static List<String> validNames(Set<String> names, UserModel user) {
        List<String> valid = new ArrayList<>();
        for (String name : names) {
            if (name != null && VALID.matcher(name).matches()) {
                valid.add(name);
            } else {
                LOG.warnf("Ignoring principal of user %s that is not a valid login name", user.getId());
            }
        }
        return valid;
    }

    /** The requested subset of {@code granted}; all of {@code granted} when nothing is requested. */
    public static List<String> narrow(List<String> granted, List<String> requested) throws SignRefusal {
        if (granted.isEmpty()) {
            throw SignRefusal.forbidden("no_principals", "Your account has no login name for SSH; ask IT support.");
        }
        if (requested == null || requested.isEmpty()) {
            return granted;
        }
        List<String> result = new ArrayList<>();
        for (String name : requested) {
            if (name == null || !VALID.matcher(name).matches()) {
                throw SignRefusal.badRequest("invalid_principal",
                        "Principals are login names without commas, spaces or control characters.");
            }
            if (!granted.contains(name)) {
                throw SignRefusal.forbidden("principal_not_allowed", "You may not log in as '" + name + "'.");
            }
            if (!result.contains(name)) {
                result.add(name);
            }
        }
        return result;
    }

    /** Extensions for the user: the realm's, plus those of the user's groups, known names only. */
    public static List<String> extensions(UserModel user, SshCertPolicy policy) {
        Set<String> granted = new LinkedHashSet<>(policy.extensions());
        Map<String, List<String>> byGroup = policy.groupExtensions();
        if (!byGroup.isEmpty()) {
            user.getGroupsStream().forEach(group -> {
                List<String> extra = byGroup.get(ModelToRepresentation.buildGroupPath(group));
                if (extra != null) {
                    granted.addAll(extra);
                }
            });
        }
        granted.retainAll(SshCertPolicy.KNOWN_EXTENSIONS);
        return new ArrayList<>(granted);
    }
}
