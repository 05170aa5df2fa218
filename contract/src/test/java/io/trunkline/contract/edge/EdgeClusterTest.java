package io.trunkline.contract.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EdgeClusterTest {

    @Test
    void parsesMemberList() {
        assertThat(EdgeCluster.parseMembers(" 127.0.0.1:5701, 127.0.0.1:5702 ,"))
                .containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(EdgeCluster.parseMembers("")).isEmpty();
        assertThat(EdgeCluster.parseMembers(null)).isEmpty();
    }

    @Test
    void rejectsEntriesThatAreNotHostAndPort() {
        assertThatThrownBy(() -> EdgeCluster.parseMembers("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'127.0.0.1'");
        assertThatThrownBy(() -> EdgeCluster.parseMembers("host:http"))
                .hasMessageContaining("non-numeric port");
        assertThatThrownBy(() -> EdgeCluster.parseMembers("host:70000"))
                .hasMessageContaining("outside 1..65535");
    }
}
