package io.trunkline.ejb.ruleset.infrastructure;

import io.trunkline.ejb.ruleset.api.RuleProblem;
import io.trunkline.ejb.ruleset.api.RuleRow;
import io.trunkline.ejb.ruleset.api.RulebookRejectedException;
import io.trunkline.ejb.ruleset.api.RulebookVersion;
import io.trunkline.rules.EnumeratedColumns;
import io.trunkline.rules.Rulebook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * The active compiled version of every rulebook. A replacement is compiled aside and swapped in with
 * one reference write, so a decision holds the kbase it started with to the end; replacements of one
 * registry are serialised so two uploads cannot lose each other's version number.
 */
public final class RulebookRegistry {

    /**
     * One compiled version: its public description, its source files, the kbase compiled from them, and a
     * pool of sessions on it (a pooled session is reset when disposed rather than rebuilt: per-call
     * decisions then allocate a fraction of what a new session costs).
     */
    public record Active(RulebookVersion version, Map<String, byte[]> resources, KieBase kieBase,
                         KieSessionsPool sessions) {

        Active(RulebookVersion version, Map<String, byte[]> resources, KieBase kieBase) {
            this(version, resources, kieBase, kieBase.newKieSessionsPool(4));
        }

        /** A session to use once and dispose, which hands it back to the pool. */
        public KieSession newSession() {
            return sessions.newKieSession();
        }
    }

    private final RulebookCompiler compiler;
    private final EnumeratedCellCheck cells = new EnumeratedCellCheck();
    private final Clock clock;
    private final Map<Rulebook, AtomicReference<Active>> active = new EnumMap<>(Rulebook.class);

    /** A version to start a rulebook from: the one stored as active, with its files. */
    public record Start(int version, Map<String, byte[]> files, String author, String comment) {
    }

    /**
     * Compiles the shipped version of every rulebook from {@code classLoader}, one after the other.
     *
     * @throws IllegalStateException if a shipped rulebook does not compile: the platform must not start
     */
    public RulebookRegistry(RulebookCompiler compiler, ClassLoader classLoader, Clock clock) {
        this(compiler, classLoader, clock, r -> Optional.empty(), Runnable::run);
    }

    /**
     * Starts every rulebook from its stored active version where {@code stored} has one, from the shipped version
     * (number 1) otherwise, each compiled once, the rulebooks side by side on {@code executor}: a platform start
     * then waits for the longest compilation rather than the sum of them.
     *
     * @throws IllegalStateException if a rulebook does not compile (naming it and its problems): the platform must
     *                               not start on fewer rulebooks than it decides with
     */
    public RulebookRegistry(RulebookCompiler compiler, ClassLoader classLoader, Clock clock,
                            Function<Rulebook, Optional<Start>> stored, Executor executor) {
        this.compiler = compiler;
        this.clock = clock;
        Map<Rulebook, CompletableFuture<Active>> compiling = new EnumMap<>(Rulebook.class);
        for (Rulebook rulebook : Rulebook.values()) {
            Optional<Start> fromStore = stored.apply(rulebook);
            Start start = fromStore.orElseGet(() -> shipped(rulebook, classLoader));
            String what = (fromStore.isPresent() ? "rulebook " : "shipped rulebook ") + rulebook.kbaseName() + "@"
                    + start.version();
            compiling.put(rulebook, CompletableFuture.supplyAsync(() -> startVersion(rulebook, start, what), executor));
        }
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Rulebook, CompletableFuture<Active>> c : compiling.entrySet()) {
            try {
                active.put(c.getKey(), new AtomicReference<>(c.getValue().join()));
            } catch (CompletionException e) {
                failures.add(e.getCause() == null ? String.valueOf(e) : e.getCause().getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
    }

    private static Start shipped(Rulebook rulebook, ClassLoader classLoader) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : rulebook.resources()) {
            files.put(name, read(classLoader, rulebook.resourceFolder() + name));
        }
        return new Start(1, files, "shipped", "version shipped with the platform");
    }

    private Active startVersion(Rulebook rulebook, Start start, String what) {
        RulebookCompiler.Outcome outcome = compiler.compile(rulebook, start.files());
        if (!outcome.compiled()) {
            throw new IllegalStateException(what + " does not compile: "
                    + outcome.problems().stream().map(RuleProblem::describe).toList());
        }
        RulebookVersion v = version(rulebook, start.version(), start.files(), start.author(), start.comment());
        return new Active(v, Collections.unmodifiableMap(new LinkedHashMap<>(start.files())), outcome.kieBase());
    }

    public Active active(Rulebook rulebook) {
        return active.get(rulebook).get();
    }

    public List<RulebookVersion> versions() {
        List<RulebookVersion> out = new ArrayList<>();
        for (AtomicReference<Active> a : active.values()) {
            out.add(a.get().version());
        }
        return out;
    }

    /** Compiles the active version with {@code fileName} replaced and activates it as the next version. */
    public synchronized RulebookVersion replace(Rulebook rulebook, String fileName, byte[] content, String author,
                                                String comment) throws RulebookRejectedException {
        Map<String, byte[]> next = withFile(rulebook, fileName, content);
        Active compiled = compile(rulebook, current(rulebook).version().version() + 1, next, author, comment);
        install(compiled);
        return compiled.version();
    }

    private Active current(Rulebook rulebook) {
        return active(rulebook);
    }

    /**
     * The active version's files with one replaced.
     *
     * @throws IllegalArgumentException unknown file name or empty content
     */
    public Map<String, byte[]> withFile(Rulebook rulebook, String fileName, byte[] content) {
        if (!rulebook.resources().contains(fileName)) {
            throw new IllegalArgumentException("rulebook " + rulebook.kbaseName() + " has no file " + fileName
                    + "; its files are " + rulebook.resources());
        }
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException(fileName + ": the uploaded file is empty");
        }
        Map<String, byte[]> next = new LinkedHashMap<>(active(rulebook).resources());
        next.put(fileName, content.clone());
        return next;
    }

    /** Compiles a version without activating it. */
    public Active compile(Rulebook rulebook, int number, Map<String, byte[]> files, String author, String comment)
            throws RulebookRejectedException {
        return build(rulebook, number, files, author, comment, List.of());
    }

    /**
     * Compiles a version without activating it, refusing it also when an enumerated cell holds a value outside
     * its column's (master data's ids in {@code known}): the compiler's problems first, then the cells'.
     */
    public Active compile(Rulebook rulebook, int number, Map<String, byte[]> files, String author, String comment,
                          EnumeratedCellCheck.KnownIds known) throws RulebookRejectedException {
        return build(rulebook, number, files, author, comment, cells.problems(rulebook, files, known));
    }

    /** @throws RulebookRejectedException naming every enumerated cell of {@code compiled} outside its values */
    public void checkCells(Active compiled, EnumeratedCellCheck.KnownIds known) throws RulebookRejectedException {
        Rulebook rulebook = Rulebook.byName(compiled.version().rulebook()).orElseThrow();
        List<RuleProblem> problems = cells.problems(rulebook, compiled.resources(), known);
        if (!problems.isEmpty()) {
            throw new RulebookRejectedException(rulebook.kbaseName(), problems);
        }
    }

    /** The rows of the active versions whose carrier (or PBX) cells name {@code id}. */
    public List<RuleRow> activeRowsNaming(EnumeratedColumns.Domain domain, String id) {
        List<RuleRow> rows = new ArrayList<>();
        for (AtomicReference<Active> a : active.values()) {
            rows.addAll(cells.rowsNaming(a.get().version(), a.get().resources(), domain, id));
        }
        return rows;
    }

    private Active build(Rulebook rulebook, int number, Map<String, byte[]> files, String author, String comment,
                         List<RuleProblem> cellProblems) throws RulebookRejectedException {
        RulebookCompiler.Outcome outcome = compiler.compile(rulebook, files);
        if (!outcome.compiled() || !cellProblems.isEmpty()) {
            List<RuleProblem> problems = new ArrayList<>(outcome.problems());
            problems.addAll(cellProblems);
            throw new RulebookRejectedException(rulebook.kbaseName(), problems);
        }
        return new Active(version(rulebook, number, files, author, comment), Collections.unmodifiableMap(new LinkedHashMap<>(files)), outcome.kieBase());
    }

    /** Makes a compiled version the one that decides, in one reference write. */
    public void install(Active compiled) {
        Rulebook rulebook = Rulebook.byName(compiled.version().rulebook()).orElseThrow();
        active.get(rulebook).set(compiled);
    }

    private RulebookVersion version(Rulebook rulebook, int number, Map<String, byte[]> resources, String author,
                                    String comment) {
        return new RulebookVersion(rulebook.kbaseName(), number, checksum(resources),
                List.copyOf(resources.keySet()), clock.instant(), author, comment);
    }

    public static String checksum(Map<String, byte[]> resources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // In file-name order, so the same files give the same checksum however they were collected.
            for (Map.Entry<String, byte[]> r : new java.util.TreeMap<>(resources).entrySet()) {
                sha.update(r.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(r.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static byte[] read(ClassLoader cl, String path) {
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("rule resource " + path + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
