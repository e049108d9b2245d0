package org.hpcmfa.keycloak.registrationtoken.enrol;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * Runs another required action (Keycloak's TOTP setup, its recovery codes, the push module's enrolment) as
 * one step of ours: its pages post back to our action, and its {@code success()} is caught, so the user stays
 * inside "Enrol your second factor" until every step is done and can never leave half enrolled.
 */
final class DelegatedAction {

    private DelegatedAction() {
    }

    /** Lets {@code delegate} process the posted form; true when it finished its job. */
    static boolean process(RequiredActionProvider delegate, RequiredActionContext context) {
        AtomicBoolean finished = new AtomicBoolean();
        RequiredActionContext view = (RequiredActionContext) Proxy.newProxyInstance(
                DelegatedAction.class.getClassLoader(), new Class<?>[] {RequiredActionContext.class},
                (proxy, method, args) -> {
                    if ("success".equals(method.getName()) && (args == null || args.length == 0)) {
                        finished.set(true);
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        delegate.processAction(view);
        return finished.get();
    }
}
