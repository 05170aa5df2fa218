package io.trunkline.ejb.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessAccessTest {

    @Test
    void complianceAndAdminActOnEveryWorkflow() {
        for (String p : new String[] {"porting.NumberPort", "sla.CreditClaim", "failover.FailoverTest"}) {
            assertThat(ProcessAccess.of(p, Set.of("compliance"))).isEqualTo(ProcessAccess.ACT);
            assertThat(ProcessAccess.of(p, Set.of("admin"))).isEqualTo(ProcessAccess.ACT);
        }
    }

    @Test
    void opsReadsEveryWorkflowAndActsOnNone() {
        assertThat(ProcessAccess.of("porting.NumberPort", Set.of("ops"))).isEqualTo(ProcessAccess.READ);
        assertThat(ProcessAccess.of("failover.FailoverTest", Set.of("ops"))).isEqualTo(ProcessAccess.READ);
        assertThat(ProcessAccess.of("failover.FailoverTest", Set.of("ops")).acts()).isFalse();
    }

    @Test
    void analystsReadSlaClaimsOnly() {
        assertThat(ProcessAccess.of("sla.CreditClaim", Set.of("analyst"))).isEqualTo(ProcessAccess.READ);
        assertThat(ProcessAccess.of("porting.NumberPort", Set.of("analyst"))).isEqualTo(ProcessAccess.NONE);
        assertThat(ProcessAccess.of("failover.FailoverTest", Set.of("analyst"))).isEqualTo(ProcessAccess.NONE);
        assertThat(ProcessAccess.of("slaX.Other", Set.of("analyst"))).isEqualTo(ProcessAccess.NONE);
    }

    @Test
    void noRoleNoAccess() {
        assertThat(ProcessAccess.of("sla.CreditClaim", Set.of())).isEqualTo(ProcessAccess.NONE);
        assertThat(ProcessAccess.of("sla.CreditClaim", Set.of("analyst", "compliance"))).isEqualTo(ProcessAccess.ACT);
    }
}
