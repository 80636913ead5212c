package org.archivebackend.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StemmerFilterFactoryTest {
    static StemmerFilterFactory stemmer(String language) {
        return new StemmerFilterFactory(() -> language);
    }

    static List<String> stems(String language, String text) throws IOException {
        return Tokens.of(text, stemmer(language)::create);
    }

    @Test
    void dutchPluralAndSingularMeet() throws IOException {
        assertEquals(stems("nl", "opleidingskamp"), stems("nl", "opleidingskampen"));
    }

    @Test
    void englishPluralAndSingularMeet() throws IOException {
        assertEquals(stems("en", "camp"), stems("en", "camps"));
    }

    @Test
    void germanInflectionsMeet() throws IOException {
        assertEquals(stems("de", "Lager"), stems("de", "Lagern"));
    }

    @Test
    void russianCasesMeet() throws IOException {
        assertEquals(stems("ru", "манифест"), stems("ru", "манифеста"));
        assertEquals(stems("ru", "армия"), stems("ru", "армии"));
    }

    @Test
    void czechUsesLucenesCzechStemmer() throws IOException {
        assertEquals(stems("cs", "hrad"), stems("cs", "hradu"));
        assertEquals(stems("cs", "armáda"), stems("cs", "armády"));
    }

    @Test
    void languageCodeIsCaseInsensitive() throws IOException {
        assertEquals(stems("nl", "kampen"), stems(" NL ", "kampen"));
    }

    @Test
    void unknownLanguageIsAClearError() {
        var error = assertThrows(IllegalArgumentException.class, () -> stemmer("xx"));
        assertTrue(error.getMessage().contains("unknown language [xx]"), error.getMessage());
        assertTrue(error.getMessage().contains("cs"), error.getMessage());
    }

    @Test
    void noLanguageBuildsButRefusesToStem() {
        var factory = stemmer("");
        var error = assertThrows(IllegalArgumentException.class, () -> stems("", "kampen"));
        assertTrue(error.getMessage().contains("set a language"), error.getMessage());
        assertTrue(factory != null);
    }
}
