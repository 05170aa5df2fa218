package io.trunkline.ejb.calls.infrastructure;

import io.trunkline.ejb.calls.api.CallOutcome;
import io.trunkline.ejb.calls.api.CallRecords.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a call search, shaped so that PostgreSQL answers it from the indexes of V21 and V22 without reading every
 * match: plain filters (period, PBX, outcome, carrier, cursor) as one WHERE, which PostgreSQL tests on the entries of
 * the time or PBX index (they carry the columns it reads, V22) newest first; an OR over indexed columns (a number's
 * four columns and forms; a carrier alone, as origin or attempt target) as UNION branches each ordered and limited on
 * its own. Written for PostgreSQL and H2 alike.
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
    /**
     * An attempt of the call on the carrier, probed per call row ({@code OFFSET 0} keeps PostgreSQL from turning it
     * into a join that reads every attempt of the carrier before the first row comes).
     */
    private static final String ATTEMPT_ON = "EXISTS (SELECT 1 FROM call_attempt a WHERE a.call_id = r.call_id "
            + "AND a.started_at = r.started_at AND a.target = ? OFFSET 0)";
    /**
     * A call the carrier brought or was tried for. The call's carrier ({@code carrier_id}) is the target of the
     * attempt that carried it, else of its last one, so a call with one attempt is decided by its own columns and
     * only a failed-over call (6 % in the benchmark's month) is probed for an earlier attempt on the carrier.
     */
    private static final String CARRIER = "(r.origin = ? OR r.carrier_id = ? OR (r.attempts > 1 AND " + ATTEMPT_ON
            + "))";

    record Statement(String sql, List<Object> args) {
    }

    /** One condition and its arguments. */
    private record Part(String sql, List<Object> args) {
    }

    private CallSearchSql() {
    }

    /**
     * The first {@code rows} calls after the query's cursor, newest first.
     *
     * @param postgres PostgreSQL (which takes a carrier alone from its attempts' index, {@link #byAttempts}) or H2
     */
    static Statement page(Query q, int rows, boolean postgres) {
        List<Part> common = common(q, true);
        List<Part> branches = branches(q, postgres);
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
            sql.append(i == 0 ? "" : " UNION ");
            if (branches.get(i) == BY_ATTEMPTS) {
                Part driven = byAttempts(q, COLUMNS, true);
                sql.append("(").append(driven.sql()).append(" ORDER BY a.started_at DESC, a.call_id DESC LIMIT ?)");
                args.addAll(driven.args());
                args.add(rows);
                continue;
            }
            List<Part> parts = new ArrayList<>(common);
            parts.add(branches.get(i));
            Part where = and(parts);
            sql.append("(SELECT ").append(COLUMNS).append(" FROM call_record r WHERE ")
                    .append(where.sql()).append(" ORDER BY r.started_at DESC, r.call_id DESC LIMIT ?)");
            args.addAll(where.args());
            args.add(rows);
        }
        sql.append(") u").append(NEWEST_FIRST).append(" LIMIT ?");
        args.add(rows);
        return new Statement(sql.toString(), args);
    }

    /** How many calls match, the cursor left aside, counted up to {@code cap} + 1 at most. */
    static Statement count(Query q, int cap, boolean postgres) {
        List<Part> common = common(q, false);
        List<Part> branches = branches(q, postgres);
        List<Object> args = new ArrayList<>();
        if (branches.isEmpty()) {
            Part where = and(common);
            args.addAll(where.args());
            args.add(cap + 1);
            // Newest first as the page reads them: PostgreSQL then walks the index the page walks, testing each entry
            // where it lies (V22), instead of fetching every candidate row of another index's matches.
            return new Statement("SELECT count(*) FROM (SELECT 1 AS one FROM call_record r WHERE " + where.sql()
                    + " ORDER BY r.started_at DESC LIMIT ?) c", args);
        }
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (");
        for (int i = 0; i < branches.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ");
            if (branches.get(i) == BY_ATTEMPTS) {
                Part driven = byAttempts(q, "r.call_id, r.started_at", false);
                sql.append("(").append(driven.sql()).append(" ORDER BY a.started_at DESC LIMIT ?)");
                args.addAll(driven.args());
                args.add(cap + 1);
                continue;
            }
            List<Part> parts = new ArrayList<>(common);
            parts.add(branches.get(i));
            Part where = and(parts);
            // Ordered as the page is, so each branch reads its index from the newest and stops at the cap (unordered,
            // the planner may read every match of a carrier to join them at once).
            sql.append("(SELECT r.call_id, r.started_at FROM call_record r WHERE ")
                    .append(where.sql()).append(" ORDER BY r.started_at DESC LIMIT ?)");
            args.addAll(where.args());
            args.add(cap + 1);
        }
        return new Statement(sql.append(") c").toString(), args);
    }

    /** The conditions every branch has: period, PBX, outcome, the carrier unless it branches, the cursor. */
    private static List<Part> common(Query q, boolean withCursor) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("r.started_at >= ? AND r.started_at < ?", List.of(q.from(), q.to())));
        if (q.pbx() != null) {
            parts.add(new Part("r.pbx_id = ?", List.of(q.pbx().value())));
        }
        if (q.outcome() != null) {
            parts.add(outcome(q.outcome()));
        }
        if (q.carrier() != null && !carrierAlone(q)) {
            String c = q.carrier().value();
            parts.add(new Part(CARRIER, List.of(c, c, c)));
        }
        if (withCursor && q.before() != null) {
            // The first bound is implied by the rest; it is there for the index, which starts reading at the cursor.
            parts.add(new Part("r.started_at <= ? AND (r.started_at < ? OR r.call_id < ?)",
                    List.of(q.before().startedAt(), q.before().startedAt(), q.before().callId())));
        }
        return parts;
    }

    /** The branch of a carrier's calls read from its attempts' index ({@link #byAttempts}). */
    private static final Part BY_ATTEMPTS = new Part("attempts", List.of());

    /**
     * The OR's branches: the number in each column and form; else a carrier with no other filter as the call's
     * origin (an inbound call it brought) and as an attempt's target (which includes the carrier that carried the
     * call), the second read from its attempts newest first on PostgreSQL ({@link #BY_ATTEMPTS}); else none. A
     * carrier with a PBX or an outcome is a plain filter ({@link #CARRIER}), tested on the entries of the PBX's or
     * the time index where they lie (V22): cheaper than reading the carrier's attempts and then each one's call.
     */
    private static List<Part> branches(Query q, boolean postgres) {
        List<Part> out = new ArrayList<>();
        if (q.number() != null) {
            for (String column : NUMBER_COLUMNS) {
                for (String form : q.number().forms()) {
                    out.add(new Part("r." + column + " = ?", List.of(form)));
                }
            }
        } else if (carrierAlone(q)) {
            out.add(new Part("r.origin = ?", List.of(q.carrier().value())));
            out.add(postgres ? BY_ATTEMPTS : new Part(ATTEMPT_ON, List.of(q.carrier().value())));
        }
        return out;
    }

    /** A carrier with neither number, PBX nor outcome: read as two branches ({@link #branches}). */
    private static boolean carrierAlone(Query q) {
        return q.carrier() != null && q.number() == null && q.pbx() == null && q.outcome() == null;
    }

    /**
     * A carrier's calls from its attempts: the attempts' index (target, start) read newest first, each attempt's call
     * looked up by its key (a LATERAL subquery, so PostgreSQL keeps this order instead of joining every attempt of the
     * month at once). Without ORDER BY and LIMIT, which the caller adds on {@code a}.
     */
    private static Part byAttempts(Query q, String columns, boolean withCursor) {
        List<Object> args = new ArrayList<>(List.of(q.carrier().value(), q.from(), q.to()));
        StringBuilder sql = new StringBuilder("SELECT r.* FROM call_attempt a CROSS JOIN LATERAL (SELECT ")
                .append(columns).append(" FROM call_record r WHERE r.call_id = a.call_id AND r.started_at = a.started_at ")
                .append("LIMIT 1) r WHERE a.target = ? AND a.started_at >= ? AND a.started_at < ?");
        if (withCursor && q.before() != null) {
            sql.append(" AND a.started_at <= ? AND (a.started_at < ? OR a.call_id < ?)");
            args.addAll(List.of(q.before().startedAt(), q.before().startedAt(), q.before().callId()));
        }
        return new Part(sql.toString(), args);
    }

    /** Literal conditions, so the planner can match the partial index of refused calls. */
    private static Part outcome(CallOutcome o) {
        if (o.kind() == null) {
            return new Part("r.release_code = ?", List.of(o.sipCode()));
        }
        // An answered call is released with 200 and a call never tried is not answered: busy and no-answer read the
        // release code and attempts only, which V21's index holds (counted without reading the rows).
        return new Part(switch (o.kind()) {
            case ANSWERED -> "r.answered_at IS NOT NULL";
            case REFUSED -> "r.attempts = 0";
            case BUSY -> "r.release_code IN (" + codes(CallOutcome.BUSY_CODES) + ") AND r.attempts > 0";
            case NO_ANSWER -> "r.release_code IN (" + codes(CallOutcome.NO_ANSWER_CODES) + ") AND r.attempts > 0";
            case FAILED -> "r.answered_at IS NULL AND r.attempts > 0 AND r.release_code NOT IN ("
                    + codes(CallOutcome.BUSY_CODES) + ", " + codes(CallOutcome.NO_ANSWER_CODES) + ")";
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
