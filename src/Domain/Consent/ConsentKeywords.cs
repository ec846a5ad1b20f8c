using PesanAI.Domain.Common;

namespace PesanAI.Domain.Consent;

/// <summary>
/// A tenant's consent keywords: a customer message that is exactly one of <see cref="StopKeywords"/> opts the
/// customer out of marketing, one of <see cref="StartKeywords"/> opts them back in; the confirmations are the texts
/// to answer with (empty: no answer).
/// </summary>
public sealed record ConsentKeywordSettings(
    IReadOnlyList<string> StopKeywords,
    IReadOnlyList<string> StartKeywords,
    string OptOutConfirmation,
    string OptInConfirmation)
{
    /// <summary>Indonesian and English, since most of PesanAI's customers write one or the other.</summary>
    public static ConsentKeywordSettings Default { get; } = new(
        ["STOP", "BERHENTI", "UNSUBSCRIBE"],
        ["START", "MULAI"],
        "Anda tidak akan menerima pesan promosi lagi. Balas MULAI untuk berlangganan kembali. / "
            + "You will no longer receive promotional messages. Reply START to subscribe again.",
        "Anda berlangganan pesan promosi kembali. Balas BERHENTI untuk berhenti. / "
            + "You are subscribed to promotional messages again. Reply STOP to unsubscribe.");

    /// <summary>Value equality (a record compares lists by reference).</summary>
    public bool SameAs(ConsentKeywordSettings other) =>
        other is not null
        && StopKeywords.SequenceEqual(other.StopKeywords, StringComparer.Ordinal)
        && StartKeywords.SequenceEqual(other.StartKeywords, StringComparer.Ordinal)
        && OptOutConfirmation == other.OptOutConfirmation
        && OptInConfirmation == other.OptInConfirmation;
}

/// <summary>What a customer message says about consent.</summary>
public enum KeywordMatch
{
    None = 0,
    Stop = 1,
    Start = 2,
}

/// <summary>Keyword matching and the rules of keyword settings; pure.</summary>
public static class ConsentKeywords
{
    public const int MaxKeywords = 20;

    /// <summary>In UTF-16 code units, after trimming.</summary>
    public const int MaxKeywordLength = 50;

    /// <summary>Well below Meta's 4,096 for a text message.</summary>
    public const int MaxConfirmationLength = 1_000;

    /// <summary>
    /// Case-insensitive ("stop", "Stop" and "STOP" are one keyword) on the whole message text, trimmed:
    /// "STOP" matches, "please stop" does not. A keyword on both lists cannot happen (<see cref="Normalize"/>).
    /// </summary>
    public static KeywordMatch Match(ConsentKeywordSettings settings, string? text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CouldMatch(text))
        {
            return KeywordMatch.None;
        }

        var trimmed = text!.Trim();
        return settings.StopKeywords.Any(k => Same(k, trimmed)) ? KeywordMatch.Stop
            : settings.StartKeywords.Any(k => Same(k, trimmed)) ? KeywordMatch.Start
            : KeywordMatch.None;
    }

    /// <summary>Whether any settings could match the text: a cheap test before the settings are read.</summary>
    public static bool CouldMatch(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return false;
        }

        var length = text.AsSpan().Trim().Length;
        return length is > 0 and <= MaxKeywordLength;
    }

    public static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Trimmed keywords in the given order, the first of any case-insensitive repeat kept; trimmed confirmations.
    /// Refuses what would make matching ambiguous or opting out impossible.
    /// </summary>
    public static ConsentKeywordSettings Normalize(ConsentKeywordSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stop = Keywords(settings.StopKeywords);
        var start = Keywords(settings.StartKeywords);
        if (stop.Count == 0)
        {
            throw new DomainException("STOP_KEYWORD_REQUIRED", "Customers must always be able to opt out: keep at least one stop keyword.");
        }

        if (stop.FirstOrDefault(s => start.Any(k => Same(k, s))) is { } both)
        {
            throw new DomainException("KEYWORD_CONFLICT", $"'{both}' cannot both stop and start messages.");
        }

        return new ConsentKeywordSettings(stop, start, Confirmation(settings.OptOutConfirmation), Confirmation(settings.OptInConfirmation));
    }

    private static List<string> Keywords(IReadOnlyList<string>? keywords)
    {
        var kept = new List<string>();
        foreach (var keyword in keywords ?? [])
        {
            var trimmed = keyword?.Trim() ?? string.Empty;
            if (trimmed.Length == 0 || trimmed.Length > MaxKeywordLength || trimmed.Any(char.IsControl))
            {
                throw new DomainException("KEYWORD_INVALID", $"A keyword has 1 to {MaxKeywordLength} visible characters on one line.");
            }

            if (!kept.Any(k => Same(k, trimmed)))
            {
                kept.Add(trimmed);
            }
        }

        return kept.Count > MaxKeywords
            ? throw new DomainException("TOO_MANY_KEYWORDS", $"At most {MaxKeywords} keywords of each kind.")
            : kept;
    }

    private static string Confirmation(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > MaxConfirmationLength
            ? throw new DomainException("CONFIRMATION_TOO_LONG", $"A confirmation has at most {MaxConfirmationLength} characters.")
            : trimmed;
    }
}
