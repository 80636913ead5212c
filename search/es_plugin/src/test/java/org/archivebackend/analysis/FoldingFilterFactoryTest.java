package org.archivebackend.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldingFilterFactoryTest {
    static FoldingFilterFactory folding(boolean preserve) {
        return new FoldingFilterFactory(() -> preserve);
    }

    @Test
    void foldsDiacritics() throws IOException {
        assertEquals(List.of("vlasov", "zizkov", "strasse"), Tokens.of("Vlásov Žižkov Straße", folding(false)::create));
    }

    @Test
    void preservesTheOriginalAtTheSamePosition() throws IOException {
        assertEquals(List.of("vlasov|vlásov", "praha"), Tokens.of("Vlásov Praha", folding(true)::create));
    }

    @Test
    void leavesCyrillicAlone() throws IOException {
        assertEquals(List.of("власов"), Tokens.of("Власов", folding(true)::create));
    }

    @Test
    void normalizeNeverDoubles() throws IOException {
        assertEquals(List.of("vlasov"), Tokens.of("Vlásov", folding(true)::normalize));
    }
}
