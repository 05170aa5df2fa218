package io.trunkline.web.console;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.annotation.WebListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.WebApplicationTemplateResolver;
import org.thymeleaf.web.servlet.JavaxServletWebApplication;

/**
 * The console's Thymeleaf engine over {@code WEB-INF/templates/*.html}, made once when the application starts.
 * Templates write values with {@code th:text}/{@code th:attr}, which escape them; none uses {@code th:utext}
 * ({@code ConsoleTemplatesTest} checks), so a number, comment or file name a user typed is shown, never run.
 */
@WebListener
public class ConsoleTemplates implements ServletContextListener {

    private static final String ATTRIBUTE = ConsoleTemplates.class.getName();

    private TemplateEngine engine;
    private JavaxServletWebApplication application;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        application = JavaxServletWebApplication.buildApplication(context);
        WebApplicationTemplateResolver resolver = new WebApplicationTemplateResolver(application);
        resolver.setPrefix("/WEB-INF/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        context.setAttribute(ATTRIBUTE, this);
    }

    static ConsoleTemplates of(ServletContext context) {
        return (ConsoleTemplates) context.getAttribute(ATTRIBUTE);
    }

    void render(HttpServletRequest request, HttpServletResponse response, String template, Map<String, Object> model)
            throws IOException {
        WebContext context = new WebContext(application.buildExchange(request, response), Locale.ENGLISH, model);
        // Rendered whole before anything is sent, so a failure becomes the error page, never half a page.
        StringWriter page = new StringWriter(8192);
        engine.process(template, context, page);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(page.toString());
    }
}
