using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Common;
using Api = PesanAI.Protos.Automation.V1;
using Model = PesanAI.Domain.Automation;
using Tenants = PesanAI.Domain.Tenants;

namespace PesanAI.Host.Mapping;

/// <summary>
/// AI settings to and from protobuf, by hand. Unset optional fields and UNSPECIFIED enums take the defaults of a new
/// tenant (<see cref="Model.AiSettings.Default"/>); unknown enum values become values the rules refuse, field named.
/// </summary>
public static class AutomationMapping
{
    private const string TimeFormat = "HH:mm";

    public static Api.AiSettings ToAiSettings(this Tenants.Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var ai = tenant.Ai;
        var proto = new Api.AiSettings
        {
            Enabled = ai.Enabled,
            Provider = ToProto(ai.Provider),
            BaseUrl = ai.BaseUrl ?? string.Empty,
            Model = ai.Model ?? string.Empty,
            ApiKeySet = ai.ProtectedApiKey is not null,
            Persona = ai.Persona ?? string.Empty,
            MaxReplyLength = ai.MaxReplyLength,
            ReplyLanguages = { ai.ReplyLanguages },
            HandOffKeywords = { ai.HandOffKeywords },
            ConfidenceThreshold = ai.ConfidenceThreshold,
            MaxConsecutiveReplies = ai.MaxConsecutiveReplies,
            BusinessHours = ai.Hours is { } hours ? ToProto(hours) : null,
            AllowExternalProcessing = ai.AllowExternalProcessing,
            Redact = ai.Redact,
            OnFailure = ai.OnFailure == Model.ProviderFailure.HandOff ? Api.ProviderFailure.HandOff : Api.ProviderFailure.Embedded,
            UnsupportedTypeReply = ai.UnsupportedTypeReply ?? string.Empty,
            Timeout = Duration.FromTimeSpan(ai.Timeout),
            Version = tenant.Version,
        };
        return proto;
    }

    /// <summary>The settings a request states; null when absent. Times and durations that do not parse are refused here, each field named.</summary>
    public static Model.AiSettings? ToDomain(this Api.AiSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        var violations = new List<FieldViolation>();
        var defaults = Model.AiSettings.Default;
        var result = new Model.AiSettings(
            settings.Enabled,
            ToDomain(settings.Provider),
            settings.BaseUrl,
            settings.Model,
            ProtectedApiKey: null,
            settings.Persona,
            settings.HasMaxReplyLength ? settings.MaxReplyLength : defaults.MaxReplyLength,
            [.. settings.ReplyLanguages],
            [.. settings.HandOffKeywords],
            settings.HasConfidenceThreshold ? settings.ConfidenceThreshold : defaults.ConfidenceThreshold,
            settings.HasMaxConsecutiveReplies ? settings.MaxConsecutiveReplies : defaults.MaxConsecutiveReplies,
            settings.BusinessHours is { } hours ? ToDomain(hours, violations) : null,
            settings.AllowExternalProcessing,
            settings.HasRedact ? settings.Redact : defaults.Redact,
            settings.OnFailure switch
            {
                Api.ProviderFailure.Unspecified or Api.ProviderFailure.Embedded => Model.ProviderFailure.Embedded,
                Api.ProviderFailure.HandOff => Model.ProviderFailure.HandOff,
                _ => 0,
            },
            settings.UnsupportedTypeReply,
            TimeoutOf(settings.Timeout, defaults.Timeout, violations));
        return violations.Count > 0 ? throw new ValidationException(violations) : result;
    }

    private static Api.AiProvider ToProto(Model.AiProvider provider) => provider switch
    {
        Model.AiProvider.OpenAiCompatible => Api.AiProvider.OpenaiCompatible,
        Model.AiProvider.Ollama => Api.AiProvider.Ollama,
        _ => Api.AiProvider.Embedded,
    };

    private static Model.AiProvider ToDomain(Api.AiProvider provider) => provider switch
    {
        Api.AiProvider.Unspecified or Api.AiProvider.Embedded => Model.AiProvider.Embedded,
        Api.AiProvider.OpenaiCompatible => Model.AiProvider.OpenAiCompatible,
        Api.AiProvider.Ollama => Model.AiProvider.Ollama,
        _ => 0,
    };

    private static Api.BusinessHours ToProto(Model.BusinessHours hours) => new()
    {
        TimeZone = hours.TimeZone,
        AwayMessage = hours.AwayMessage,
        Week =
        {
            hours.Week.Select(h => new Api.OpeningHours
            {
                // System.DayOfWeek counts from Sunday = 0; the API from Monday = 1 to Sunday = 7.
                Day = (Api.DayOfWeek)(h.Day == DayOfWeek.Sunday ? 7 : (int)h.Day),
                Opens = h.Opens.ToString(TimeFormat, CultureInfo.InvariantCulture),
                Closes = h.Closes.ToString(TimeFormat, CultureInfo.InvariantCulture),
            }),
        },
    };

    private static Model.BusinessHours ToDomain(Api.BusinessHours hours, List<FieldViolation> violations)
    {
        var week = new List<Model.OpeningHours>(hours.Week.Count);
        for (var i = 0; i < hours.Week.Count; i++)
        {
            var h = hours.Week[i];
            var day = (int)h.Day is >= 1 and <= 7 ? (DayOfWeek)((int)h.Day % 7) : (DayOfWeek)(-1);
            week.Add(new Model.OpeningHours(
                day,
                TimeOf(h.Opens, $"settings.business_hours.week[{i}].opens", violations),
                TimeOf(h.Closes, $"settings.business_hours.week[{i}].closes", violations)));
        }

        return new Model.BusinessHours(hours.TimeZone, week, hours.AwayMessage);
    }

    private static TimeOnly TimeOf(string text, string field, List<FieldViolation> violations)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        violations.Add(new FieldViolation(field, "must be a time of day as HH:mm, for example 09:00"));
        return default;
    }

    private static TimeSpan TimeoutOf(Duration? duration, TimeSpan fallback, List<FieldViolation> violations)
    {
        if (duration is null)
        {
            return fallback;
        }

        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            violations.Add(new FieldViolation("settings.timeout", "must be a valid duration"));
            return fallback;
        }
    }
}
