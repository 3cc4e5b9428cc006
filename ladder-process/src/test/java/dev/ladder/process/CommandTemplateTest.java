package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
    @Test
    void placeholdersAreReplacedInsideArgumentsWithoutSplittingOrJoiningThem() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lr", 0.001);
        values.put("layers", 3);
        values.put("name", "a b; rm -rf / $(x)");
        CommandTemplate t = new CommandTemplate(List.of("python", "train.py", "--lr={lr}", "{layers}", "{name}", "{\"json\": 1}", "{}"));
        assertThat(t.render(Config.of(values)))
                .containsExactly("python", "train.py", "--lr=0.001", "3", "a b; rm -rf / $(x)", "{\"json\": 1}", "{}");
    }

    @Test
    void aPlaceholderWithoutParameterOrAnEmptyCommandFailsNamingIt() {
        CommandTemplate t = new CommandTemplate(List.of("train", "--lr={lr}", "--depth={depth}"));
        assertThatThrownBy(() -> t.render(Config.of(Map.of("lr", 0.1))))
                .hasMessage("the command template names {depth} but the config has no parameter 'depth' (it has [lr])");
        assertThatThrownBy(() -> new CommandTemplate(List.of())).hasMessageContaining("must name a program");
    }

    @Test
    void valuesThatLookLikePlaceholdersAreNotExpandedAgain() {
        CommandTemplate t = new CommandTemplate(List.of("{a}{b}"));
        assertThat(t.render(Config.of(Map.of("a", "{b}", "b", "$1")))).containsExactly("{b}$1");
    }
}
