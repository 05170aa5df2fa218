package io.trunkline.web.console;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/** A request with a method, headers, parameters and a session, for the console's pure checks. */
final class FakeRequest {

    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, Object> session = new HashMap<>();
    private final String method;
    private HttpServletRequest proxy;

    private FakeRequest(String method, String host) {
        this.method = method;
        headers.put("Host", host);
    }

    static FakeRequest post(String host) {
        return new FakeRequest("POST", host);
    }

    FakeRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    FakeRequest parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    HttpSession session() {
        return request().getSession();
    }

    HttpServletRequest request() {
        if (proxy == null) {
            HttpSession s = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{HttpSession.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getAttribute" -> session.get((String) a[0]);
                        case "setAttribute" -> session.put((String) a[0], a[1]);
                        default -> null;
                    });
            proxy = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getHeader" -> headers.get((String) a[0]);
                        case "getParameter" -> parameters.get((String) a[0]);
                        case "getMethod" -> method;
                        case "getSession" -> s;
                        default -> null;
                    });
        }
        return proxy;
    }
}
