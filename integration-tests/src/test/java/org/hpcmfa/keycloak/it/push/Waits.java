package org.hpcmfa.keycloak.it.push;

import java.util.function.BooleanSupplier;

/** Waits for something the page's own script or the server does in the background. */
final class Waits {

    private Waits() {
    }

    static boolean until(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException pageChangedUnderneath) {
                // the page was replaced while we looked; look again
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
