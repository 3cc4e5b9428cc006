package dev.ladder.process;

import dev.ladder.core.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An argv template: a list of arguments in which {@code {name}} stands for the value of parameter
 * {@code name} of the trial's config.
 *
 * <p>Invariants: rendering never joins or splits arguments (the rendered list has exactly as many
 * elements as the template, whatever the values contain: spaces, quotes, {@code $(...)}, {@code ;});
 * values are inserted verbatim and nothing is ever interpreted by a shell; a placeholder naming no
 * parameter of the config fails with a message naming it. Only {@code {identifier}} is a placeholder
 * ({@code [A-Za-z_][A-Za-z0-9_.-]*}); other braces, such as JSON in an argument, stay as they are.
 */
public final class CommandTemplate {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}");

    private final List<String> args;

    /** An argv whose first element names the program; {@code {name}} placeholders become parameter values, one argument each. Null or blank program fails. */
    public CommandTemplate(List<String> args) {
        Objects.requireNonNull(args, "command");
        if (args.isEmpty() || args.get(0) == null || args.get(0).isBlank()) {
            throw new IllegalArgumentException("the command must name a program first, got " + args);
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null) {
                throw new IllegalArgumentException("argument " + i + " of the command " + args + " is null");
            }
        }
        this.args = List.copyOf(args);
    }

    /** The argv as given, placeholders included; unmodifiable. */
    public List<String> args() {
        return args;
    }

    /** The argv for {@code config}: every placeholder replaced by its value's text. */
    public List<String> render(Config config) {
        List<String> out = new ArrayList<>(args.size());
        for (String arg : args) {
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                if (!config.has(name)) {
                    throw new IllegalArgumentException("the command template names {" + name
                            + "} but the config has no parameter '" + name + "' (it has " + config.asMap().keySet() + ")");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(text(config.get(name))));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** How a value appears in an argument: strings verbatim, numbers and booleans as Java prints them. */
    static String text(Object value) {
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
