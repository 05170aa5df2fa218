package io.trunkline.edge.testcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final String TOKEN = "s3cr3t-t0ken-of-24-chars";
    private final BearerToken token = new BearerToken(TOKEN);

    @Test
    void onlyTheBearerSchemeWithTheExactTokenIsAccepted() {
        assertThat(token.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(token.accepts("bearer " + TOKEN)).as("RFC 7235 §2.1: the scheme is case-insensitive").isTrue();
        assertThat(token.accepts("Bearer  " + TOKEN + " ")).as("spaces around the token").isTrue();
        assertThat(token.accepts(null)).as("no header").isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.accepts(TOKEN)).as("no scheme").isFalse();
        assertThat(token.accepts("Basic " + TOKEN)).as("another scheme").isFalse();
        assertThat(token.accepts("Bearer " + TOKEN.toUpperCase())).as("the token is case-sensitive").isFalse();
        assertThat(token.accepts("Bearer " + TOKEN.substring(1))).as("a prefix is not the token").isFalse();
        assertThat(token.accepts("Bearer " + TOKEN + "x")).as("nor a longer one").isFalse();
        assertThatThrownBy(() -> new BearerToken("")).isInstanceOf(IllegalArgumentException.class);
    }
}
