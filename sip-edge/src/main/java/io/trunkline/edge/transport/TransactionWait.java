package io.trunkline.edge.transport;

import gov.nist.javax.sip.stack.SIPTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Field;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a completed transaction stays in the stack to absorb the other side's retransmissions over UDP
 * ({@code sip.wait-timer-ms}): RFC 3261's Timer J of a non-INVITE server transaction (a BYE's) and Timer D of an INVITE
 * client transaction answered 3xx–6xx (a carrier's 503 before failover) are 32 s, so every call left four to five
 * ended transactions, each with its parsed request, in the heap for half a minute. Under load they are most of the
 * node's live heap and every young collection copies them again. Kamailio's and OpenSIPS's {@code tm} keep a completed
 * transaction for {@code wt_timer}, 5 s by default, for the same reason: a retransmission later than that means the
 * peer lost several answers in a row, and it is answered by the dialog layer (481 to a BYE, a stray 503 ignored).
 *
 * <p>JAIN-SIP RI takes Timer J as 64 of the transaction's own base interval, settable before its first response;
 * Timer D only through a setter that refuses less than 32 s, so its tick count is set on the field. A stack without
 * that field keeps the RFC's value (logged once).
 */
final class TransactionWait {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionWait.class);
    private static final Field TIMER_D = timerD();

    private final int waitMs;

    TransactionWait(int waitMs) {
        this.waitMs = waitMs;
    }

    /** Shortens Timer J of a non-INVITE server transaction; INVITE server transactions keep their timers (G, H, I). */
    void serverCreated(ServerTransaction st) {
        if (Request.INVITE.equals(st.getRequest().getMethod()) || Request.ACK.equals(st.getRequest().getMethod())) {
            return;
        }
        try {
            // Timer J = 64 × the base interval; a non-INVITE server transaction uses it for nothing else.
            st.setRetransmitTimer(Math.max(1, waitMs / 64));
        } catch (IllegalStateException alreadyAnswered) {
            // Its timer runs already (a retransmission's transaction): it keeps the value it has.
        }
    }

    /** Shortens Timer D of an INVITE client transaction; its retransmissions (Timers A and B) are untouched. */
    void clientCreated(ClientTransaction ct) {
        if (TIMER_D == null || !Request.INVITE.equals(ct.getRequest().getMethod())) {
            return;
        }
        try {
            TIMER_D.setInt(ct, Math.max(1, waitMs / SIPTransactionStack.BASE_TIMER_INTERVAL));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            LOG.debug("Timer D not shortened: {}", e.toString());
        }
    }

    private static Field timerD() {
        try {
            Field f = SIPTransactionImpl.class.getDeclaredField("timerD");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn("this JAIN-SIP has no Timer D field ({}): INVITE client transactions keep the RFC's 32 s", e.toString());
            return null;
        }
    }
}
