package dev.ladder.examples.tribuo;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import dev.ladder.core.Config;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Makes a Tribuo trainer (or any OLCUT {@link Configurable}) from a Ladder {@link Config}, through OLCUT's
 * configuration system: each config key names one of the class's {@code @Config} fields and its value is
 * that field's property, so the search space speaks the trainer's own vocabulary ({@code epochs},
 * {@code minibatchSize}, ...). A key {@code field.sub} sets field {@code sub} of the component in
 * configurable field {@code field}, whose class {@link #component} gives ({@code optimiser.initialLearningRate}
 * with {@code optimiser} an {@code AdaGrad}). Fixed settings ({@link #fixed}) are set the same way. A key that
 * names no {@code @Config} field is an error listing the fields.
 */
public final class TrainerConfigs<C extends Configurable> {
    private final Class<? extends C> type;
    private final Map<String, Object> fixed = new LinkedHashMap<>();
    private final Map<String, Class<? extends Configurable>> components = new LinkedHashMap<>();

    private TrainerConfigs(Class<? extends C> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Trainers of class {@code type}, with no fixed field yet. */
    public static <C extends Configurable> TrainerConfigs<C> of(Class<? extends C> type) {
        return new TrainerConfigs<>(type);
    }

    /** Sets field {@code key} (or {@code field.sub}) to {@code value} in every trainer made. */
    public TrainerConfigs<C> fixed(String key, Object value) {
        fixed.put(key, Objects.requireNonNull(value, key));
        return this;
    }

    /** Configurable field {@code field} holds a {@code type} made from the config's {@code field.*} keys. */
    public TrainerConfigs<C> component(String field, Class<? extends Configurable> type) {
        components.put(field, Objects.requireNonNull(type, field));
        return this;
    }

    /** The names of {@code type}'s {@code @Config} fields, its superclasses' included, sorted. */
    public static List<String> configurableFields(Class<?> type) {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(com.oracle.labs.mlrg.olcut.config.Config.class)) {
                    names.add(f.getName());
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** A new trainer with {@code config}'s values (over the fixed ones) in its fields. */
    @SuppressWarnings("unchecked")
    public C create(Config config) {
        Map<String, Object> values = new LinkedHashMap<>(fixed);
        values.putAll(config.asMap());
        Map<String, ConfigurationData> data = new LinkedHashMap<>();
        ConfigurationData top = new ConfigurationData("trainer", type.getName());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String field = dot < 0 ? key : key.substring(0, dot);
            requireField(type, field, key);
            if (dot < 0) {
                top.add(field, new SimpleProperty(String.valueOf(e.getValue())));
                continue;
            }
            Class<? extends Configurable> componentType = components.get(field);
            if (componentType == null) {
                throw new IllegalArgumentException("key '" + key + "' sets a field of " + type.getSimpleName() + "'s '" + field
                        + "', whose class is not given: call component(\"" + field + "\", SomeClass.class)");
            }
            String sub = key.substring(dot + 1);
            requireField(componentType, sub, key);
            data.computeIfAbsent(field, f -> {
                top.add(f, new SimpleProperty("component-" + f));
                return new ConfigurationData("component-" + f, componentType.getName());
            }).add(sub, new SimpleProperty(String.valueOf(e.getValue())));
        }
        ConfigurationManager cm = new ConfigurationManager();
        try {
            data.values().forEach(cm::addConfiguration);
            cm.addConfiguration(top);
            return (C) cm.lookup("trainer");
        } catch (PropertyException e) {
            throw new IllegalArgumentException("cannot make a " + type.getSimpleName() + " from " + values + ": "
                    + e.getMessage(), e);
        } finally {
            cm.close();
        }
    }

    private static void requireField(Class<?> type, String field, String key) {
        List<String> fields = configurableFields(type);
        if (!fields.contains(field)) {
            throw new IllegalArgumentException("key '" + key + "': " + type.getSimpleName() + " has no configurable field '"
                    + field + "'; its fields: " + fields);
        }
    }
}
