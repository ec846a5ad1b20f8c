using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

// Meta's webhook shapes, deserialized one object at a time (see WebhookPayload): containers (entry[],
// changes[], messages[], ...) are walked as JsonElements so one broken item never sinks its siblings, and
// the envelope's few scalars (object, entry[].id, changes[].field) are read from the document's index:
// a record for them would rescan everything beneath it. Unknown properties are skipped; names follow the
// snake_case policy of WebhookJsonContext.

internal sealed record MetadataDto
{
    public string? DisplayPhoneNumber { get; init; }

    public string? PhoneNumberId { get; init; }
}

internal sealed record ContactDto
{
    public ProfileDto? Profile { get; init; }

    public string? WaId { get; init; }

    public string? UserId { get; init; }
}

internal sealed record ProfileDto
{
    public string? Name { get; init; }

    public string? Username { get; init; }
}

internal sealed record ErrorDto
{
    public int? Code { get; init; }

    public string? Title { get; init; }

    public string? Message { get; init; }

    public ErrorDataDto? ErrorData { get; init; }
}

internal sealed record ErrorDataDto
{
    public string? Details { get; init; }
}

internal sealed record StatusDto
{
    public string? Id { get; init; }

    public string? Status { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }

    public string? RecipientId { get; init; }

    public string? RecipientUserId { get; init; }

    public string? BizOpaqueCallbackData { get; init; }

    public PricingDto? Pricing { get; init; }

    public IReadOnlyList<ErrorDto?>? Errors { get; init; }
}

internal sealed record PricingDto
{
    public bool? Billable { get; init; }

    public string? PricingModel { get; init; }

    public string? Category { get; init; }

    public string? Type { get; init; }
}

internal sealed record UserPreferenceDto
{
    public string? WaId { get; init; }

    public string? UserId { get; init; }

    public string? Detail { get; init; }

    public string? Category { get; init; }

    public string? Value { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }
}

internal sealed record TemplateStatusDto
{
    public string? Event { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? MessageTemplateId { get; init; }

    public string? MessageTemplateName { get; init; }

    public string? MessageTemplateLanguage { get; init; }

    public string? Reason { get; init; }

    public string? MessageTemplateCategory { get; init; }

    public DisableInfoDto? DisableInfo { get; init; }

    public OtherInfoDto? OtherInfo { get; init; }

    public RejectionInfoDto? RejectionInfo { get; init; }

    /// <summary><c>message_template_quality_update</c>.</summary>
    public string? PreviousQualityScore { get; init; }

    public string? NewQualityScore { get; init; }

    /// <summary><c>template_category_update</c>: after the change previous and new; a notice ahead of it correct and new (the current one).</summary>
    public string? PreviousCategory { get; init; }

    public string? NewCategory { get; init; }

    public string? CorrectCategory { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? CategoryUpdateTimestamp { get; init; }
}

internal sealed record DisableInfoDto
{
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? DisableDate { get; init; }
}

internal sealed record OtherInfoDto
{
    public string? Title { get; init; }

    public string? Description { get; init; }
}

internal sealed record RejectionInfoDto
{
    public string? Reason { get; init; }

    public string? Recommendation { get; init; }
}
