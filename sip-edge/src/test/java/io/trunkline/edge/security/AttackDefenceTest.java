package io.trunkline.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.contract.edge.SourceBan;
import io.trunkline.contract.telecom.PbxId;
import io.trunkline.edge.config.Peer;
import io.trunkline.edge.config.SecuritySettings;
import io.trunkline.edge.config.SecuritySettings.Answer;
import io.trunkline.edge.security.SourceGuard.Verdict;
import io.trunkline.edge.testing.SipMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.SipFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class AttackDefenceTest {

    private static final String PBX = "10.0.1.10";
    private static final String ATTACKER = "198.51.100.7";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MemoryBans bans = new MemoryBans();
    private final Events events = new Events();

    /** Settings as a test names them: limits 10 per second for sources, 20 for peers, a sweep above 3 users. */
    private static SecuritySettings settings(Answer unknown, Answer banned) {
        return new SecuritySettings(true, 1_000, 10, 20, 600, SecuritySettings.DEFAULT_SCANNERS, 10_000, 3, unknown,
                banned, 7);
    }

    private AttackDefence guard(Answer unknown, Answer banned) {
        Map<String, Peer> peers = Map.of(PBX + ":5070", new Peer.Pbx(new PbxId("hq-cucm")));
        return new AttackDefence(settings(unknown, banned), (ip, port) -> peers.get(ip + ":" + port),
                Set.of("192.0.2.50"), bans, events, "edge-1", now::get);
    }

    private final AttackDefence guard = guard(Answer.FORBID, Answer.DROP);

    private static Request request(String method, String user, String userAgent) {
        Request r = SipMessages.request(method).to(user).build();
        if (userAgent != null) {
            try {
                r.addHeader(SipFactory.getInstance().createHeaderFactory().createHeader("User-Agent", userAgent));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return r;
    }

    @Test
    void aScannerIsBannedOnItsFirstRequestAndDroppedAfterwards() {
        assertThat(guard.check(request(Request.OPTIONS, "100", "friendly-scanner"), ATTACKER, 5060))
                .isEqualTo(Verdict.DROP);
        assertThat(bans.held).containsKey(ATTACKER);
        SourceBan ban = bans.held.get(ATTACKER);
        assertThat(ban.rule()).isEqualTo("scanner");
        assertThat(ban.node()).isEqualTo("edge-1");
        assertThat(ban.seconds()).isEqualTo(600);
        assertThat(events.bans).containsExactly(ban);
        assertThat(guard.check(request(Request.INVITE, "100", "Asterisk"), ATTACKER, 5061)).isEqualTo(Verdict.DROP);
        assertThat(events.bans).as("one event per ban").hasSize(1);
    }

    @Test
    void anUnknownSourceOverItsLimitIsBannedUntilTheBanEnds() {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.check(request(Request.INVITE, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.FORBID);
        }
        assertThat(guard.check(request(Request.INVITE, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.DROP);
        assertThat(bans.held.get(ATTACKER).rule()).isEqualTo("rate");
        now.addAndGet(601_000);
        assertThat(guard.check(request(Request.INVITE, "100", null), ATTACKER, 5060))
                .as("the ban is over").isEqualTo(Verdict.FORBID);
    }

    @Test
    void aSweepOfUsersIsBanned() {
        for (String user : List.of("100", "101", "102")) {
            assertThat(guard.check(request(Request.REGISTER, user, null), ATTACKER, 5060)).isEqualTo(Verdict.FORBID);
        }
        assertThat(guard.check(request(Request.REGISTER, "103", null), ATTACKER, 5060)).isEqualTo(Verdict.DROP);
        assertThat(bans.held.get(ATTACKER).rule()).isEqualTo("sweep");
    }

    @Test
    void unknownSourcesAreRefusedAsConfiguredAndTheirKeepAlivesAnsweredUnder403() {
        AttackDefence dropping = guard(Answer.DROP, Answer.FORBID);
        assertThat(dropping.check(request(Request.INVITE, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.DROP);
        assertThat(dropping.check(request(Request.OPTIONS, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.DROP);
        assertThat(guard.check(request(Request.OPTIONS, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.PASS);
        assertThat(guard.check(request(Request.BYE, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.FORBID);
        Request inDialog = SipMessages.request(Request.BYE).toTag("t1").build();
        assertThat(guard.check(inDialog, ATTACKER, 5060)).as("the dialog layer answers 481").isEqualTo(Verdict.PASS);
        assertThat(events.bans).isEmpty();
    }

    @Test
    void aBannedSourcesDatagramsAreDroppedOnArrivalButNeverAPeersOrASubscribersNorUnderA403Answer() {
        assertThat(guard.dropOnArrival(ATTACKER, 5060)).as("not banned yet").isFalse();
        guard.check(request(Request.OPTIONS, "100", "friendly-scanner"), ATTACKER, 5060);
        assertThat(guard.dropOnArrival(ATTACKER, 5060)).isTrue();
        assertThat(guard.dropOnArrival(ATTACKER, 6000)).as("a ban is of the address, any port").isTrue();
        assertThat(guard.dropOnArrival("198.51.100.8", 5060)).isFalse();
        assertThat(guard.droppedOnArrival()).isEqualTo(2);

        // A peer's or the platform's address banned (by another node's view, say) still reaches the stack.
        bans.ban(new SourceBan(PBX, "test", "rate", "edge-2", java.time.Instant.ofEpochMilli(now.get()),
                java.time.Instant.ofEpochMilli(now.get() + 60_000)));
        bans.ban(new SourceBan("192.0.2.50", "test", "rate", "edge-2", java.time.Instant.ofEpochMilli(now.get()),
                java.time.Instant.ofEpochMilli(now.get() + 60_000)));
        assertThat(guard.dropOnArrival(PBX, 5070)).as("the configured PBX").isFalse();
        assertThat(guard.dropOnArrival(PBX, 5999)).as("another port of its host is not the PBX").isTrue();
        assertThat(guard.dropOnArrival("192.0.2.50", 5060)).as("the event subscriber").isFalse();

        AttackDefence forbidding = guard(Answer.FORBID, Answer.FORBID);
        assertThat(forbidding.dropOnArrival(ATTACKER, 5060)).as("banned sources answered 403 by the stack").isFalse();
        now.addAndGet(601_000);
        assertThat(guard.dropOnArrival(ATTACKER, 5060)).as("the ban is over").isFalse();
        assertThat(guard.droppedOnArrival()).isEqualTo(3);
    }

    @Test
    void bannedSourcesGet403WhenConfigured() {
        AttackDefence forbidding = guard(Answer.DROP, Answer.FORBID);
        assertThat(forbidding.check(request(Request.INVITE, "1", "sipcli/v1.8"), ATTACKER, 5060))
                .isEqualTo(Verdict.FORBID);
        assertThat(bans.held).containsKey(ATTACKER);
    }

    @Test
    void aPeerOverItsLimitIsNeverBannedItsNewRequestsAre503AndThePlatformToldOncePerWindow() {
        for (int i = 0; i < 20; i++) {
            assertThat(guard.check(request(Request.INVITE, "4930" + i, null), PBX, 5070)).isEqualTo(Verdict.PASS);
        }
        assertThat(guard.check(request(Request.INVITE, "493099", null), PBX, 5070)).isEqualTo(Verdict.BUSY);
        assertThat(guard.check(request(Request.INVITE, "493099", null), PBX, 5070)).isEqualTo(Verdict.BUSY);
        assertThat(guard.check(request(Request.BYE, "493099", null), PBX, 5070)).as("calls end").isEqualTo(Verdict.PASS);
        assertThat(guard.check(request(Request.ACK, "493099", null), PBX, 5070)).isEqualTo(Verdict.PASS);
        assertThat(guard.retryAfterSeconds()).isEqualTo(7);
        assertThat(bans.held).isEmpty();
        assertThat(events.bans).isEmpty();
        assertThat(events.peers).containsExactly("hq-cucm from " + PBX);
    }

    @Test
    void aPeerWithAScannerUserAgentIsNotBanned() {
        assertThat(guard.check(request(Request.INVITE, "100", "friendly-scanner"), PBX, 5070)).isEqualTo(Verdict.PASS);
        assertThat(bans.held).isEmpty();
    }

    @Test
    void thePlatformMaySubscribeFromItsHost() {
        assertThat(guard.check(request(Request.SUBSCRIBE, "events", null), "192.0.2.50", 5060)).isEqualTo(Verdict.PASS);
        assertThat(guard.check(request(Request.INVITE, "100", null), "192.0.2.50", 5060)).isEqualTo(Verdict.FORBID);
    }

    @Test
    void aBanMadeByAnotherNodeIsHonoured() {
        bans.ban(new SourceBan(ATTACKER, "r", "rate", "edge-2", java.time.Instant.ofEpochMilli(now.get()),
                java.time.Instant.ofEpochMilli(now.get() + 60_000)));
        assertThat(guard.check(request(Request.OPTIONS, "100", null), ATTACKER, 5060)).isEqualTo(Verdict.DROP);
        assertThat(events.bans).isEmpty();
    }

    static final class MemoryBans implements BanList {
        final Map<String, SourceBan> held = new ConcurrentHashMap<>();

        @Override
        public SourceBan find(String source, long nowMs) {
            SourceBan b = held.get(source);
            return b != null && b.until().toEpochMilli() > nowMs ? b : null;
        }

        @Override
        public boolean ban(SourceBan ban) {
            return held.put(ban.source(), ban) == null;
        }
    }

    static final class Events implements SecurityEvents {
        final List<SourceBan> bans = new ArrayList<>();
        final List<String> peers = new ArrayList<>();

        @Override
        public void banned(SourceBan ban) {
            bans.add(ban);
        }

        @Override
        public void peerOverLimit(String source, String peer, long count, int limit, int windowMs) {
            peers.add(peer + " from " + source);
        }
    }
}
