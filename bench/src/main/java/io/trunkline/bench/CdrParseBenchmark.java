package io.trunkline.bench;

import io.trunkline.camel.cdr.AsteriskCdrCsvParser;
import io.trunkline.camel.cdr.CdrFile;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Asterisk {@code Master.csv} lines parsed to call records on one thread: {@value #LINES} varied lines per
 * invocation (answered, unanswered, busy; with and without uniqueid; quoted caller names), so the score is
 * lines per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CdrParseBenchmark {

    static final int LINES = 100_000;

    private List<String> lines;
    private AsteriskCdrCsvParser parser;

    @Setup
    public void lines() {
        Random random = new Random(7);
        lines = new ArrayList<>(LINES);
        String[] dispositions = {"ANSWERED", "NO ANSWER", "BUSY", "FAILED"};
        for (int i = 0; i < LINES; i++) {
            String disposition = dispositions[random.nextInt(dispositions.length)];
            boolean answered = "ANSWERED".equals(disposition);
            int second = random.nextInt(50);
            int duration = 5 + random.nextInt(600);
            String start = String.format("2026-11-26 %02d:%02d:%02d", random.nextInt(24), random.nextInt(60), second);
            String answer = answered ? start.substring(0, 17) + String.format("%02d", second + 3) : "";
            String end = start.substring(0, 11) + "23:59:59";
            String called = random.nextBoolean() ? "9011" + (440000000000L + random.nextInt(999_999_999)) : "9" + (12125550000L + i);
            lines.add("\"\",\"" + (2000 + random.nextInt(3000)) + "\",\"" + called + "\",\"from-internal\",\"\"\"User "
                    + i + "\"\" <" + (2000 + i % 3000) + ">\",\"PJSIP/2001-" + i + "\",\"PJSIP/trunk-a-" + i
                    + "\",\"Dial\",\"PJSIP/" + called + "@trunk-a,60\",\"" + start + "\",\"" + answer + "\",\"" + end + "\","
                    + duration + "," + (answered ? duration - 3 : 0) + ",\"" + disposition + "\",\"DOCUMENTATION\""
                    + (i % 2 == 0 ? ",\"1764147600." + i + "\",\"\"" : ""));
        }
        parser = new AsteriskCdrCsvParser("branch-asterisk", ZoneId.of("America/Chicago"));
        CdrFile check = parser.parse("Master.csv", lines);
        if (check.records().size() != LINES) {
            throw new IllegalStateException("benchmark lines do not all parse: " + check.rejected().get(0));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int parse() {
        return parser.parse("Master.csv", lines).records().size();
    }
}
