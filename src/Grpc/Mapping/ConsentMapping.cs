using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Consent;
using Api = PesanAI.Protos.Consent.V1;
using Model = PesanAI.Domain.Consent;
using Tenants = PesanAI.Domain.Tenants;

namespace PesanAI.Host.Mapping;

/// <summary>The consent ledger to and from protobuf, by hand: small, with enums that map one to one.</summary>
public static class ConsentMapping
{
    public static Api.CustomerConsent ToProto(this ConsentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var proto = new Api.CustomerConsent
        {
            CustomerId = view.CustomerId.ToString(),
            WaId = view.Customer.WaId ?? string.Empty,
            UserId = view.Customer.UserId ?? string.Empty,
            UpdateTime = view.Record is { } r ? Timestamp.FromDateTimeOffset(r.UpdatedAt) : null,
            Version = view.Record?.Version ?? 0,
        };
        proto.Purposes.AddRange(Model.ConsentPurposes.All.Select(p => ToProto(p, view.Record?.For(p))));
        return proto;
    }

    public static Api.CustomerConsent ToProto(this Model.ConsentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ConsentView(Guid.Empty, record.CustomerId, record.Customer, record).ToProto();
    }

    public static Api.ConsentChange ToProto(this ConsentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new Api.ConsentChange
        {
            Version = change.Version,
            Status = ToProto(change.Status),
            Purpose = change.Purpose is { } p ? ToProto(p) : Api.ConsentPurpose.Unspecified,
            AllPurposes = change.AllPurposes,
            Source = ToProto(change.Source),
            Evidence = change.Evidence ?? string.Empty,
            CollectTime = Timestamp.FromDateTimeOffset(change.CollectedAt),
            RecordTime = Timestamp.FromDateTimeOffset(change.RecordedAt),
            RecordedBy = change.RecordedBy ?? string.Empty,
        };
    }

    public static Api.ConsentSettings ToConsentSettings(this Tenants.Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var settings = tenant.ConsentKeywords;
        return new Api.ConsentSettings
        {
            StopKeywords = { settings.StopKeywords },
            StartKeywords = { settings.StartKeywords },
            OptOutConfirmation = settings.OptOutConfirmation,
            OptInConfirmation = settings.OptInConfirmation,
            Version = tenant.Version,
        };
    }

    public static Model.ConsentKeywordSettings? ToDomain(this Api.ConsentSettings? settings) => settings is null
        ? null
        : new Model.ConsentKeywordSettings([.. settings.StopKeywords], [.. settings.StartKeywords], settings.OptOutConfirmation, settings.OptInConfirmation);

    /// <summary>Unspecified or unknown wire values become null, which validation refuses (or reads as "no filter") with the field named.</summary>
    public static Model.ConsentPurpose? ToDomain(this Api.ConsentPurpose purpose) => purpose switch
    {
        Api.ConsentPurpose.Marketing => Model.ConsentPurpose.Marketing,
        Api.ConsentPurpose.Utility => Model.ConsentPurpose.Utility,
        Api.ConsentPurpose.Automation => Model.ConsentPurpose.Automation,
        _ => null,
    };

    public static Model.ConsentStatus? ToDomain(this Api.ConsentStatus status) => status switch
    {
        Api.ConsentStatus.None => Model.ConsentStatus.None,
        Api.ConsentStatus.OptedIn => Model.ConsentStatus.OptedIn,
        Api.ConsentStatus.OptedOut => Model.ConsentStatus.OptedOut,
        _ => null,
    };

    public static Model.ConsentSource? ToDomain(this Api.ConsentSource source) => source switch
    {
        Api.ConsentSource.WebForm => Model.ConsentSource.WebForm,
        Api.ConsentSource.Whatsapp => Model.ConsentSource.WhatsApp,
        Api.ConsentSource.Api => Model.ConsentSource.Api,
        Api.ConsentSource.Import => Model.ConsentSource.Import,
        Api.ConsentSource.InStore => Model.ConsentSource.InStore,
        Api.ConsentSource.Keyword => Model.ConsentSource.Keyword,
        Api.ConsentSource.UserPreferences => Model.ConsentSource.UserPreferences,
        _ => null,
    };

    public static Api.ConsentPurpose ToProto(Model.ConsentPurpose purpose) => purpose switch
    {
        Model.ConsentPurpose.Marketing => Api.ConsentPurpose.Marketing,
        Model.ConsentPurpose.Utility => Api.ConsentPurpose.Utility,
        Model.ConsentPurpose.Automation => Api.ConsentPurpose.Automation,
        _ => Api.ConsentPurpose.Unspecified,
    };

    public static Api.ConsentStatus ToProto(Model.ConsentStatus status) => status switch
    {
        Model.ConsentStatus.None => Api.ConsentStatus.None,
        Model.ConsentStatus.OptedIn => Api.ConsentStatus.OptedIn,
        Model.ConsentStatus.OptedOut => Api.ConsentStatus.OptedOut,
        _ => Api.ConsentStatus.Unspecified,
    };

    public static Api.ConsentSource ToProto(Model.ConsentSource source) => source switch
    {
        Model.ConsentSource.WebForm => Api.ConsentSource.WebForm,
        Model.ConsentSource.WhatsApp => Api.ConsentSource.Whatsapp,
        Model.ConsentSource.Api => Api.ConsentSource.Api,
        Model.ConsentSource.Import => Api.ConsentSource.Import,
        Model.ConsentSource.InStore => Api.ConsentSource.InStore,
        Model.ConsentSource.Keyword => Api.ConsentSource.Keyword,
        Model.ConsentSource.UserPreferences => Api.ConsentSource.UserPreferences,
        _ => Api.ConsentSource.Unspecified,
    };

    private static Api.PurposeConsent ToProto(Model.ConsentPurpose purpose, Model.PurposeConsent? consent) => consent is null
        ? new Api.PurposeConsent { Purpose = ToProto(purpose), Status = Api.ConsentStatus.None }
        : new Api.PurposeConsent
        {
            Purpose = ToProto(purpose),
            Status = ToProto(consent.Status),
            Source = ToProto(consent.Source),
            Evidence = consent.Evidence ?? string.Empty,
            CollectTime = Timestamp.FromDateTimeOffset(consent.CollectedAt),
            RecordTime = Timestamp.FromDateTimeOffset(consent.RecordedAt),
            AllPurposes = consent.AllPurposes,
        };
}
