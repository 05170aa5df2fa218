package io.trunkline.ejb.workflow.domain;

import java.util.Set;

/**
 * What a caller's roles allow on a workflow of a process, by the process id's context ({@code <context>.<Name>}):
 * compliance and admin act on every workflow; ops reads every workflow; analysts read SLA claims only, so nothing
 * of porting (subscribers' data) or failover tests (operational plans).
 */
public enum ProcessAccess {
    NONE, READ, ACT;

    public static ProcessAccess of(String processId, Set<String> roles) {
        if (roles.contains("compliance") || roles.contains("admin")) {
            return ACT;
        }
        if (roles.contains("ops")) {
            return READ;
        }
        return roles.contains("analyst") && processId != null && processId.startsWith("sla.") ? READ : NONE;
    }

    public boolean reads() {
        return this != NONE;
    }

    public boolean acts() {
        return this == ACT;
    }
}
