package org.hpcmfa.keycloak.common.compat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import org.keycloak.common.ClientConnection;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

import jakarta.ws.rs.core.UriInfo;

/**
 * Reports a login outcome to Keycloak's brute-force detector, on every Keycloak 26 minor the pack supports.
 *
 * <p>Keycloak 26.6 added the authentication category to {@link BruteForceProtector#failedLogin} and
 * {@code successfulLogin} (a fifth parameter, {@code String}; the realm's brute-force settings may count only some
 * categories) and removed the four-parameter methods; 26.7 made that parameter a {@code Set<String>}. The pack is
 * compiled against 26.5.6, so a direct call would end in {@code NoSuchMethodError} on 26.6 and later. This class
 * asks the detector which of the three shapes it has (the capability, not a version string) and calls that one;
 * the category is the reference category of the authenticator whose factor was checked ({@code otp},
 * {@code hpc-push}, ...), as Keycloak's own flows pass it.
 */
public final class BruteForceReports {

    private static final List<Class<?>> WITH_CATEGORIES = List.of(
            RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class, Set.class);
    private static final List<Class<?>> WITH_ONE_CATEGORY = List.of(
            RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class, String.class);
    private static final List<Class<?>> WITHOUT_CATEGORIES = List.of(
            RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class);

    private BruteForceReports() {
    }

    /** A wrong answer: counted towards the user's lockout. */
    public static void failedLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String category) {
        report("failedLogin", protector, realm, user, connection, uri, category);
    }

    /** A right answer: resets the user's count of failures. */
    public static void successfulLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String category) {
        report("successfulLogin", protector, realm, user, connection, uri, category);
    }

    /** Whether this detector takes authentication categories (Keycloak 26.6 and later). */
    public static boolean takesCategories(BruteForceProtector protector) {
        return find(protector, "failedLogin", WITH_CATEGORIES) != null
                || find(protector, "failedLogin", WITH_ONE_CATEGORY) != null;
    }

    private static void report(String name, BruteForceProtector protector, RealmModel realm, UserModel user,
            ClientConnection connection, UriInfo uri, String category) {
        Method withCategories = find(protector, name, WITH_CATEGORIES);
        if (withCategories != null) {
            invoke(withCategories, protector, realm, user, connection, uri,
                    category == null ? null : Set.of(category));
            return;
        }
        Method withOneCategory = find(protector, name, WITH_ONE_CATEGORY);
        if (withOneCategory != null) {
            invoke(withOneCategory, protector, realm, user, connection, uri, category);
            return;
        }
        Method without = find(protector, name, WITHOUT_CATEGORIES);
        if (without == null) {
            throw new IllegalStateException("This Keycloak's brute-force detector has no " + name
                    + " method the pack knows; check the pack's compatibility table.");
        }
        invoke(without, protector, realm, user, connection, uri);
    }

    /** The SPI interface as this Keycloak has it first; then the detector's own class (a provider of its own). */
    private static Method find(BruteForceProtector protector, String name, List<Class<?>> parameterTypes) {
        Class<?>[] parameters = parameterTypes.toArray(new Class<?>[0]);
        for (Class<?> type : new Class<?>[] {BruteForceProtector.class, protector.getClass()}) {
            try {
                return type.getMethod(name, parameters);
            } catch (NoSuchMethodException absent) {
                // try the next place
            }
        }
        return null;
    }

    private static void invoke(Method method, Object target, Object... arguments) {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException inaccessible) {
            throw new IllegalStateException("Cannot call " + method.getName() + " of the brute-force detector",
                    inaccessible);
        }
    }
}
