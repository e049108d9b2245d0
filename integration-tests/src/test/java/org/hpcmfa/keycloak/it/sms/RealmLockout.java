package org.hpcmfa.keycloak.it.sms;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/** The realm's brute-force settings as these tests need them. */
final class RealmLockout {

    private RealmLockout() {
    }

    /** Lock out after {@code failures} wrong answers; quick retries are not treated as a robot (tests type fast). */
    static void failureFactor(RealmResource realm, int failures) {
        RealmRepresentation rep = realm.toRepresentation();
        rep.setFailureFactor(failures);
        rep.setQuickLoginCheckMilliSeconds(1L);
        realm.update(rep);
    }
}
