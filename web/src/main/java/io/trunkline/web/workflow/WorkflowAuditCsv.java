package io.trunkline.web.workflow;

import io.trunkline.ejb.workflow.api.WorkflowEvent;
import java.util.List;

/**
 * A workflow's audit trail as CSV (RFC 4180: comma-separated, CRLF line ends, a field holding a comma, quote or
 * line break quoted with its quotes doubled), for a spreadsheet. A cell starting with {@code = + - @} is prefixed
 * with {@code '} so a spreadsheet shows it rather than running it (OWASP, CSV injection).
 */
final class WorkflowAuditCsv {

    static final String HEADER = "seq,at,actor,kind,node,nodeType,nodeInstanceId,taskId,task,variable,oldValue,newValue,detail";
    private static final String CRLF = "\r\n";

    private WorkflowAuditCsv() {
    }

    static String csv(List<WorkflowEvent> events) {
        StringBuilder b = new StringBuilder(HEADER).append(CRLF);
        for (WorkflowEvent e : events) {
            Object[] cells = {e.seq(), e.at(), e.actor(), e.kind(), e.node(), e.nodeType(), e.nodeInstanceId(), e.taskId(),
                    e.task(), e.variable(), e.oldValue(), e.newValue(), e.detail()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(cell(cells[i]));
            }
            b.append(CRLF);
        }
        return b.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (value instanceof String && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
