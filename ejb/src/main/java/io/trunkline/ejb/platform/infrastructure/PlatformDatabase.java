package io.trunkline.ejb.platform.infrastructure;

import javax.annotation.Resource;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.sql.DataSource;

/**
 * The platform's database as a CDI bean, so that each context's {@code Jdbc*} repository takes it in its
 * constructor and is injected into the application services by its port interface (a CDI resource producer
 * field; the resource is named by JNDI only, the server configures it).
 */
@ApplicationScoped
public class PlatformDatabase {

    @Produces
    @Resource(lookup = "java:jboss/datasources/TrunklineDS")
    private DataSource trunkline;
}
