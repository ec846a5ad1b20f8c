namespace PesanAI.Bench;

/// <summary>
/// What the ingest processor did with a span of acknowledged webhooks: how many messages it stored per second, and
/// (where the span was sent while the processor ran) the lag from each webhook's acknowledgement to its settlement.
/// </summary>
internal sealed record ProcessingResult(string Name, long Webhooks, long Messages, double Seconds, LatencySummary? Lag, double? OfferedPerSecond = null)
{
    public double MessagesPerSecond => Seconds > 0 ? Messages / Seconds : 0;

    public double WebhooksPerSecond => Seconds > 0 ? Webhooks / Seconds : 0;
}
