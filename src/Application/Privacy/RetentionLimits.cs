namespace PesanAI.Application.Privacy;

/// <summary>
/// What the platform's own settings allow a tenant's policy: raw webhook bodies are the platform's copy, deleted after
/// the platform's retention whatever a tenant asks, so a tenant may shorten that period, never lengthen it.
/// </summary>
public sealed record RetentionLimits(TimeSpan WebhookBodiesMax);
