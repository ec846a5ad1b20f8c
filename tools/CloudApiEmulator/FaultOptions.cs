using System.Text.Json.Serialization;

namespace PesanAI.CloudApiEmulator;

/// <summary>
/// Faults on the messages endpoint and, with the <c>Media</c> settings, on <c>GET /{media-id}</c> and the media
/// download. One seeded draw per request decides which fault (if any) applies, so a run with the same seed and the
/// same request order sees the same faults; media requests draw from their own generator, so adding them does not
/// shift the faults sends see.
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

    /// <summary>Added before <c>GET /{media-id}</c> answers and before a download sends its first byte.</summary>
    public int MediaLatencyMs { get; set; }

    /// <summary><c>GET /{media-id}</c> or the download answers 500 or 503.</summary>
    [JsonPropertyName("media_error_5xx_ratio")]
    public double MediaError5xxRatio { get; set; }

    /// <summary><c>GET /{media-id}</c> announces the SHA-256 of other bytes.</summary>
    [JsonPropertyName("media_wrong_sha256_ratio")]
    public double MediaWrongSha256Ratio { get; set; }

    /// <summary>The download announces the full Content-Length, sends half the bytes, then aborts the connection.</summary>
    public double MediaTruncateRatio { get; set; }

    /// <summary>The download sends more bytes than <c>file_size</c> announced (no Content-Length, so only counting shows it).</summary>
    public double MediaOversizeRatio { get; set; }

    public int Seed { get; set; } = 1;
}
