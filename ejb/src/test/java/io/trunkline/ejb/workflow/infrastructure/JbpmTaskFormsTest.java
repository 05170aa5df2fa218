package io.trunkline.ejb.workflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.ejb.workflow.api.FormField;
import io.trunkline.ejb.workflow.domain.TaskForm;
import io.trunkline.processes.failover.FailoverTestProcess;
import io.trunkline.processes.porting.NumberPortProcess;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.utils.KieHelper;

class JbpmTaskFormsTest {

    private static final KieBase KIE_BASE = new KieHelper()
            .addResource(ResourceFactory.newClassPathResource(FailoverTestProcess.RESOURCE), ResourceType.BPMN2)
            .addResource(ResourceFactory.newClassPathResource(NumberPortProcess.RESOURCE), ResourceType.BPMN2).build();

    @Test
    void formTypesGiveAPortsOutputsTheirKinds() {
        assertThat(JbpmTaskForms.of(KIE_BASE, NumberPortProcess.PROCESS_ID, "SignLetterOfAuthorization", null).fields())
                .containsExactly(new FormField("signatory", "String", true),
                        new FormField("signedLoaDocument", TaskForm.DOCUMENT, true));
        assertThat(JbpmTaskForms.of(KIE_BASE, NumberPortProcess.PROCESS_ID, "RecordFirmOrderCommitment", null).fields())
                .containsExactly(new FormField("carrierReference", "String", false),
                        new FormField("focAt", TaskForm.DATETIME, true));
        assertThat(JbpmTaskForms.all(KIE_BASE.getProcess(NumberPortProcess.PROCESS_ID))).hasSize(3);
    }

    @Test
    void theEvidenceFormIsReadFromTheBpmnOutputs() {
        TaskForm form = JbpmTaskForms.of(KIE_BASE, FailoverTestProcess.PROCESS_ID, "RecordFailoverTestEvidence", null);
        assertThat(form.fields()).containsExactly(
                new FormField("failoverSeconds", "Integer", true),
                new FormField("notes", "String", false),
                new FormField("outcome", "String", true));
    }

    @Test
    void theTaskIsFoundByItsNameWhenTheFormNameIsUnknown() {
        TaskForm form = JbpmTaskForms.of(KIE_BASE, FailoverTestProcess.PROCESS_ID, null, FailoverTestProcess.EVIDENCE_TASK);
        assertThat(form.fields()).extracting(FormField::name).containsExactly("failoverSeconds", "notes", "outcome");
    }

    @Test
    void theApprovalFormIsEmpty() {
        assertThat(JbpmTaskForms.of(KIE_BASE, FailoverTestProcess.PROCESS_ID, "ApproveFailoverTestPlan", null).fields()).isEmpty();
        assertThat(JbpmTaskForms.all(KIE_BASE.getProcess(FailoverTestProcess.PROCESS_ID))).hasSize(2);
    }

    @Test
    void typeNamesAreAcceptedShortOrQualified() {
        assertThat(JbpmTaskForms.simple("java.lang.Integer")).isEqualTo("Integer");
        assertThat(JbpmTaskForms.simple("java.math.BigDecimal")).isEqualTo("BigDecimal");
        assertThat(JbpmTaskForms.simple("String")).isEqualTo("String");
    }
}
