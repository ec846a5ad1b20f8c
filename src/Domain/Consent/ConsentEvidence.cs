using PesanAI.Domain.Common;

namespace PesanAI.Domain.Consent;

/// <summary>A statement refused by a consent rule: a stable reason and what is wrong, said of the field it names.</summary>
public sealed record ConsentProblem(string Reason, string Description)
{
    public DomainException ToException(string subject) => new(Reason, $"{subject} {Description}.");
}

/// <summary>
/// The rules a consent statement's evidence and time obey. Pure, so the API checks a request with them (and names
/// the field) before the decider enforces them again.
/// </summary>
public static class ConsentEvidence
{
    /// <summary>In UTF-16 code units, after trimming.</summary>
    public const int MaxLength = 1_000;

    /// <summary>How far ahead of the server's clock a client's collection time may be (clocks drift).</summary>
    public static TimeSpan ClockSkew { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Evidence is a URL (http or https, absolute, no spaces) or free text. Text that starts like a URL must be
    /// one: a typo in a form's address would otherwise be kept as "evidence" nobody can open.
    /// </summary>
    public static ConsentProblem? Check(string? evidence, bool required)
    {
        var value = evidence?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return required ? new ConsentProblem("EVIDENCE_REQUIRED", "is required for an opt-in: a URL or a text saying how the customer agreed") : null;
        }

        if (value.Length > MaxLength)
        {
            return new ConsentProblem("EVIDENCE_TOO_LONG", $"must be at most {MaxLength} characters");
        }

        if (LooksLikeUrl(value) && !IsUrl(value))
        {
            return new ConsentProblem("EVIDENCE_INVALID_URL", "starts like a URL but is not a valid http(s) URL");
        }

        return null;
    }

    public static ConsentProblem? CheckCollectedAt(DateTimeOffset collectedAt, DateTimeOffset now) =>
        collectedAt > now + ClockSkew ? new ConsentProblem("COLLECTED_IN_FUTURE", "must not be in the future") : null;

    /// <summary>Trimmed; null when empty.</summary>
    public static string? Normalize(string? evidence) => string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();

    public static bool IsUrl(string value) =>
        !value.Any(char.IsWhiteSpace)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;

    private static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
}
