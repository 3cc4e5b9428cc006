package dev.ladder.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use Ladder from Java": a separate Maven project that names only {@code dev.ladder:ladder-core} builds
 * offline against the installed artifacts and runs the README's QuickStart, printing nothing but its own line.
 * The reactor's freshly built parent pom and ladder-core jar (with its sources and javadoc jars) are installed by
 * maven-install-plugin into a temporary local repository, whose third-party part links to the build's own local
 * repository, its {@code dev/ladder} folder left out: the user's {@code ~/.m2} gets no Ladder artifact, and a stale one
 * there cannot stand in for the fresh build.
 */
class LibraryConsumerIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("ladder.version", "0.1.0-SNAPSHOT");
    static final String INSTALL_FILE = "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file";

    @TempDir
    Path tmp;

    /** Removes the links before the temporary folder goes (JUnit would warn about each link leading out of it). */
    @AfterEach
    void unlink() throws IOException {
        for (Path dir : List.of(tmp.resolve("repo"), tmp.resolve("repo/dev"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path p : entries.filter(Files::isSymbolicLink).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    @Test
    void aConsumerProjectBuildsAgainstTheInstalledCoreAndRunsTheQuickStart() throws Exception {
        Path repo = linkedRepository(tmp.resolve("repo"));
        Path core = ROOT.resolve("ladder-core/target/ladder-core-" + VERSION);
        for (String kind : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
            assertThat(Path.of(core + kind)).as("built by package (not with -Dmaven.javadoc.skip or -Dmaven.source.skip)").exists();
        }
        mvn(tmp, repo, INSTALL_FILE, "-Dfile=" + ROOT.resolve("pom.xml"), "-DpomFile=" + ROOT.resolve("pom.xml"));
        mvn(tmp, repo, INSTALL_FILE, "-Dfile=" + core + ".jar", "-DpomFile=" + ROOT.resolve("ladder-core/pom.xml"),
                "-Dsources=" + core + "-sources.jar", "-Djavadoc=" + core + "-javadoc.jar");
        Path installed = repo.resolve("dev/ladder/ladder-core/" + VERSION);
        try (ZipFile javadoc = new ZipFile(installed.resolve("ladder-core-" + VERSION + "-javadoc.jar").toFile())) {
            assertThat(javadoc.getEntry("dev/ladder/core/tune/Tuner.Builder.html")).isNotNull();
        }
        assertThat(installed.resolve("ladder-core-" + VERSION + "-sources.jar")).exists();

        Path consumer = Files.createDirectories(tmp.resolve("consumer/src/main/java"));
        Files.writeString(consumer.resolve("QuickStart.java"), readmeQuickStart());
        Path project = tmp.resolve("consumer");
        Files.writeString(project.resolve("pom.xml"), consumerPom());
        mvn(project, repo, "package");
        String classpath = Files.readString(project.resolve("target/classpath.txt")).trim();
        assertThat(classpath.split(java.io.File.pathSeparator)).as("the consumer's runtime classpath")
                .anyMatch(e -> e.equals(installed.resolve("ladder-core-" + VERSION + ".jar").toString()))
                .noneMatch(e -> e.contains("ladder-store") || e.contains("tests.jar"));

        Processes.Run run = Processes.run(project, tmp.resolve("logs"), List.of(Processes.java(), "-cp",
                project.resolve("target/classes") + java.io.File.pathSeparator + classpath, "QuickStart"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("best: Best[trialId=").contains("resource=27").hasLineCount(1);
        assertThat(project.resolve("ladder-runs/quickstart/events.jsonl")).exists();
    }

    /** The first Java block of the README, the QuickStart. */
    private static String readmeQuickStart() throws IOException {
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(m.find()).as("README has a java block").isTrue();
        assertThat(m.group(1)).contains("public class QuickStart");
        return m.group(1);
    }

    /** A plain project, as a user would write it: ladder-core and the plugins of a jar build, pinned for offline use. */
    private static String consumerPom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId><artifactId>tuning</artifactId><version>1</version>
                  <properties><maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
                  <dependencies>
                    <dependency><groupId>dev.ladder</groupId><artifactId>ladder-core</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build>
                    <pluginManagement><plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                    </plugins></pluginManagement>
                    <plugins>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
                        <executions><execution><phase>package</phase><goals><goal>build-classpath</goal></goals>
                          <configuration><outputFile>target/classpath.txt</outputFile><includeScope>runtime</includeScope></configuration>
                        </execution></executions></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION);
    }

    /**
     * A local repository of links to the build's own (the user's ~/.m2/repository unless -Dmaven.repo.local says
     * otherwise), with a folder of its own at dev/ladder, where the artifacts under test are installed.
     */
    private static Path linkedRepository(Path repo) throws IOException {
        Path source = Path.of(System.getProperty("ladder.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Files.createDirectories(repo.resolve("dev/ladder"));
        try (Stream<Path> top = Files.list(source)) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
                }
            }
        }
        if (Files.isDirectory(source.resolve("dev"))) {
            try (Stream<Path> dev = Files.list(source.resolve("dev"))) {
                for (Path p : dev.filter(p -> !p.getFileName().toString().equals("ladder")).toList()) {
                    Files.createSymbolicLink(repo.resolve("dev").resolve(p.getFileName().toString()), p);
                }
            }
        }
        return repo;
    }

    private void mvn(Path dir, Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-o", "-q", "-Dmaven.repo.local=" + repo));
        command.addAll(List.of(args));
        Processes.Run r = Processes.run(dir, tmp.resolve("logs"), command);
        assertThat(r.code()).as("%s%n%s%s", command, r.out(), r.err()).isZero();
    }
}
