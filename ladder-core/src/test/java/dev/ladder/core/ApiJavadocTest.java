package dev.ladder.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type, method and constructor of Ladder's API packages has a javadoc comment (README, "Use Ladder
 * from Java", names the packages). The sources are parsed with the JDK's compiler API, so a new undocumented public
 * method fails here, naming its file and line. Methods marked {@code @Override} inherit their comment; members of a
 * type that is not public are not API.
 */
class ApiJavadocTest {
    /** The API: what a Java user of ladder-core calls. The rest (gp, share, journal's replay helpers) is internal. */
    static final List<String> API_PACKAGES = List.of("dev.ladder.core", "dev.ladder.core.space", "dev.ladder.core.tune",
            "dev.ladder.core.schedule", "dev.ladder.core.search", "dev.ladder.core.registry");

    @Test
    void everyPublicTypeAndMethodOfTheApiPackagesIsDocumented() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            missing.addAll(undocumented(Path.of("src/main/java").resolve(pkg.replace('.', '/'))));
        }
        assertThat(missing).as("public API without javadoc").isEmpty();
    }

    @Test
    void anUndocumentedPublicMethodIsFound() throws IOException {
        Path dir = Files.createTempDirectory("api-javadoc");
        Files.writeString(dir.resolve("Sample.java"), """
                package sample;
                /** Documented. */
                public interface Sample {
                    /** Documented. */
                    int documented();
                    int bare(String x);
                    /** Documented. */
                    record Value(int x) {
                        public Value {
                        }
                        @Override
                        public String toString() { return ""; }
                    }
                    class Nested { public void inApi() { } }
                    private static void helper() { }
                }
                class Internal { public void notApi() { } }
                """);
        assertThat(undocumented(dir)).containsExactly("Sample.java:6 method bare", "Sample.java:9 constructor Value",
                "Sample.java:14 class Nested", "Sample.java:14 method inApi");
    }

    /** file:line kind name of each undocumented public type, method or constructor in the folder's own files. */
    static List<String> undocumented(Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
        }
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (!isApi(type.getModifiers(), getCurrentPath())) {
                            return null; // neither it nor its members are API
                        }
                        check(type.getSimpleName() + "", type.getKind().toString().toLowerCase(java.util.Locale.ROOT));
                        return super.visitClass(type, unused);
                    }

                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        boolean constructor = method.getName().contentEquals("<init>");
                        boolean override = method.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
                        if (!override && isApi(method.getModifiers(), getCurrentPath())) {
                            String owner = ((ClassTree) getCurrentPath().getParentPath().getLeaf()).getSimpleName().toString();
                            check(constructor ? owner : method.getName().toString(), constructor ? "constructor" : "method");
                        }
                        return null; // bodies hold no API
                    }

                    private void check(String name, String kind) {
                        DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
                        if (doc == null) {
                            long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, getCurrentPath().getLeaf()));
                            missing.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + kind + " " + name);
                        }
                    }
                }.scan(unit, null);
            }
        }
        return missing;
    }

    /** Public, or implicitly public as a member of an interface (not private, not a default-less static helper). */
    static boolean isApi(ModifiersTree modifiers, TreePath path) {
        Set<Modifier> flags = modifiers.getFlags();
        if (flags.contains(Modifier.PRIVATE)) {
            return false;
        }
        Tree parent = path.getParentPath().getLeaf();
        boolean inInterface = parent instanceof ClassTree owner
                && (owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE);
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED) || inInterface;
    }
}
