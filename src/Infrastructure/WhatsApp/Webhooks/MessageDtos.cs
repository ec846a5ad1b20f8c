using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>What every message carries; the type's own object is read separately (see MessageMapper).</summary>
internal sealed record MessageHeaderDto
{
    public string? From { get; init; }

    public string? FromUserId { get; init; }

    public string? Id { get; init; }

    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }

    public string? Type { get; init; }

    public ContextDto? Context { get; init; }

    public ReferralDto? Referral { get; init; }

    public IReadOnlyList<ErrorDto?>? Errors { get; init; }
}

internal sealed record ContextDto
{
    public string? From { get; init; }

    public string? Id { get; init; }

    public bool? Forwarded { get; init; }

    public bool? FrequentlyForwarded { get; init; }

    public ReferredProductDto? ReferredProduct { get; init; }
}

internal sealed record ReferredProductDto
{
    public string? CatalogId { get; init; }

    public string? ProductRetailerId { get; init; }
}

internal sealed record ReferralDto
{
    public string? SourceUrl { get; init; }

    public string? SourceId { get; init; }

    public string? SourceType { get; init; }

    public string? Body { get; init; }

    public string? Headline { get; init; }

    public string? MediaType { get; init; }

    public string? ImageUrl { get; init; }

    public string? VideoUrl { get; init; }

    public string? ThumbnailUrl { get; init; }

    public string? CtwaClid { get; init; }

    public WelcomeMessageDto? WelcomeMessage { get; init; }
}

internal sealed record WelcomeMessageDto
{
    public string? Text { get; init; }
}
