package io.trunkline.web.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens for the decision path: an edge node that has logged in once with its account (HTTP Basic, checked by
 * the container against the realm) asks its later decisions with the token it was given, and the platform checks a
 * token with one hash and one map lookup instead of the realm's full login on every call (the login was about a fifth
 * of a decision request's CPU on the platform, docs/benchmarks.md, issue #16). It is what OAuth's client credentials
 * do, within one platform: a token is 256 random bits, kept here only as its SHA-256, lives {@link #lifetime()} from
 * its issue and is replaced by a fresh one, sent with an answer, once half of that has passed; a restart of the
 * platform forgets every token, and the node logs in again. A token carries the caller's name and the decision roles
 * the container found at its login, no more: a change of the account's roles or password takes effect when its
 * tokens end. At most {@code perAccount} tokens of one account live at once (a node's concurrent first logins and
 * renewals; a client that logs in with Basic on every request then replaces only its own account's tokens, never
 * another node's), and at most {@code capacity} in all; past either, the ended ones are dropped, then the oldest.
 */
final class DecisionTokens {

    /** The answer's header that carries a new token. */
    static final String HEADER = "Trunkline-Decision-Token";

    /** Who a token was issued to, with the decision roles they had and when (the clock's nanoseconds). */
    record Caller(String name, Set<String> roles, long issuedAt) {
    }

    private final ConcurrentHashMap<String, Caller> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final int perAccount;
    private final int capacity;
    private final LongSupplier nanoClock;

    DecisionTokens(Duration lifetime, int perAccount, int capacity, LongSupplier nanoClock) {
        if (lifetime.isNegative() || lifetime.isZero() || perAccount < 1 || capacity < perAccount) {
            throw new IllegalArgumentException("a token needs a positive lifetime and room for one of each account");
        }
        this.lifetime = lifetime;
        this.perAccount = perAccount;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new token for {@code name} with {@code roles}. */
    String issue(String name, Set<String> roles) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Caller caller = new Caller(name, Set.copyOf(roles), nanoClock.getAsLong());
        synchronized (this) {
            makeRoom(name);
            live.put(hash(token), caller);
        }
        return token;
    }

    /** The caller a token was issued to, while it lives; empty for an unknown, ended or malformed token. */
    Optional<Caller> verify(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String key = hash(token);
        Caller c = live.get(key);
        if (c == null) {
            return Optional.empty();
        }
        if (age(c) >= lifetime.toNanos()) {
            live.remove(key, c);
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** Whether the caller's token has lived half its time, so the answer should carry its successor. */
    boolean renewalDue(Caller c) {
        return age(c) >= lifetime.toNanos() / 2;
    }

    int size() {
        return live.size();
    }

    private long age(Caller c) {
        return nanoClock.getAsLong() - c.issuedAt();
    }

    /** Drops ended tokens, then the oldest of {@code name}'s or of all, until one more of {@code name}'s fits. */
    private void makeRoom(String name) {
        if (live.size() < perAccount) {
            return;
        }
        long ended = nanoClock.getAsLong() - lifetime.toNanos();
        live.values().removeIf(c -> c.issuedAt() <= ended);
        dropOldestWhile(name, perAccount);
        dropOldestWhile(null, capacity);
    }

    /** Drops the oldest tokens of {@code name} (of all when null) while there are {@code limit} or more of them. */
    private void dropOldestWhile(String name, int limit) {
        while (true) {
            Map.Entry<String, Caller> oldest = null;
            int count = 0;
            for (Map.Entry<String, Caller> e : live.entrySet()) {
                if (name == null || name.equals(e.getValue().name())) {
                    count++;
                    if (oldest == null || e.getValue().issuedAt() < oldest.getValue().issuedAt()) {
                        oldest = e;
                    }
                }
            }
            if (count < limit) {
                return;
            }
            live.remove(oldest.getKey(), oldest.getValue());
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
