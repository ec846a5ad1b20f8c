using System.ComponentModel.DataAnnotations;

namespace PesanAI.Host.Webhooks;

/// <summary>The operator's settings of Meta's webhook.</summary>
public sealed class WebhookOptions
{
    /// <summary>A platform-wide Meta app secret that also verifies webhooks (numbers under one Meta app); unset: none.</summary>
    [ConfigurationKeyName("PESANAI_META_APP_SECRET")]
    public string? MetaAppSecret { get; set; }

    /// <summary>How long raw webhook bodies are kept before <see cref="RawWebhookRetention"/> deletes them.</summary>
    [ConfigurationKeyName("PESANAI_RAW_WEBHOOK_RETENTION_DAYS")]
    [Range(1, 3650, ErrorMessage = "PESANAI_RAW_WEBHOOK_RETENTION_DAYS must be between 1 and 3650 days.")]
    public int RawWebhookRetentionDays { get; set; } = 30;
}
