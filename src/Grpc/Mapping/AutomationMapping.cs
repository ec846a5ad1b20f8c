using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Mapster;
using PesanAI.Application.Common;
using Api = PesanAI.Protos.Automation.V1;
using Model = PesanAI.Domain.Automation;
using Tenants = PesanAI.Domain.Tenants;

namespace PesanAI.Host.Mapping;

/// <summary>
/// AI settings. Unset optional fields and UNSPECIFIED enums in a request take the defaults of a new tenant
/// (<see cref="Model.AiSettings.Default"/>); unknown enum values become values the rules refuse, field named.
/// </summary>
public sealed class AutomationMapping : IRegister
{
    private const string TimeFormat = "HH:mm";

    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums by hand: the names differ (OPENAI_COMPATIBLE), and UNSPECIFIED means "the default" in a request.
        config.NewConfig<Model.AiProvider, Api.AiProvider>().MapWith(provider => ToProto(provider));
        config.NewConfig<Model.ProviderFailure, Api.ProviderFailure>()
            .MapWith(failure => failure == Model.ProviderFailure.HandOff ? Api.ProviderFailure.HandOff : Api.ProviderFailure.Embedded);

        // By hand: System.DayOfWeek counts from Sunday = 0; the API from Monday = 1 to Sunday = 7.
        config.NewConfig<DayOfWeek, Api.DayOfWeek>().MapWith(day => (Api.DayOfWeek)(day == DayOfWeek.Sunday ? 7 : (int)day));

        config.NewConfig<Model.OpeningHours, Api.OpeningHours>()
            .Map(dest => dest.Opens, src => src.Opens.ToString(TimeFormat, CultureInfo.InvariantCulture))
            .Map(dest => dest.Closes, src => src.Closes.ToString(TimeFormat, CultureInfo.InvariantCulture));
        config.NewConfig<Model.BusinessHours, Api.BusinessHours>();

        config.NewConfig<Model.AiSettings, Api.AiSettings>()
            .Map(dest => dest.ApiKeySet, src => src.ProtectedApiKey != null)
            .Map(dest => dest.BusinessHours, src => src.Hours)
            .Ignore(dest => dest.Version);

        // The settings are a part of the tenant, and their version is the tenant's stream version.
        config.NewConfig<Tenants.Tenant, Api.AiSettings>()
            .MapWith(tenant => Versioned(tenant.Ai.Adapt<Model.AiSettings, Api.AiSettings>(config), tenant.Version));

        // By hand: presence decides defaults, and times and durations are checked with the field named.
        config.NewConfig<Api.AiSettings, Model.AiSettings>().MapWith(settings => ToDomain(settings));
    }

    private static Api.AiSettings Versioned(Api.AiSettings settings, long version)
    {
        settings.Version = version;
        return settings;
    }

    /// <summary>The settings a request states (an absent message maps to null before this). Times and durations that do not parse are refused here, each field named.</summary>
    private static Model.AiSettings ToDomain(Api.AiSettings settings)
    {
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
