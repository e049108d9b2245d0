package org.hpcmfa.keycloak.it.prerequisites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** A developer's machine skips what it lacks and says so; CI and root fail instead of skipping. */
class PrerequisitesConditionTest {

    @Needs(Prerequisite.CHROMIUM)
    abstract static class Journey {
    }

    @Needs({Prerequisite.OPENSSH_SERVER, Prerequisite.PYTHON3})
    static final class SshJourney extends Journey {
    }

    @Test
    void aClassNeedsWhatItAndItsSuperclassesDeclare() {
        assertEquals(List.of(Prerequisite.OPENSSH_SERVER, Prerequisite.PYTHON3, Prerequisite.CHROMIUM),
                PrerequisitesCondition.needs(SshJourney.class));
        assertEquals(List.of(), PrerequisitesCondition.needs(PrerequisitesConditionTest.class));
    }

    @Test
    void aDeveloperMachineSkipsAndNamesThePackages() {
        ConditionEvaluationResult result = PrerequisitesCondition.decide("SshJourney",
                List.of(Prerequisite.OPENSSH_SERVER, Prerequisite.CHROMIUM), false);
        assertTrue(result.isDisabled());
        assertEquals("needs openssh-server, chromium chromium-driver (run everything with sudo .ci/run)",
                result.getReason().orElseThrow());
        assertFalse(PrerequisitesCondition.decide("SshJourney", List.of(), false).isDisabled());
        assertFalse(PrerequisitesCondition.decide("SshJourney", List.of(), true).isDisabled());
    }

    @Test
    void ciAndRootFailInsteadOfSkipping() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PrerequisitesCondition.decide("ClusterIT", List.of(Prerequisite.ROOT, Prerequisite.POSTGRESQL), true));
        assertTrue(failure.getMessage().startsWith("ClusterIT needs root, postgresql, which this machine lacks"),
                failure.getMessage());
    }

    @Test
    void theSummaryIsOneLineNamingEverySkippedClassByWhatItLacks() {
        assertNull(SkippedPrerequisites.summary(), "nothing skipped in this JVM yet");
        SkippedPrerequisites.record("VscJourneyIT", List.of(Prerequisite.OPENSSH_SERVER, Prerequisite.CHROMIUM));
        SkippedPrerequisites.record("CismJourneyIT", List.of(Prerequisite.CHROMIUM));
        SkippedPrerequisites.record("MilaDayToDayJourneyIT", List.of(Prerequisite.CHROMIUM));
        try {
            assertEquals("SKIPPED 3 test classes that need root or Debian packages this machine lacks ("
                    + "need chromium chromium-driver: CismJourneyIT MilaDayToDayJourneyIT; "
                    + "need openssh-server, chromium chromium-driver: VscJourneyIT). "
                    + "Run them all as CI does: sudo .ci/run", SkippedPrerequisites.summary());
        } finally {
            SkippedPrerequisites.clear();
        }
    }

    @Test
    void theChecksSeeThisMachine() {
        assertTrue(Prerequisite.onPath("sh"), "sh is on every PATH");
        assertFalse(Prerequisite.onPath("no-such-program-hpc-mfa"));
        assertEquals("root".equals(System.getProperty("user.name")), Prerequisite.ROOT.present());
    }
}
