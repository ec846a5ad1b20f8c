namespace PesanAI.Domain.Automation;

public enum AiProvider
{
    /// <summary>The knowledge-base responder in process: no network, no model.</summary>
    Embedded = 1,
    OpenAiCompatible = 2,
    Ollama = 3,
}

/// <summary>What happens when an external provider fails (timeout, error, unusable answer).</summary>
public enum ProviderFailure
{
    /// <summary>Decide with the embedded responder instead.</summary>
    Embedded = 1,
    HandOff = 2,
}

/// <summary>Opening hours on one day of the week, in the tenant's time zone (<see cref="Closes"/> after <see cref="Opens"/>).</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>When people are there; outside these hours the AI sends <see cref="AwayMessage"/> (once per conversation per day).</summary>
public sealed record BusinessHours(string TimeZone, IReadOnlyList<OpeningHours> Week, string AwayMessage)
{
    public bool IsOpen(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Week.Any(h => h.Day == local.DayOfWeek && time >= h.Opens && time < h.Closes);
    }

    /// <summary>The tenant's calendar day of <paramref name="now"/> (the away message goes once per conversation per such day).</summary>
    public DateOnly DayOf(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}

/// <summary>
/// How a tenant's AI answers customers. Secrets arrive protected: <see cref="ProtectedApiKey"/> is ciphertext.
/// Customer text leaves the platform only for an external provider and only when <see cref="AllowExternalProcessing"/>;
/// then phone numbers, emails and card-like numbers are redacted first when <see cref="Redact"/>.
/// </summary>
public sealed record AiSettings(
    bool Enabled,
    AiProvider Provider,
    string? BaseUrl,
    string? Model,
    string? ProtectedApiKey,
    string Persona,
    int MaxReplyLength,
    IReadOnlyList<string> ReplyLanguages,
    IReadOnlyList<string> HandOffKeywords,
    double ConfidenceThreshold,
    int MaxConsecutiveReplies,
    BusinessHours? Hours,
    bool AllowExternalProcessing,
    bool Redact,
    ProviderFailure OnFailure,
    string? UnsupportedTypeReply,
    TimeSpan Timeout)
{
    public const int MetaTextLimit = 4096;

    /// <summary>Off until the tenant turns it on; embedded; the knowledge responder's defaults.</summary>
    public static AiSettings Default { get; } = new(
        Enabled: false,
        AiProvider.Embedded,
        BaseUrl: null,
        Model: null,
        ProtectedApiKey: null,
        Persona: "Anda asisten layanan pelanggan yang ramah. / You are a friendly customer-service assistant.",
        MaxReplyLength: 1000,
        ReplyLanguages: ["id", "en"],
        HandOffKeywords: ["agent", "human", "manusia", "cs", "operator", "admin"],
        ConfidenceThreshold: Knowledge.ReplyPolicy.DefaultThreshold,
        MaxConsecutiveReplies: 3,
        Hours: null,
        AllowExternalProcessing: false,
        Redact: true,
        ProviderFailure.Embedded,
        UnsupportedTypeReply: null,
        Timeout: TimeSpan.FromSeconds(10));
}
