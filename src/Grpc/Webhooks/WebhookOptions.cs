using System.ComponentModel.DataAnnotations;

namespace PesanAI.Host.Webhooks;

/// <summary>The operator's settings of Meta's webhook and of the ingest processor behind it.</summary>
public sealed class WebhookOptions
{
    /// <summary>A platform-wide Meta app secret that also verifies webhooks (numbers under one Meta app); unset: none.</summary>
    [ConfigurationKeyName("PESANAI_META_APP_SECRET")]
    public string? MetaAppSecret { get; set; }

    /// <summary>How long raw webhook bodies are kept before <see cref="RawWebhookRetention"/> deletes them.</summary>
    [ConfigurationKeyName("PESANAI_RAW_WEBHOOK_RETENTION_DAYS")]
    [Range(1, 3650, ErrorMessage = "PESANAI_RAW_WEBHOOK_RETENTION_DAYS must be between 1 and 3650 days.")]
    public int RawWebhookRetentionDays { get; set; } = 30;

    /// <summary>Whether this node runs the ingest processor (one node at a time does; the others stand by). Off: acknowledge only.</summary>
    [ConfigurationKeyName("PESANAI_INBOUND_PROCESSOR")]
    public bool ProcessorEnabled { get; set; } = true;

    /// <summary>Webhooks the processor claims at once (merged into one transaction per tenant while nothing fails).</summary>
    [ConfigurationKeyName("PESANAI_INBOUND_BATCH")]
    [Range(1, 1000, ErrorMessage = "PESANAI_INBOUND_BATCH must be between 1 and 1000 webhooks.")]
    public int ProcessorBatch { get; set; } = 1000;

    /// <summary>Failed attempts after which a webhook is parked (listed and replayed by an operator) instead of tried again.</summary>
    [ConfigurationKeyName("PESANAI_INBOUND_MAX_ATTEMPTS")]
    [Range(1, 100, ErrorMessage = "PESANAI_INBOUND_MAX_ATTEMPTS must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Pending webhook bytes above which the endpoint answers 503 with Retry-After, so that Meta retries later.</summary>
    [ConfigurationKeyName("PESANAI_INBOUND_MAX_BACKLOG_MB")]
    [Range(1, 1_000_000, ErrorMessage = "PESANAI_INBOUND_MAX_BACKLOG_MB must be between 1 and 1000000 MB.")]
    public int MaxBacklogMegabytes { get; set; } = 1024;

    /// <summary>Processing lag (age of the oldest pending webhook) above which the health check reports Degraded.</summary>
    [ConfigurationKeyName("PESANAI_INBOUND_MAX_LAG_SECONDS")]
    [Range(1, 86_400, ErrorMessage = "PESANAI_INBOUND_MAX_LAG_SECONDS must be between 1 and 86400 seconds.")]
    public int MaxLagSeconds { get; set; } = 30;

    public long MaxBacklogBytes => MaxBacklogMegabytes * 1024L * 1024L;
}
