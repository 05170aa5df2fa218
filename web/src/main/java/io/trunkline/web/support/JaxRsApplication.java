package io.trunkline.web.support;

import javax.ws.rs.ApplicationPath;
import javax.ws.rs.core.Application;

/** The REST API, version 1, at {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class JaxRsApplication extends Application {
}
