package io.trunkline.ejb.calls.infrastructure;

import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a call search, shaped so that PostgreSQL answers it from the indexes of V21 without reading every
 * match: plain filters (period, PBX, outcome, cursor) as one WHERE; an OR over indexed columns (a number's four
 * columns and forms; a carrier as origin or attempt target) as UNION branches each ordered and limited on its own.
 * Written for PostgreSQL and H2 alike.
 */
final class CallSearchSql {

    /** The summary's columns, in the order {@link JdbcCallSearch} reads them. */
    static final String COLUMNS = "r.call_id, r.started_at, r.node_id, r.direction, r.origin, r.pbx_id, r.calling_dialed, "
            + "r.calling_normalized, r.called_dialed, r.called_normalized, r.call_class, r.decision_source, r.carrier_id, "
            + "r.attempts, r.answered_at, r.ended_at, r.duration_ms, r.release_code, r.released_by";
    /** The number columns a number is looked for in, each with its index (column, started_at). */
    static final List<String> NUMBER_COLUMNS = List.of("called_normalized", "calling_normalized", "called_dialed",
            "calling_dialed");
    private static final String NEWEST_FIRST = " ORDER BY started_at DESC, call_id DESC";
    private static final String ATTEMPT_ON = "EXISTS (SELECT 1 FROM call_attempt a WHERE a.call_id = r.call_id "
            + "AND a.started_at = r.started_at AND a.target = ?)";

    record Statement(String sql, List<Object> args) {
    }

    /** One condition and its arguments. */
    private record Part(String sql, List<Object> args) {
    }

    private CallSearchSql() {
    }

    /** The first {@code rows} calls after the query's cursor, newest first. */
    static Statement page(Query q, int rows) {
        List<Part> common = common(q, true);
        List<Part> branches = branches(q);
        if (branches.isEmpty()) {
            Part where = and(common);
            List<Object> args = new ArrayList<>(where.args());
            args.add(rows);
            return new Statement("SELECT " + COLUMNS + " FROM call_record r WHERE " + where.sql()
                    + " ORDER BY r.started_at DESC, r.call_id DESC LIMIT ?", args);
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (");
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            List<Part> parts = new ArrayList<>(common);
            parts.add(branches.get(i));
            Part where = and(parts);
            sql.append(i == 0 ? "" : " UNION ").append("(SELECT ").append(COLUMNS).append(" FROM call_record r WHERE ")
                    .append(where.sql()).append(" ORDER BY r.started_at DESC, r.call_id DESC LIMIT ?)");
            args.addAll(where.args());
            args.add(rows);
        }
        sql.append(") u").append(NEWEST_FIRST).append(" LIMIT ?");
        args.add(rows);
        return new Statement(sql.toString(), args);
    }

    /** How many calls match, the cursor left aside, counted up to {@code cap} + 1 at most. */
    static Statement count(Query q, int cap) {
        List<Part> common = common(q, false);
        List<Part> branches = branches(q);
        List<Object> args = new ArrayList<>();
        if (branches.isEmpty()) {
            Part where = and(common);
            args.addAll(where.args());
            args.add(cap + 1);
            return new Statement("SELECT count(*) FROM (SELECT 1 AS one FROM call_record r WHERE " + where.sql()
                    + " LIMIT ?) c", args);
        }
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (");
        for (int i = 0; i < branches.size(); i++) {
            List<Part> parts = new ArrayList<>(common);
            parts.add(branches.get(i));
            Part where = and(parts);
            sql.append(i == 0 ? "" : " UNION ").append("(SELECT r.call_id, r.started_at FROM call_record r WHERE ")
                    .append(where.sql()).append(" LIMIT ?)");
            args.addAll(where.args());
            args.add(cap + 1);
        }
        return new Statement(sql.append(") c").toString(), args);
    }

    /** The conditions every branch has: period, PBX, outcome, the carrier when numbers branch, the cursor. */
    private static List<Part> common(Query q, boolean withCursor) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("r.started_at >= ? AND r.started_at < ?", List.of(q.from(), q.to())));
        if (q.pbx() != null) {
            parts.add(new Part("r.pbx_id = ?", List.of(q.pbx().value())));
        }
        if (q.outcome() != null) {
            parts.add(outcome(q.outcome()));
        }
        if (q.number() != null && q.carrier() != null) {
            String c = q.carrier().value();
            parts.add(new Part("(r.carrier_id = ? OR r.origin = ? OR " + ATTEMPT_ON + ")", List.of(c, c, c)));
        }
        if (withCursor && q.before() != null) {
            parts.add(new Part("(r.started_at < ? OR (r.started_at = ? AND r.call_id < ?))",
                    List.of(q.before().startedAt(), q.before().startedAt(), q.before().callId())));
        }
        return parts;
    }

    /**
     * The OR's branches: the number in each column and form; else the carrier as the call's origin (an inbound call
     * it brought) and as an attempt's target (which includes the carrier that carried the call); else none.
     */
    private static List<Part> branches(Query q) {
        List<Part> out = new ArrayList<>();
        if (q.number() != null) {
            for (String column : NUMBER_COLUMNS) {
                for (String form : q.number().forms()) {
                    out.add(new Part("r." + column + " = ?", List.of(form)));
                }
            }
        } else if (q.carrier() != null) {
            out.add(new Part("r.origin = ?", List.of(q.carrier().value())));
            out.add(new Part(ATTEMPT_ON, List.of(q.carrier().value())));
        }
        return out;
    }

    /** Literal conditions, so the planner can match the partial index of refused calls. */
    private static Part outcome(CallOutcome o) {
        if (o.kind() == null) {
            return new Part("r.release_code = ?", List.of(o.sipCode()));
        }
        String unanswered = "r.answered_at IS NULL AND r.attempts > 0 AND r.release_code ";
        return new Part(switch (o.kind()) {
            case ANSWERED -> "r.answered_at IS NOT NULL";
            case REFUSED -> "r.answered_at IS NULL AND r.attempts = 0";
            case BUSY -> unanswered + "IN (" + codes(CallOutcome.BUSY_CODES) + ")";
            case NO_ANSWER -> unanswered + "IN (" + codes(CallOutcome.NO_ANSWER_CODES) + ")";
            case FAILED -> unanswered + "NOT IN (" + codes(CallOutcome.BUSY_CODES) + ", "
                    + codes(CallOutcome.NO_ANSWER_CODES) + ")";
        }, List.of());
    }

    private static String codes(java.util.Set<Integer> codes) {
        return codes.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Part and(List<Part> parts) {
        List<Object> args = new ArrayList<>();
        parts.forEach(p -> args.addAll(p.args()));
        return new Part(parts.stream().map(Part::sql).collect(Collectors.joining(" AND ")), args);
    }
}
