package io.trunkline.camel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route in a plain CamelContext with an in-memory port: files in, parsed decks out, bad files aside. */
class RateDeckRoutesTest {

    @TempDir
    Path inbox;

    private CamelContext camel;
    private final List<RateDeckFile> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private void start() throws Exception {
        camel = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty(RateDeckRoutes.INBOX_PROPERTY, inbox.toString());
        camel.getPropertiesComponent().setInitialProperties(p);
        camel.addRoutes(new RateDeckRoutes(new RateDeckPort() {
            @Override
            public void accept(RateDeckFile file) {
                accepted.add(file);
            }

            @Override
            public void refuse(String fileName, String reason) {
                refused.add(fileName + ": " + reason);
            }
        }));
        camel.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private void drop(String fixture, String name) throws Exception {
        Path tmp = Files.createTempFile("deck", ".tmp");
        Files.write(tmp, RateDeckCsvParserTest.fixture(fixture));
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void goodFileIsHandedOverAndMovedToDone() throws Exception {
        start();
        drop("invalid/carrier-b.csv", "carrier-b.csv");
        await(() -> accepted.size() == 1 && !Files.exists(inbox.resolve("carrier-b.csv")));
        assertThat(accepted).singleElement().satisfies(f -> {
            assertThat(f.carrier()).isEqualTo("carrier-b");
            assertThat(f.rates()).hasSize(1);
            assertThat(f.rejected()).hasSize(6);
        });
        await(() -> Files.exists(inbox.resolve(".done")));
        try (var done = Files.list(inbox.resolve(".done"))) {
            assertThat(done.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("carrier-b.csv.");
        }
    }

    @Test
    void unreadableFileGoesToErrorWithItsReason() throws Exception {
        start();
        drop("invalid/carrier-d_latin1.csv", "carrier-d_latin1.csv");
        Path moved = inbox.resolve(".error/carrier-d_latin1.csv");
        await(() -> Files.exists(moved) && refused.size() == 1);
        assertThat(moved).exists();
        assertThat(inbox.resolve(".error/carrier-d_latin1.csv.reason")).content().contains("not UTF-8");
        assertThat(refused).singleElement().asString().startsWith("carrier-d_latin1.csv: ").contains("not UTF-8");
        assertThat(accepted).isEmpty();
    }
}
