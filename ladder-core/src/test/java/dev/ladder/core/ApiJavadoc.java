package dev.ladder.core;

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

/**
 * Finds the public types, methods and constructors without a javadoc comment in a source folder, for the API checks
 * of each module ({@code ApiJavadocTest}, shared through the test jar). The sources are only parsed, with the JDK's
 * compiler API (no classpath needed, about a second). Methods marked {@code @Override} inherit their comment;
 * members of a type that is not public are not API; interface members are public unless private.
 */
public final class ApiJavadoc {
    private ApiJavadoc() {
    }

    /** file:line kind name of each undocumented public type, method or constructor in the folder's own files. */
    public static List<String> undocumented(Path dir) throws IOException {
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
    private static boolean isApi(ModifiersTree modifiers, TreePath path) {
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
