package io.trunkline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    @Test
    void eachSectionIsItsRolesAndAdminsOnly() {
        assertThat(ConsoleSection.of("/ui/rules/routing")).contains(ConsoleSection.RULES);
        assertThat(ConsoleSection.of("/ui/work/tasks/3")).contains(ConsoleSection.WORK);
        assertThat(ConsoleSection.of("/ui/ops")).contains(ConsoleSection.OPS);
        assertThat(ConsoleSection.of("/ui/opsx")).isEmpty();
        assertThat(ConsoleSection.of("/ui/")).isEmpty();

        assertThat(ConsoleSection.RULES.allows(Set.of("analyst"))).isTrue();
        assertThat(ConsoleSection.RULES.allows(Set.of("ops", "compliance"))).isFalse();
        assertThat(ConsoleSection.WORK.allows(Set.of("compliance"))).isTrue();
        assertThat(ConsoleSection.WORK.allows(Set.of("analyst"))).isFalse();
        assertThat(ConsoleSection.OPS.allows(Set.of("ops"))).isTrue();
        assertThat(ConsoleSection.OPS.allows(Set.of("analyst", "compliance"))).isFalse();
        for (ConsoleSection s : ConsoleSection.values()) {
            assertThat(s.allows(Set.of("admin"))).isTrue();
            assertThat(s.allows(Set.of("edge"))).isFalse();
        }
    }

    @Test
    void afterLoginOnlyAConsolePathIsFollowed() {
        assertThat(RequestChecks.next("/ui/rules/routing?x=1")).isEqualTo("/ui/rules/routing?x=1");
        assertThat(RequestChecks.next(null)).isEqualTo("/ui/");
        assertThat(RequestChecks.next("https://evil.example/")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("//evil.example/ui/")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("/ui//evil.example")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("/ui/\\evil")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("/ui/x\r\nSet-Cookie: a=b")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("/ui/login")).isEqualTo("/ui/");
        assertThat(RequestChecks.next("/api/v1/health")).isEqualTo("/ui/");
    }

    @Test
    void aStateChangingRequestMustComeFromThisHost() {
        assertThat(RequestChecks.sameOrigin(FakeRequest.post("127.0.0.1:8080").header("Origin", "http://127.0.0.1:8080").request())).isTrue();
        assertThat(RequestChecks.sameOrigin(FakeRequest.post("127.0.0.1:8080")
                .header("Referer", "http://127.0.0.1:8080/ui/ops/alerts").request())).isTrue();
        assertThat(RequestChecks.sameOrigin(FakeRequest.post("127.0.0.1:8080").header("Origin", "http://evil.example").request())).isFalse();
        assertThat(RequestChecks.sameOrigin(FakeRequest.post("127.0.0.1:8080")
                .header("Origin", "http://127.0.0.1:8080.evil.example").request())).isFalse();
        assertThat(RequestChecks.sameOrigin(FakeRequest.post("127.0.0.1:8080")
                .header("Referer", "http://127.0.0.1:8080.evil.example/ui/").request())).isFalse();
    }

    @Test
    void theCsrfTokenMustMatchTheSessions() {
        FakeRequest request = FakeRequest.post("h");
        String token = Csrf.issue(request.session());
        assertThat(token).hasSize(43);
        assertThat(Csrf.carried(request.request())).isFalse();
        assertThat(Csrf.carried(request.parameter(Csrf.FIELD, token).request())).isTrue();
        assertThat(Csrf.carried(request.parameter(Csrf.FIELD, token.substring(1) + "A").request())).isFalse();
        assertThat(Csrf.carried(FakeRequest.post("h").header(Csrf.HEADER, token).request())).as("another session").isFalse();
        assertThat(Csrf.issue(request.session())).isNotEqualTo(token);
        assertThat(Csrf.safe("GET")).isTrue();
        assertThat(Csrf.safe("POST")).isFalse();
        assertThat(Csrf.safe("DELETE")).isFalse();
    }
}
