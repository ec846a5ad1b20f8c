using PesanAI.Application.Common;
using PesanAI.Domain.Consent;

namespace PesanAI.Application.Consent;

/// <summary>Shape checks of consent requests, from the domain's own rules so that both say the same.</summary>
internal static class ConsentChecks
{
    public static IEnumerable<FieldViolation> Purpose(ConsentPurpose? purpose)
    {
        if (purpose is not { } p || !Enum.IsDefined(p))
        {
            yield return new FieldViolation("purpose", "is required: marketing, utility or automation");
        }
    }

    /// <summary>Keyword and user_preferences statements come from customers' messages, recorded by PesanAI itself.</summary>
    public static IEnumerable<FieldViolation> Source(ConsentSource? source)
    {
        if (source is not { } s || !Enum.IsDefined(s))
        {
            yield return new FieldViolation("source", "is required: web_form, whatsapp, api, import or in_store");
        }
        else if (s is ConsentSource.Keyword or ConsentSource.UserPreferences)
        {
            yield return new FieldViolation("source", "keyword and user_preferences are recorded by PesanAI from the customer's messages");
        }
    }

    public static IEnumerable<FieldViolation> Evidence(string? evidence, bool required)
    {
        if (ConsentEvidence.Check(evidence, required) is { } problem)
        {
            yield return new FieldViolation("evidence", problem.Description);
        }
    }

    /// <summary>Needs the clock, so the handler runs it: INVALID_ARGUMENT like the request's other checks.</summary>
    public static DateTimeOffset CollectedAt(DateTimeOffset? collectedAt, DateTimeOffset now)
    {
        var at = collectedAt ?? now;
        return ConsentEvidence.CheckCollectedAt(at, now) is { } problem
            ? throw new ValidationException([new FieldViolation("collect_time", problem.Description)])
            : at;
    }
}
