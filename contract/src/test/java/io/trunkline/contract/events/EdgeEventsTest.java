package io.trunkline.contract.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeEventsTest {

    @Test
    void aBatchRoundTripsWithItsBodiesIntact() {
        List<EdgeEvents.Event> events = List.of(
                new EdgeEvents.Event(EdgeEvents.eventId("edge-1", "k3x9", 41), 41, EdgeEvents.CALL,
                        "{\"callId\":\"a\\\"b\",\"releaseCode\":200}"),
                new EdgeEvents.Event(EdgeEvents.eventId("edge-1", "k3x9", 42), 42, EdgeEvents.TRUNK,
                        "{\"trunk\":\"carrier-a\",\"up\":false}"));
        String text = EdgeEvents.write("edge-1", events);
        EdgeEvents.Batch batch = EdgeEvents.read(text);
        assertThat(batch.node()).isEqualTo("edge-1");
        assertThat(batch.events()).extracting(EdgeEvents.Event::id).containsExactly("edge-1:k3x9:41", "edge-1:k3x9:42");
        assertThat(batch.events().get(0).json()).isEqualTo("{\"callId\":\"a\\\"b\",\"releaseCode\":200}");
        assertThat(batch.events().get(1).sequence()).isEqualTo(42);
        assertThat(EdgeEvents.read(EdgeEvents.write("edge-2", List.of())).events()).as("a heartbeat").isEmpty();
    }

    @Test
    void aMalformedBatchIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> EdgeEvents.read("{\"events\":[]}")).hasMessageContaining("'node'");
        assertThatThrownBy(() -> EdgeEvents.read("{\"node\":\"e\",\"events\":[{\"id\":\"x\",\"type\":\"CALL\",\"body\":{}}]}"))
                .hasMessageContaining("event x has no numeric 'seq'");
        assertThatThrownBy(() -> EdgeEvents.read("{\"node\":\"e\",\"events\":[{\"id\":\"x\",\"seq\":1,\"type\":\"CALL\",\"body\":3}]}"))
                .hasMessageContaining("no object 'body'");
        assertThatThrownBy(() -> EdgeEvents.read("{\"node\":")).isInstanceOf(IllegalArgumentException.class);
    }
}
