using System.Text.Json;
using PesanAI.Application.Inbound;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>One <c>changes[]</c> element, by its <c>field</c>.</summary>
internal static class WebhookChanges
{
    private static WebhookJsonContext Json => WebhookJsonContext.Default;

    public static WebhookChange? Map(string? wabaId, JsonElement change, string path, ParseProblems problems)
    {
        if (change.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object, found {JsonItems.Describe(change.ValueKind)}");
            return null;
        }

        if (!JsonItems.TryGetString(change, "field", out var field, out var reason))
        {
            problems.Add(path, reason);
            return null;
        }

        if (string.IsNullOrEmpty(field) || !change.TryGetProperty("value", out var value))
        {
            problems.Add(path, "field or value is missing");
            return null;
        }

        path += ".value";
        switch (field)
        {
            case "messages":
                return TryMetadata(value, path, problems, expected: true, out var metadata) ? Messages(field, wabaId, metadata, value, path, problems) : null;
            case "user_preferences":
                return TryMetadata(value, path, problems, expected: true, out metadata) ? UserPreferences(field, wabaId, metadata, value, path, problems) : null;
            case "message_template_status_update" or "message_template_quality_update" or "template_category_update":
                return ChangeMappers.TemplateStatus(field, wabaId ?? string.Empty, value, path, problems) is { } template
                    ? new WebhookChange(field, wabaId, null, null) { TemplateStatus = template }
                    : null;
            case Application.Inbound.HealthReport.QualityField or Application.Inbound.HealthReport.CapabilityField or Application.Inbound.HealthReport.AccountField:
                return HealthMapper.Map(field, wabaId, value, path, problems) is { } health
                    ? new WebhookChange(field, wabaId, null, null) { Health = health }
                    : null;
            default:
                metadata = null;
                if (value.ValueKind == JsonValueKind.Object)
                {
                    TryMetadata(value, path, problems, expected: false, out metadata);
                }

                return new WebhookChange(field, wabaId, metadata?.PhoneNumberId, metadata?.DisplayPhoneNumber)
                {
                    Unhandled = new UnhandledChange(field, value.GetRawText()),
                };
        }
    }

    private static WebhookChange Messages(string field, string? wabaId, MetadataDto? metadata, JsonElement value, string path, ParseProblems problems)
    {
        var contacts = Contacts(value, path, problems);
        var messages = new List<WebhookMessage>();
        var statuses = new List<WebhookStatus>();
        var errors = new List<MessageError>();
        var i = 0;
        foreach (var element in JsonItems.Array(value, "messages", path, problems))
        {
            if (MessageMapper.Map(element, $"{path}.messages[{i++}]", contacts, problems) is { } message)
            {
                messages.Add(message);
            }
        }

        i = 0;
        foreach (var element in JsonItems.Array(value, "statuses", path, problems))
        {
            if (StatusMapper.Map(element, $"{path}.statuses[{i++}]", problems) is { } status)
            {
                statuses.Add(status);
            }
        }

        i = 0;
        foreach (var element in JsonItems.Array(value, "errors", path, problems))
        {
            var itemPath = $"{path}.errors[{i++}]";
            if (!JsonItems.TryRead(element, Json.ErrorDto, out var dto, out var reason))
            {
                problems.Add(itemPath, reason);
            }
            else if (Errors.Map(dto) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                problems.Add(itemPath, "code is missing");
            }
        }

        return new WebhookChange(field, wabaId, metadata?.PhoneNumberId, metadata?.DisplayPhoneNumber)
        {
            Messages = messages,
            Statuses = statuses,
            Errors = errors,
        };
    }

    private static WebhookChange UserPreferences(string field, string? wabaId, MetadataDto? metadata, JsonElement value, string path, ParseProblems problems)
    {
        var contacts = Contacts(value, path, problems);
        var preferences = new List<CustomerPreference>();
        var i = 0;
        foreach (var element in JsonItems.Array(value, "user_preferences", path, problems))
        {
            if (ChangeMappers.UserPreference(element, $"{path}.user_preferences[{i++}]", contacts, problems) is { } preference)
            {
                preferences.Add(preference);
            }
        }

        return new WebhookChange(field, wabaId, metadata?.PhoneNumberId, metadata?.DisplayPhoneNumber) { UserPreferences = preferences };
    }

    /// <summary>
    /// A value must be an object with readable metadata; metadata itself may be absent (noted where
    /// <paramref name="expected"/>: messages and user_preferences are routed by it).
    /// </summary>
    private static bool TryMetadata(JsonElement value, string path, ParseProblems problems, bool expected, out MetadataDto? metadata)
    {
        metadata = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object, found {JsonItems.Describe(value.ValueKind)}");
            return false;
        }

        if (value.TryGetProperty("metadata", out var element) && element.ValueKind != JsonValueKind.Null)
        {
            if (!JsonItems.TryRead(element, Json.MetadataDto, out metadata, out var reason))
            {
                problems.Add($"{path}.metadata", reason);
                return false;
            }
        }

        if (expected && metadata?.PhoneNumberId is null)
        {
            problems.Add($"{path}.metadata.phone_number_id", "missing");
        }

        return true;
    }

    private static CustomerLookup Contacts(JsonElement value, string path, ParseProblems problems)
    {
        var contacts = new CustomerLookup();
        var i = 0;
        foreach (var element in JsonItems.Array(value, "contacts", path, problems))
        {
            if (JsonItems.TryRead(element, Json.ContactDto, out var contact, out var reason))
            {
                contacts.Add(contact);
            }
            else
            {
                problems.Add($"{path}.contacts[{i}]", reason);
            }

            i++;
        }

        return contacts;
    }
}
