package com.folio.fluent.rules;

import com.apollographql.apollo.api.Mutation;
import com.folio.fluent.graphql.mutation.UpdateCreditMemoMutation;
import com.folio.fluent.graphql.mutation.UpdateFulfilmentMutation;
import com.folio.fluent.graphql.mutation.UpdateInvoiceMutation;
import com.folio.fluent.graphql.mutation.UpdateOrderMutation;
import com.folio.fluent.graphql.mutation.UpdatePaymentMutation;
import com.folio.fluent.graphql.mutation.UpdateReturnOrderMutation;
import com.folio.fluent.graphql.type.AttributeInput;
import com.folio.fluent.graphql.type.RetailerId;
import com.folio.fluent.graphql.type.UpdateCreditMemoInput;
import com.folio.fluent.graphql.type.UpdateFulfilmentInput;
import com.folio.fluent.graphql.type.UpdateInvoiceInput;
import com.folio.fluent.graphql.type.UpdateOrderInput;
import com.folio.fluent.graphql.type.UpdatePaymentInput;
import com.folio.fluent.graphql.type.UpdateReturnOrderInput;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The Fluent-facing half of Folio's contract, mirroring connector/fluent/contract.ts: event names, the
 * attribute allow-list and attribute types, and which update mutation writes each entity type.
 * test/fluent-rules/vectors.test.ts reads this file and fails if it drifts from contract.ts.
 */
public final class FolioContract {
    /** Default name of the webhook event (contract.ts DOCUMENT_REQUESTED_EVENT). */
    public static final String DOCUMENT_REQUESTED_EVENT = "FolioDocumentRequested";
    /** Events the connector posts back through the Event API. */
    public static final String DOCUMENT_GENERATED_EVENT = "FolioDocumentGenerated";
    public static final String DOCUMENT_FAILED_EVENT = "FolioDocumentFailed";
    /** Setting holding the connector endpoint: {"name": <event>, "url": <endpoint>}. */
    public static final String WEBHOOK_SETTING_NAME = "folio.webhook";

    /** Attributes SendDocumentWebhook adds to the webhook event (read by the connector). */
    public static final String WEBHOOK_ATTRIBUTE_DOCUMENT_TYPE = "documentType";
    public static final String WEBHOOK_ATTRIBUTE_LOCALE = "locale";

    /** Attribute names written onto the Fluent entity (contract.ts ATTRIBUTE), in contract.ts order. */
    public static final String ATTRIBUTE_DOCUMENT_TYPE = "folioDocumentType";
    public static final String ATTRIBUTE_DOCUMENT_NUMBER = "folioDocumentNumber";
    public static final String ATTRIBUTE_VIEW_URL = "folioViewUrl";
    public static final String ATTRIBUTE_DOWNLOAD_URL = "folioDownloadUrl";
    public static final String ATTRIBUTE_FILE_NAME = "folioFileName";
    public static final String ATTRIBUTE_STORAGE = "folioStorage";
    public static final String ATTRIBUTE_SHA256 = "folioSha256";
    public static final String ATTRIBUTE_GENERATED_ON = "folioGeneratedOn";
    public static final String ATTRIBUTE_FAILURE_REASON = "folioFailureReason";
    public static final String ATTRIBUTE_FAILED_ON = "folioFailedOn";
    public static final String ATTRIBUTE_DELIVERY_STATUS = "folioDeliveryStatus";
    public static final String ATTRIBUTE_DELIVERED_VIA = "folioDeliveredVia";
    public static final String ATTRIBUTE_DELIVERED_ON = "folioDeliveredOn";
    /** Credit memos and return orders: the refund by tender, a JSON object. */
    public static final String ATTRIBUTE_REFUND_PLAN = "folioRefundPlan";
    /** Invoices and credit memos: the e-invoices stored beside the PDF by format, a JSON object. */
    public static final String ATTRIBUTE_EINVOICES = "folioEInvoices";

    /** The only attributes ApplyDocumentUpdate writes (contract.ts ATTRIBUTE_ALLOW_LIST), in this order. */
    public static final List<String> ATTRIBUTE_ALLOW_LIST = Collections.unmodifiableList(Arrays.asList(
        ATTRIBUTE_DOCUMENT_TYPE,
        ATTRIBUTE_DOCUMENT_NUMBER,
        ATTRIBUTE_VIEW_URL,
        ATTRIBUTE_DOWNLOAD_URL,
        ATTRIBUTE_FILE_NAME,
        ATTRIBUTE_STORAGE,
        ATTRIBUTE_SHA256,
        ATTRIBUTE_GENERATED_ON,
        ATTRIBUTE_FAILURE_REASON,
        ATTRIBUTE_FAILED_ON,
        ATTRIBUTE_DELIVERY_STATUS,
        ATTRIBUTE_DELIVERED_VIA,
        ATTRIBUTE_DELIVERED_ON,
        ATTRIBUTE_REFUND_PLAN,
        ATTRIBUTE_EINVOICES));

    public static final String ATTRIBUTE_TYPE_STRING = "STRING";
    public static final String ATTRIBUTE_TYPE_JSON = "JSON";

    private FolioContract() {
    }

    /** Fluent attribute type of an allow-listed attribute (contract.ts ATTRIBUTE_TYPE). */
    public static String attributeType(String name) {
        return ATTRIBUTE_STORAGE.equals(name) || ATTRIBUTE_REFUND_PLAN.equals(name) || ATTRIBUTE_EINVOICES.equals(name)
            ? ATTRIBUTE_TYPE_JSON
            : ATTRIBUTE_TYPE_STRING;
    }

    /** How an entity is addressed in its update input (contract.ts ENTITY_UPDATE_MUTATION key). */
    public enum Key {
        REF("ref", "entityRef"),
        ID("id", "entityId");

        /** Field of the update input. */
        public final String inputField;
        /** Field of the event that carries the value. */
        public final String eventField;

        Key(String inputField, String eventField) {
            this.inputField = inputField;
            this.eventField = eventField;
        }
    }

    /**
     * Entity types that carry documents and the GraphQL update mutation that writes their attributes
     * (contract.ts ENTITY_UPDATE_MUTATION). UpdateReturnOrderInput also requires `retailer: RetailerId!`
     * (schema: `input UpdateReturnOrderInput { ref: String! retailer: RetailerId! … }`). updatePayment is
     * newer than the 2020 schema: Fluent's GraphQL reference documents `UpdatePaymentInput { ref: String! … }`.
     */
    public enum EntityUpdate {
        INVOICE("updateInvoice", "UpdateInvoiceInput", Key.REF, false) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdateInvoiceMutation.builder()
                    .input(UpdateInvoiceInput.builder().ref(key).attributes(attributes).build())
                    .build();
            }
        },
        CREDIT_MEMO("updateCreditMemo", "UpdateCreditMemoInput", Key.REF, false) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdateCreditMemoMutation.builder()
                    .input(UpdateCreditMemoInput.builder().ref(key).attributes(attributes).build())
                    .build();
            }
        },
        ORDER("updateOrder", "UpdateOrderInput", Key.ID, false) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdateOrderMutation.builder()
                    .input(UpdateOrderInput.builder().id(key).attributes(attributes).build())
                    .build();
            }
        },
        FULFILMENT("updateFulfilment", "UpdateFulfilmentInput", Key.ID, false) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdateFulfilmentMutation.builder()
                    .input(UpdateFulfilmentInput.builder().id(key).attributes(attributes).build())
                    .build();
            }
        },
        RETURN_ORDER("updateReturnOrder", "UpdateReturnOrderInput", Key.REF, true) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdateReturnOrderMutation.builder()
                    .input(UpdateReturnOrderInput.builder()
                        .ref(key)
                        .retailer(RetailerId.builder().id(retailerId).build())
                        .attributes(attributes)
                        .build())
                    .build();
            }
        },
        PAYMENT("updatePayment", "UpdatePaymentInput", Key.REF, false) {
            @Override
            public Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes) {
                return UpdatePaymentMutation.builder()
                    .input(UpdatePaymentInput.builder().ref(key).attributes(attributes).build())
                    .build();
            }
        };

        /** GraphQL mutation field, e.g. updateInvoice. */
        public final String mutationName;
        /** GraphQL input type, e.g. UpdateInvoiceInput. */
        public final String inputType;
        public final Key key;
        /** Whether the input also needs the event's retailer (`retailer: {id}`). */
        public final boolean needsRetailer;

        EntityUpdate(String mutationName, String inputType, Key key, boolean needsRetailer) {
            this.mutationName = mutationName;
            this.inputType = inputType;
            this.key = key;
            this.needsRetailer = needsRetailer;
        }

        /** The update mutation for one entity, upserting the given attributes. */
        public abstract Mutation<?, ?, ?> mutation(String key, String retailerId, List<AttributeInput> attributes);

        /** The update for an entity type, or null when Folio does not write documents onto it. */
        public static EntityUpdate forEntityType(String entityType) {
            for (EntityUpdate update : values()) {
                if (update.name().equals(entityType)) return update;
            }
            return null;
        }

        /** Supported entity types, comma-separated, for error messages. */
        public static String supported() {
            StringBuilder out = new StringBuilder();
            for (EntityUpdate update : values()) {
                if (out.length() > 0) out.append(", ");
                out.append(update.name());
            }
            return out.toString();
        }
    }
}
