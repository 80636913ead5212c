package org.archivebackend.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.junit.jupiter.api.Test;

class SynonymsFilterFactoryTest {
    static final List<String> RULES = List.of(
            "# name variants",
            "Vlasov, Wlassow, Vlassov, Власов",
            "Praha, Praag, Prague, Prag, Прага",
            "",
            "Strik-Strikfeldt, Штрик-Штрикфельдт");

    static SynonymsFilterFactory synonyms(List<String> rules) {
        return new SynonymsFilterFactory(new SynonymsSettings() {
            @Override
            public List<String> synonyms() {
                return rules;
            }

            @Override
            public boolean expand() {
                return true;
            }
        });
    }

    /** Search analyzers fold before the synonyms, as the index settings do. */
    static List<String> analyze(String text, List<String> rules) throws IOException {
        FoldingFilterFactory folding = new FoldingFilterFactory(() -> false);
        return Tokens.of(text, folding::create, synonyms(rules)::create);
    }

    static Set<String> stacked(String token) {
        return new TreeSet<>(List.of(token.split("\\|")));
    }

    @Test
    void germanSpellingFindsEveryVariant() throws IOException {
        List<String> tokens = analyze("Wlassow", RULES);
        assertEquals(1, tokens.size(), tokens.toString());
        assertEquals(Set.of("vlasov", "wlassow", "vlassov", "власов"), stacked(tokens.get(0)));
    }

    @Test
    void cyrillicAndFoldedInput() throws IOException {
        assertEquals(Set.of("praha", "praag", "prague", "prag", "прага"), stacked(analyze("Práha", RULES).get(0)));
        assertEquals(Set.of("praha", "praag", "prague", "prag", "прага"), stacked(analyze("Прага", RULES).get(0)));
    }

    @Test
    void multiWordNamesAreAGraph() throws IOException {
        List<String> tokens = analyze("Штрик-Штрикфельдт", RULES);
        assertEquals(true, String.join(" ", tokens).contains("strikfeldt"), tokens.toString());
    }

    @Test
    void otherWordsPassUnchanged() throws IOException {
        assertEquals(List.of("generaal", "in", "berlijn"), analyze("Generaal in Berlijn", RULES));
    }

    @Test
    void noRulesPassEverything() throws IOException {
        assertEquals(List.of("vlasov"), analyze("Vlasov", List.of()));
    }

    @Test
    void searchTimeOnly() {
        assertEquals(AnalysisMode.SEARCH_TIME, synonyms(RULES).getAnalysisMode());
    }

    @Test
    void aBrokenRuleIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> synonyms(List.of("a => ")));
    }
}
