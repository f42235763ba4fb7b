package com.folio.fluent.rules;

import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.exceptions.RubixException;
import com.fluentretail.rubix.rule.meta.EventInfo;
import com.fluentretail.rubix.rule.meta.EventInfoVariables;
import com.fluentretail.rubix.rule.meta.ParamString;
import com.fluentretail.rubix.rule.meta.RuleInfo;
import com.fluentretail.rubix.v2.context.Context;
import com.fluentretail.rubix.v2.rule.Rule;
import com.folio.fluent.graphql.query.GetSettingsQuery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Asks Folio for a document: posts the triggering event to Folio's webhook endpoint with a fresh id,
 * the webhook event name, and the event's attributes plus `documentType` and, when configured,
 * `locale`. The endpoint comes from a JSON setting {"name": <event name>, "url": <endpoint>} (prop
 * `setting`, like core.SendWebhook) or from prop `url` (event name FolioDocumentRequested).
 *
 * Mirrored for the emulator by scripts/emulator/rules/folio-send-document-webhook.ts; both run the
 * vectors in fluent-rules/vectors/.
 */
@RuleInfo(
    name = "SendDocumentWebhook",
    description = "Send a Folio document request ({" + SendDocumentWebhook.PROP_DOCUMENT_TYPE + "}) to the webhook in "
        + "setting {" + SendDocumentWebhook.PROP_SETTING + "} or to {" + SendDocumentWebhook.PROP_URL + "}",
    accepts = {
        @EventInfo(entityType = "INVOICE"),
        @EventInfo(entityType = "CREDIT_MEMO"),
        @EventInfo(entityType = "ORDER"),
        @EventInfo(entityType = "FULFILMENT"),
        @EventInfo(entityType = "RETURN_ORDER"),
        @EventInfo(entityType = "PAYMENT"),
        @EventInfo(entityType = "BILLING_ACCOUNT")
    },
    produces = {
        @EventInfo(
            eventName = FolioContract.DOCUMENT_REQUESTED_EVENT,
            entityType = EventInfoVariables.EVENT_TYPE,
            entitySubtype = EventInfoVariables.EVENT_SUBTYPE,
            status = EventInfoVariables.EVENT_STATUS)
    }
)
@ParamString(name = SendDocumentWebhook.PROP_SETTING,
    description = "Name of a JSON setting {\"name\": \"FolioDocumentRequested\", \"url\": \"https://…\"}; give this or url")
@ParamString(name = SendDocumentWebhook.PROP_URL,
    description = "Folio's webhook URL (event name FolioDocumentRequested); give this or setting")
@ParamString(name = SendDocumentWebhook.PROP_DOCUMENT_TYPE,
    description = "Document to generate, e.g. INVOICE, CREDIT_NOTE, SHIPMENT_NOTE")
@ParamString(name = SendDocumentWebhook.PROP_LOCALE,
    description = "Optional locale, e.g. en-AU; without it the event's own locale attribute (if any) is sent")
public class SendDocumentWebhook implements Rule {
    public static final String PROP_SETTING = "setting";
    public static final String PROP_URL = "url";
    public static final String PROP_DOCUMENT_TYPE = "documentType";
    public static final String PROP_LOCALE = "locale";

    /** Enough rows for one setting name across GLOBAL, ACCOUNT and every RETAILER context. */
    static final int SETTINGS_PAGE_SIZE = 100;

    /** http(s), a host, no whitespace or control characters (same pattern in the TypeScript mirror). */
    static final Pattern URL_PATTERN = Pattern.compile("^https?://[^\\x00-\\x20/?#]+(?:[/?#][^\\x00-\\x20]*)?$",
        Pattern.CASE_INSENSITIVE);
    static final Pattern DOCUMENT_TYPE_PATTERN = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,49}$");
    static final Pattern LOCALE_PATTERN = Pattern.compile("^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$");

    @Override
    public <C extends Context> void run(C context) {
        Event event = context.getEvent();

        String documentType = prop(context, PROP_DOCUMENT_TYPE);
        if (documentType == null) {
            throw new RubixException(422, "SendDocumentWebhook: prop 'documentType' is required (e.g. INVOICE)");
        }
        if (!DOCUMENT_TYPE_PATTERN.matcher(documentType).matches()) {
            throw new RubixException(422, "SendDocumentWebhook: prop 'documentType' is invalid: '" + documentType
                + "' (letters, digits and _, e.g. CREDIT_NOTE)");
        }
        String locale = prop(context, PROP_LOCALE);
        if (locale != null && !LOCALE_PATTERN.matcher(locale).matches()) {
            throw new RubixException(422, "SendDocumentWebhook: prop 'locale' is invalid: '" + locale + "' (e.g. en-AU)");
        }

        Target target = target(context, event);

        Map<String, Object> attributes = new LinkedHashMap<>();
        if (event.getAttributes() != null) attributes.putAll(event.getAttributes());
        attributes.put(FolioContract.WEBHOOK_ATTRIBUTE_DOCUMENT_TYPE, documentType);
        if (locale != null) attributes.put(FolioContract.WEBHOOK_ATTRIBUTE_LOCALE, locale);

        Event webhook = event.toBuilder()
            .id(UUID.randomUUID())
            .name(target.eventName)
            .attributes(attributes)
            .build();
        context.action().postWebhook(target.url, webhook);
    }

    /** Where the webhook goes and under which event name. */
    static final class Target {
        final String url;
        final String eventName;

        Target(String url, String eventName) {
            this.url = url;
            this.eventName = eventName;
        }
    }

    private static Target target(Context context, Event event) {
        String settingName = prop(context, PROP_SETTING);
        String url = prop(context, PROP_URL);
        if (settingName == null && url == null) {
            throw new RubixException(422, "SendDocumentWebhook: needs prop 'setting' (name of a JSON setting "
                + "{\"name\":…,\"url\":…}) or prop 'url'");
        }
        if (settingName != null && url != null) {
            throw new RubixException(422, "SendDocumentWebhook: give prop 'setting' or prop 'url', not both");
        }
        if (url != null) {
            if (!URL_PATTERN.matcher(url).matches()) {
                throw new RubixException(422, "SendDocumentWebhook: prop 'url' is not an http(s) URL: '" + url + "'");
            }
            return new Target(url, FolioContract.DOCUMENT_REQUESTED_EVENT);
        }

        Object value = loadSetting(context, event, settingName);
        if (value == null) {
            throw new RubixException(422, "SendDocumentWebhook: setting '" + settingName + "' not found for retailer "
                + event.getRetailerId() + " or the account");
        }
        Map<String, Object> setting = SdkRuntime.jsonObject(value, 422, "SendDocumentWebhook: setting '" + settingName
            + "' must be a JSON object {\"name\":…,\"url\":…}");
        Object settingUrl = setting.get("url");
        if (!(settingUrl instanceof String) || !URL_PATTERN.matcher((String) settingUrl).matches()) {
            throw new RubixException(422, "SendDocumentWebhook: setting '" + settingName + "' has no valid http(s) 'url'");
        }
        Object name = setting.get("name");
        if (name == null) return new Target((String) settingUrl, FolioContract.DOCUMENT_REQUESTED_EVENT);
        if (!(name instanceof String) || ((String) name).trim().isEmpty()) {
            throw new RubixException(422, "SendDocumentWebhook: setting '" + settingName
                + "' has an invalid 'name' (the webhook event name)");
        }
        return new Target((String) settingUrl, ((String) name).trim());
    }

    /**
     * The setting's value: the event retailer's RETAILER setting, else the ACCOUNT one, else the GLOBAL
     * one: its `lobValue` (the Json scalar: a Jackson JsonNode at run time, see SdkRuntime) when set,
     * otherwise its `value` (a String, which may hold JSON text).
     */
    private static Object loadSetting(Context context, Event event, String name) {
        GetSettingsQuery query = GetSettingsQuery.builder()
            .name(Collections.singletonList(name))
            .first(SETTINGS_PAGE_SIZE)
            .build();
        GetSettingsQuery.Data data = (GetSettingsQuery.Data) context.api().query(query);
        if (data == null || data.settings() == null || data.settings().edges() == null) return null;

        GetSettingsQuery.Node best = null;
        int bestRank = Integer.MAX_VALUE;
        for (GetSettingsQuery.Edge edge : data.settings().edges()) {
            GetSettingsQuery.Node node = edge == null ? null : edge.node();
            if (node == null || !name.equals(node.name())) continue;
            int rank = rank(node, event.getRetailerId());
            if (rank < bestRank) {
                best = node;
                bestRank = rank;
            }
        }
        if (best == null) return null;
        return best.lobValue() != null ? best.lobValue() : best.value();
    }

    /** Lower is better; MAX_VALUE = not applicable to this event (another retailer, an agent, a customer). */
    private static int rank(GetSettingsQuery.Node node, String retailerId) {
        String settingContext = node.context() == null ? "" : node.context().toUpperCase();
        if ("RETAILER".equals(settingContext)) {
            return String.valueOf(node.contextId()).equals(retailerId) ? 0 : Integer.MAX_VALUE;
        }
        if ("ACCOUNT".equals(settingContext)) return 1;
        if ("GLOBAL".equals(settingContext)) return 2;
        return Integer.MAX_VALUE;
    }

    /** A prop's trimmed value, or null when it is absent or blank. */
    private static String prop(Context context, String name) {
        String value = context.getProp(name);
        if (value == null) return null;
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
