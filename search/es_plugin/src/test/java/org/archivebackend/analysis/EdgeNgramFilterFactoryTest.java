package org.archivebackend.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.junit.jupiter.api.Test;

class EdgeNgramFilterFactoryTest {
    static EdgeNgramFilterFactory grams(int min, int max, boolean preserve) {
        return new EdgeNgramFilterFactory(new EdgeNgramSettings() {
            @Override
            public int minGram() {
                return min;
            }

            @Override
            public int maxGram() {
                return max;
            }

            @Override
            public boolean preserveOriginal() {
                return preserve;
            }
        });
    }

    @Test
    void everyBeginningOfEveryWord() throws IOException {
        assertEquals(List.of("v|vl|vla", "a|an"), Tokens.of("Vla An", grams(1, 3, true)::create));
    }

    @Test
    void longWordsStayWholeWhenPreserved() throws IOException {
        assertEquals(List.of("vl|vla|vlasov"), Tokens.of("Vlasov", grams(2, 3, true)::create));
        assertEquals(List.of("vl|vla"), Tokens.of("Vlasov", grams(2, 3, false)::create));
    }

    @Test
    void cyrillicToo() throws IOException {
        assertEquals(List.of("вл|вла"), Tokens.of("Власов", grams(2, 3, false)::create));
    }

    @Test
    void indexTimeOnly() {
        assertEquals(AnalysisMode.INDEX_TIME, grams(1, 20, true).getAnalysisMode());
    }

    @Test
    void badGramSizesAreAClearError() {
        assertThrows(IllegalArgumentException.class, () -> grams(0, 3, true));
        assertThrows(IllegalArgumentException.class, () -> grams(4, 3, true));
    }
}
