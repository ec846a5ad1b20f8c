namespace PesanAI.CloudApiEmulator;

/// <summary>
/// At-least-once delivery like Meta's, with retries short enough for tests (Meta retries for days).
/// </summary>
public sealed class WebhookDeliveryOptions
{
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Doubles after each failed attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Posts in flight at once; Meta delivers concurrently too.</summary>
    public int Concurrency { get; set; } = 4;
}
