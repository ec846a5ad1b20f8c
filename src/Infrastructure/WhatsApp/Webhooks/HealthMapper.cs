using System.Globalization;
using System.Text.Json;
using PesanAI.Application.Inbound;
using PesanAI.Domain.Tenants;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// The number-health fields (<c>phone_number_quality_update</c>, <c>business_capability_update</c>,
/// <c>account_update</c>), read leniently: Meta renamed and retired fields (<c>current_limit</c>/<c>old_limit</c>,
/// <c>max_daily_conversation_per_phone</c>, FLAGGED/UPGRADE events) and both shapes still arrive, so each field is read
/// on its own, a string or a number alike, and one of an unexpected kind is left out (noted), never sinking the rest.
/// </summary>
internal static class HealthMapper
{
    /// <summary>Meta's values are words and numbers; anything longer is not one.</summary>
    private const int MaxValueLength = 64;

    public static HealthReport? Map(string field, string? wabaId, JsonElement value, string path, ParseProblems problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object, found {JsonItems.Describe(value.ValueKind)}");
            return null;
        }

        if (string.IsNullOrEmpty(wabaId))
        {
            problems.Add(path, "the entry names no WhatsApp Business Account (entry[].id)");
            return null;
        }

        var report = new HealthReport(field, wabaId);
        return field switch
        {
            HealthReport.QualityField => report with
            {
                DisplayPhoneNumber = Text(value, "display_phone_number", path, problems),
                Event = Text(value, "event", path, problems),
                LimitTier = Limit(value, path, problems),
            },
            HealthReport.CapabilityField => report with { LimitTier = Limit(value, path, problems) },
            _ => Account(report, value, path, problems),
        };
    }

    /// <summary>
    /// The current limit: <c>max_daily_conversations_per_business</c>, else the older <c>current_limit</c>, else the
    /// oldest <c>max_daily_conversation_per_phone</c> (a number).
    /// </summary>
    private static string? Limit(JsonElement value, string path, ParseProblems problems) =>
        Text(value, "max_daily_conversations_per_business", path, problems)
        ?? Text(value, "current_limit", path, problems)
        ?? Text(value, "max_daily_conversation_per_phone", path, problems);

    private static HealthReport Account(HealthReport report, JsonElement value, string path, ParseProblems problems)
    {
        var name = Text(value, "event", path, problems) ?? string.Empty;
        IReadOnlyList<AccountRestriction>? restrictions = null;
        if (value.TryGetProperty("restriction_info", out var info) && info.ValueKind != JsonValueKind.Null)
        {
            restrictions = Restrictions(info, $"{path}.restriction_info", problems);
        }

        string? violation = null;
        if (value.TryGetProperty("violation_info", out var violationInfo) && violationInfo.ValueKind == JsonValueKind.Object)
        {
            violation = Text(violationInfo, "violation_type", $"{path}.violation_info", problems);
        }

        string? ban = null;
        if (value.TryGetProperty("ban_info", out var banInfo) && banInfo.ValueKind == JsonValueKind.Object && banInfo.TryGetProperty("waba_ban_state", out var state))
        {
            // A string in the reference, an array of one in some payloads: the last one is the state now.
            ban = state.ValueKind == JsonValueKind.Array
                ? state.EnumerateArray().Select(s => Word(s)).LastOrDefault(s => s is not null)
                : Word(state);
        }

        return report with { Event = name, Account = new AccountUpdate(name, restrictions, violation, ban) };
    }

    private static List<AccountRestriction> Restrictions(JsonElement info, string path, ParseProblems problems)
    {
        var restrictions = new List<AccountRestriction>();
        var items = info.ValueKind == JsonValueKind.Array ? info.EnumerateArray().ToList() : [info];
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i].ValueKind != JsonValueKind.Object || Text(items[i], "restriction_type", itemPath, problems) is not { } type)
            {
                problems.Add(itemPath, "restriction_type is missing");
                continue;
            }

            restrictions.Add(new AccountRestriction(type.ToUpperInvariant(), Expiration(items[i], itemPath, problems)));
        }

        return restrictions;
    }

    /// <summary>Unix seconds (a number or a string), or an ISO 8601 time.</summary>
    private static DateTimeOffset? Expiration(JsonElement item, string path, ParseProblems problems)
    {
        if (Text(item, "expiration", path, problems) is not { } text)
        {
            return null;
        }

        if (JsonItems.TryUnixTime(text, out var at)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            return at;
        }

        problems.Add($"{path}.expiration", "not unix seconds nor an ISO 8601 time");
        return null;
    }

    private static string? Text(JsonElement obj, string name, string path, ParseProblems problems)
    {
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = Word(element);
        if (text is null)
        {
            problems.Add($"{path}.{name}", $"expected a string or a number, found {JsonItems.Describe(element.ValueKind)}");
        }

        return text;
    }

    private static string? Word(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => StorableText.Of(element.GetString()!),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text[..Math.Min(text.Length, MaxValueLength)];
    }
}
