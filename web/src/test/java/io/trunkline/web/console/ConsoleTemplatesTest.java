package io.trunkline.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates' promises the Content-Security-Policy and escaping rest on: no unescaped output, no inline script or
 * event handler, no inline style, every state-changing form carrying the CSRF field, every input labelled.
 */
class ConsoleTemplatesTest {

    private static final Path TEMPLATES = Path.of("src/main/webapp/WEB-INF/templates");

    private static List<Path> templates() throws IOException {
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyTemplateEscapesWhatItWritesAndRunsNoInlineScript() throws IOException {
        List<Path> all = templates();
        assertThat(all).hasSizeGreaterThan(15);
        for (Path t : all) {
            String html = Files.readString(t);
            assertThat(html).as(t + ": th:utext writes unescaped").doesNotContain("th:utext");
            assertThat(html).as(t + ": inline script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
            assertThat(html).as(t + ": event handler attribute").doesNotContainPattern("\\son[a-z]+\\s*=");
            assertThat(html).as(t + ": inline style").doesNotContainPattern("\\sstyle\\s*=|<style");
            assertThat(html).as(t + ": javascript: URL").doesNotContainIgnoringCase("javascript:");
            // Thymeleaf runs th:replace/th:insert before th:if on the same element: the condition would be ignored.
            assertThat(html).as(t + ": th:if beside th:replace").doesNotContainPattern(
                    "<[^>]*th:if=[^>]*th:(replace|insert)=|<[^>]*th:(replace|insert)=[^>]*th:if=");
        }
    }

    @Test
    void everyPostFormCarriesTheCsrfTokenExceptLogin() throws IOException {
        for (Path t : templates()) {
            String html = Files.readString(t);
            int at = 0;
            while ((at = html.indexOf("method=\"post\"", at)) >= 0) {
                int end = html.indexOf("</form>", at);
                String form = html.substring(at, end);
                if (!form.contains("/ui/login")) {
                    assertThat(form).as(t + ": a POST form without the CSRF field").contains("name=\"_csrf\"");
                }
                at = end;
            }
        }
    }

    @Test
    void everyInputHasALabel() throws IOException {
        for (Path t : templates()) {
            String html = Files.readString(t);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(input|select|textarea)\\b[^>]*>").matcher(html);
            while (m.find()) {
                String tag = m.group();
                if (tag.contains("type=\"hidden\"")) {
                    continue;
                }
                int before = html.lastIndexOf("<label", m.start());
                int closed = html.lastIndexOf("</label>", m.start());
                boolean wrapped = before > closed;
                // An id counts only when a label of the same template names it (for= or th:for= the same text).
                java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\s(th:)?id=\"([^\"]+)\"").matcher(tag);
                boolean forId = id.find() && (html.contains("for=\"" + id.group(2) + "\"")
                        || html.contains("th:for=\"" + id.group(2) + "\""));
                boolean named = tag.contains("aria-label");
                assertThat(wrapped || forId || named).as(t + ": " + tag + " has no label").isTrue();
            }
        }
    }
}
