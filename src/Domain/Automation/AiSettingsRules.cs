using System.Text.RegularExpressions;
using PesanAI.Domain.Common;

namespace PesanAI.Domain.Automation;

/// <summary>AI settings refused by a rule: the field it concerns (as the API names it), a stable reason and what is wrong.</summary>
public sealed record AiSettingsProblem(string Field, string Reason, string Description)
{
    public DomainException ToException() => new(Reason, $"{Field} {Description}.");
}

/// <summary>
/// The rules a tenant's <see cref="AiSettings"/> obey. Pure, so the API checks a request with them (naming every bad
/// field) before the decider enforces them again. An external provider with <see cref="AiSettings.AllowExternalProcessing"/>
/// off is allowed: the responder then never calls it and falls back as <see cref="AiSettings.OnFailure"/> says.
/// </summary>
public static partial class AiSettingsRules
{
    public const int MaxPersonaLength = 4_000;
    public const int MaxBaseUrlLength = 2_048;
    public const int MaxModelLength = 200;
    public const int MaxHandOffKeywords = 50;
    public const int MaxKeywordLength = 50;
    public const int MaxReplyLanguages = 10;

    /// <summary>Opening hours per week: a few shifts a day is plenty.</summary>
    public const int MaxOpeningHours = 28;

    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyList<string> None = Array.Empty<string>();

    /// <summary>Every problem of the settings; <paramref name="prefix"/> is put before each field name (<c>settings.</c>).</summary>
    public static IEnumerable<AiSettingsProblem> Check(AiSettings settings, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var external = settings.Provider is AiProvider.OpenAiCompatible or AiProvider.Ollama;
        if (!Enum.IsDefined(settings.Provider))
        {
            yield return new(prefix + "provider", "PROVIDER_UNKNOWN", "must be embedded, openai_compatible or ollama");
        }

        foreach (var problem in Endpoint(settings, external, prefix))
        {
            yield return problem;
        }

        if ((settings.Persona?.Trim().Length ?? 0) > MaxPersonaLength)
        {
            yield return new(prefix + "persona", "PERSONA_TOO_LONG", $"must be at most {MaxPersonaLength} characters");
        }

        if (settings.MaxReplyLength is < 1 or > AiSettings.MetaTextLimit)
        {
            yield return new(prefix + "max_reply_length", "MAX_REPLY_LENGTH_OUT_OF_RANGE", $"must be between 1 and {AiSettings.MetaTextLimit} (a WhatsApp text message)");
        }

        foreach (var problem in Languages(settings.ReplyLanguages ?? [], prefix + "reply_languages"))
        {
            yield return problem;
        }

        foreach (var problem in Keywords(settings.HandOffKeywords ?? [], prefix + "hand_off_keywords"))
        {
            yield return problem;
        }

        if (double.IsNaN(settings.ConfidenceThreshold) || settings.ConfidenceThreshold is < 0 or > 1)
        {
            yield return new(prefix + "confidence_threshold", "THRESHOLD_OUT_OF_RANGE", "must be between 0 and 1");
        }

        if (settings.MaxConsecutiveReplies < 1)
        {
            yield return new(prefix + "max_consecutive_replies", "MAX_CONSECUTIVE_REPLIES_OUT_OF_RANGE", "must be at least 1");
        }

        if (settings.Hours is { } hours)
        {
            foreach (var problem in Hours(hours, prefix + "business_hours"))
            {
                yield return problem;
            }
        }

        if (!Enum.IsDefined(settings.OnFailure))
        {
            yield return new(prefix + "on_failure", "ON_FAILURE_UNKNOWN", "must be embedded or hand_off");
        }

        if ((settings.UnsupportedTypeReply?.Trim().Length ?? 0) > AiSettings.MetaTextLimit)
        {
            yield return new(prefix + "unsupported_type_reply", "UNSUPPORTED_TYPE_REPLY_TOO_LONG", $"must be at most {AiSettings.MetaTextLimit} characters (a WhatsApp text message)");
        }

        if (settings.Timeout < MinTimeout || settings.Timeout > MaxTimeout)
        {
            yield return new(prefix + "timeout", "TIMEOUT_OUT_OF_RANGE", $"must be between {MinTimeout.TotalSeconds} and {MaxTimeout.TotalSeconds} seconds");
        }
    }

    /// <summary>Throws the first problem of the settings, if any.</summary>
    public static void Ensure(AiSettings settings)
    {
        if (Check(settings).FirstOrDefault() is { } problem)
        {
            throw problem.ToException();
        }
    }

    /// <summary>
    /// The settings as they are stored: texts trimmed (empty optional ones: null), keywords and languages trimmed,
    /// lower-cased and without repeats, opening hours by day (Monday first) and time.
    /// </summary>
    public static AiSettings Normalize(AiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            BaseUrl = Optional(settings.BaseUrl),
            Model = Optional(settings.Model),
            Persona = settings.Persona?.Trim() ?? string.Empty,
            ReplyLanguages = Distinct(settings.ReplyLanguages),
            HandOffKeywords = Distinct(settings.HandOffKeywords),
            Hours = settings.Hours is { } hours
                ? new BusinessHours(hours.TimeZone.Trim(), [.. (hours.Week ?? []).OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens)], hours.AwayMessage.Trim())
                : null,
            UnsupportedTypeReply = Optional(settings.UnsupportedTypeReply),
        };
    }

    /// <summary>Value equality (a record compares lists by reference).</summary>
    public static bool Same(AiSettings a, AiSettings b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a with { ReplyLanguages = None, HandOffKeywords = None, Hours = null } == b with { ReplyLanguages = None, HandOffKeywords = None, Hours = null }
            && a.ReplyLanguages.SequenceEqual(b.ReplyLanguages, StringComparer.Ordinal)
            && a.HandOffKeywords.SequenceEqual(b.HandOffKeywords, StringComparer.Ordinal)
            && SameHours(a.Hours, b.Hours);
    }

    private static IEnumerable<AiSettingsProblem> Endpoint(AiSettings settings, bool external, string prefix)
    {
        var baseUrl = settings.BaseUrl?.Trim() ?? string.Empty;
        if (baseUrl.Length == 0)
        {
            if (external)
            {
                yield return new(prefix + "base_url", "BASE_URL_REQUIRED", "is required for an external provider");
            }
        }
        else if (baseUrl.Length > MaxBaseUrlLength
            || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new(prefix + "base_url", "BASE_URL_INVALID", $"must be an absolute http(s) URL of at most {MaxBaseUrlLength} characters");
        }
        else if (uri.UserInfo.Length > 0)
        {
            // The URL is stored in clear: a secret belongs in the API key, which is encrypted.
            yield return new(prefix + "base_url", "BASE_URL_INVALID", "must not carry credentials (give the key as api_key)");
        }

        var model = settings.Model?.Trim() ?? string.Empty;
        if (model.Length == 0)
        {
            if (external)
            {
                yield return new(prefix + "model", "MODEL_REQUIRED", "is required for an external provider");
            }
        }
        else if (model.Length > MaxModelLength || model.Any(char.IsControl))
        {
            yield return new(prefix + "model", "MODEL_INVALID", $"must be 1 to {MaxModelLength} visible characters on one line");
        }
    }

    private static IEnumerable<AiSettingsProblem> Languages(IReadOnlyList<string> languages, string field)
    {
        if (languages.Count > MaxReplyLanguages)
        {
            yield return new(field, "TOO_MANY_LANGUAGES", $"must hold at most {MaxReplyLanguages} languages");
        }

        for (var i = 0; i < languages.Count; i++)
        {
            if (!LanguagePattern().IsMatch(languages[i]?.Trim() ?? string.Empty))
            {
                yield return new($"{field}[{i}]", "LANGUAGE_INVALID", "must be a language tag such as id, en or en-US");
            }
        }
    }

    private static IEnumerable<AiSettingsProblem> Keywords(IReadOnlyList<string> keywords, string field)
    {
        if (keywords.Count == 0)
        {
            yield return new(field, "HANDOFF_KEYWORD_REQUIRED", "must hold at least one keyword: customers must always be able to ask for a person");
        }
        else if (keywords.Count > MaxHandOffKeywords)
        {
            yield return new(field, "TOO_MANY_HANDOFF_KEYWORDS", $"must hold at most {MaxHandOffKeywords} keywords");
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i]?.Trim() ?? string.Empty;
            if (keyword.Length == 0 || keyword.Length > MaxKeywordLength || keyword.Any(char.IsControl))
            {
                yield return new($"{field}[{i}]", "HANDOFF_KEYWORD_INVALID", $"must be 1 to {MaxKeywordLength} visible characters on one line");
            }
        }
    }

    private static IEnumerable<AiSettingsProblem> Hours(BusinessHours hours, string field)
    {
        var zone = hours.TimeZone?.Trim() ?? string.Empty;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            yield return new(field + ".time_zone", "TIME_ZONE_INVALID", "must be an IANA time zone such as Asia/Jakarta");
        }

        var week = hours.Week ?? [];
        if (week.Count > MaxOpeningHours)
        {
            yield return new(field + ".week", "TOO_MANY_OPENING_HOURS", $"must hold at most {MaxOpeningHours} opening hours");
        }

        for (var i = 0; i < week.Count; i++)
        {
            if (!Enum.IsDefined(week[i].Day))
            {
                yield return new($"{field}.week[{i}].day", "DAY_INVALID", "must be a day of the week");
            }

            if (week[i].Opens >= week[i].Closes)
            {
                yield return new($"{field}.week[{i}].closes", "OPENING_HOURS_INVALID", "must be after opens (the same day)");
            }
        }

        var away = hours.AwayMessage?.Trim() ?? string.Empty;
        if (away.Length is 0 or > AiSettings.MetaTextLimit)
        {
            yield return new(field + ".away_message", "AWAY_MESSAGE_INVALID", $"must be 1 to {AiSettings.MetaTextLimit} characters (a WhatsApp text message)");
        }
    }

    private static bool SameHours(BusinessHours? a, BusinessHours? b) =>
        (a is null && b is null)
        || (a is not null && b is not null
            && a.TimeZone == b.TimeZone
            && a.AwayMessage == b.AwayMessage
            && a.Week.SequenceEqual(b.Week));

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Distinct(IReadOnlyList<string>? items) =>
        [.. (items ?? []).Select(i => (i ?? string.Empty).Trim().ToLowerInvariant()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
