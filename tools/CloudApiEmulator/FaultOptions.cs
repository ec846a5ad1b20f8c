using System.Text.Json.Serialization;

namespace PesanAI.CloudApiEmulator;

/// <summary>
/// Faults on the messages endpoint only. One seeded draw per request decides which fault (if any) applies,
/// so a run with the same seed and the same request order sees the same faults.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Added before answering any send.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Answer 500 or 503 without accepting.</summary>
    [JsonPropertyName("error_5xx_ratio")]
    public double Error5xxRatio { get; set; }

    /// <summary>Abort the connection without accepting.</summary>
    public double DropConnectionRatio { get; set; }

    /// <summary>Accept the message (it is recorded and gets its statuses), then never answer.</summary>
    public double TimeoutAfterAcceptRatio { get; set; }

    /// <summary>How long a timed-out send holds the connection before aborting it, unless the client gives up first.</summary>
    public int HangMs { get; set; } = 30_000;

    public int Seed { get; set; } = 1;
}
