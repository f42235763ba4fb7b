package com.folio.fluent.rules;

import com.apollographql.apollo.api.Mutation;
import com.folio.fluent.graphql.type.AttributeInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java side of the mapping agrees with itself: class names, .graphql documents, attribute types. */
class FolioContractTest {
    private static final List<AttributeInput> ONE = Collections.singletonList(
        AttributeInput.builder().name("folioViewUrl").type("STRING").value("https://x").build());

    @Test
    void eachEntityUpdateBuildsTheMutationItNames() {
        for (FolioContract.EntityUpdate update : FolioContract.EntityUpdate.values()) {
            Mutation<?, ?, ?> mutation = update.mutation("KEY", "1", ONE);
            assertEquals(update.mutationName, Vectors.mutationName(mutation), update.name());
        }
    }

    @Test
    void eachEntityUpdateHasItsGraphqlDocument() throws Exception {
        Path dir = Paths.get(System.getProperty("folio.graphql.dir", "src/main/graphql"));
        for (FolioContract.EntityUpdate update : FolioContract.EntityUpdate.values()) {
            String operation = Character.toUpperCase(update.mutationName.charAt(0)) + update.mutationName.substring(1);
            Path file = dir.resolve("mutation").resolve(operation + ".graphql");
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertTrue(text.contains("mutation " + operation + "($input: " + update.inputType + ")"), file.toString());
            assertTrue(text.contains(update.mutationName + "(input: $input)"), file.toString());
        }
    }

    @Test
    void allowListHasNoDuplicatesAndOnlyStorageAndRefundPlanAreJson() {
        assertEquals(FolioContract.ATTRIBUTE_ALLOW_LIST.size(), new HashSet<>(FolioContract.ATTRIBUTE_ALLOW_LIST).size());
        for (String name : FolioContract.ATTRIBUTE_ALLOW_LIST) {
            boolean json = name.equals("folioStorage") || name.equals("folioRefundPlan") || name.equals("folioEInvoices");
            assertEquals(json ? "JSON" : "STRING", FolioContract.attributeType(name), name);
        }
    }
}
