package io.trunkline.build;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;

import org.jboss.jandex.Indexer;
import org.jboss.jandex.JarIndexer;

/**
 * Writes an annotation index ({@code META-INF/jandex.idx}) into each jar of the directories given, so that WildFly
 * reads the index instead of every class of the jar at each deployment. Run at the EAR's build with the Jandex of the
 * WildFly it deploys on; one {@link Indexer} per jar (an indexer reused across jars writes a broken index).
 */
public final class IndexJars {

    /** The JDK's platform logger: the tool runs in a JVM of its own, with Jandex alone on its class path. */
    private static final System.Logger LOG = System.getLogger(IndexJars.class.getName());

    private IndexJars() {
    }

    public static void main(String[] args) throws IOException {
        int jars = 0;
        for (String dir : args) {
            File[] files = new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
            if (files == null) {
                throw new IOException("not a directory: " + dir);
            }
            Arrays.sort(files);
            for (File jar : files) {
                long size = jar.length();
                try {
                    JarIndexer.createJarIndex(jar, new Indexer(), true, false, false);
                    jars++;
                } catch (RuntimeException e) {
                    // This Jandex cannot write the index of some newer class files; WildFly indexes that jar itself.
                    if (jar.length() != size) {
                        throw new IOException("indexing " + jar + " failed and changed it: " + e, e);
                    }
                    LOG.log(System.Logger.Level.WARNING, "not indexed, WildFly will read its classes: {0} ({1})",
                            jar.getName(), e.toString());
                }
            }
        }
        if (jars == 0) {
            throw new IOException("no jar to index in " + Arrays.toString(args));
        }
    }
}
