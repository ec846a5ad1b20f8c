using Mapster;
using PesanAI.Application.Consent;
using Api = PesanAI.Protos.Consent.V1;
using Model = PesanAI.Domain.Consent;
using Tenants = PesanAI.Domain.Tenants;

namespace PesanAI.Host.Mapping;

/// <summary>The consent ledger and the tenant's consent keywords.</summary>
public sealed class ConsentMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // Enums by hand: the wire reserves 0 for UNSPECIFIED (the domain's NONE is 0), WHATSAPP is spelled
        // differently, and an unspecified or unknown wire value must become null for validation.
        config.NewConfig<Model.ConsentPurpose, Api.ConsentPurpose>().MapWith(purpose => ToProto(purpose));
        config.NewConfig<Model.ConsentPurpose?, Api.ConsentPurpose>()
            .MapWith(purpose => purpose.HasValue ? ToProto(purpose.Value) : Api.ConsentPurpose.Unspecified);
        config.NewConfig<Model.ConsentStatus, Api.ConsentStatus>().MapWith(status => ToProto(status));
        config.NewConfig<Model.ConsentSource, Api.ConsentSource>().MapWith(source => ToProto(source));
        config.NewConfig<Api.ConsentPurpose, Model.ConsentPurpose?>().MapWith(purpose => ToDomain(purpose));
        config.NewConfig<Api.ConsentStatus, Model.ConsentStatus?>().MapWith(status => ToDomain(status));
        config.NewConfig<Api.ConsentSource, Model.ConsentSource?>().MapWith(source => ToDomain(source));

        config.NewConfig<Model.PurposeConsent, Api.PurposeConsent>()
            .Map(dest => dest.CollectTime, src => src.CollectedAt)
            .Map(dest => dest.RecordTime, src => src.RecordedAt);

        config.NewConfig<ConsentView, Api.CustomerConsent>()
            .Map(dest => dest.CustomerId, src => src.CustomerId.ToString())
            .Map(dest => dest.WaId, src => src.Customer.WaId)
            .Map(dest => dest.UserId, src => src.Customer.UserId)
            .Map(dest => dest.UpdateTime, src => src.Record != null ? src.Record.UpdatedAt : (DateTimeOffset?)null)
            .Map(dest => dest.Version, src => src.Record != null ? src.Record.Version : 0)
            .Ignore(dest => dest.Purposes)
            .AfterMapping((src, dest) => dest.Purposes.AddRange(Purposes(src.Record, config)));

        config.NewConfig<Model.ConsentRecord, Api.CustomerConsent>()
            .Map(dest => dest.CustomerId, src => src.CustomerId.ToString())
            .Map(dest => dest.WaId, src => src.Customer.WaId)
            .Map(dest => dest.UserId, src => src.Customer.UserId)
            .Map(dest => dest.UpdateTime, src => src.UpdatedAt)
            .Ignore(dest => dest.Purposes)
            .AfterMapping((src, dest) => dest.Purposes.AddRange(Purposes(src, config)));

        config.NewConfig<ConsentChange, Api.ConsentChange>()
            .Map(dest => dest.CollectTime, src => src.CollectedAt)
            .Map(dest => dest.RecordTime, src => src.RecordedAt);

        config.NewConfig<Tenants.Tenant, Api.ConsentSettings>()
            .Map(dest => dest.StopKeywords, src => src.ConsentKeywords.StopKeywords)
            .Map(dest => dest.StartKeywords, src => src.ConsentKeywords.StartKeywords)
            .Map(dest => dest.OptOutConfirmation, src => src.ConsentKeywords.OptOutConfirmation)
            .Map(dest => dest.OptInConfirmation, src => src.ConsentKeywords.OptInConfirmation);
        config.NewConfig<Api.ConsentSettings, Model.ConsentKeywordSettings>();
    }

    /// <summary>
    /// By hand: every purpose is listed, and one without any statement is a shape only the wire has (status NONE,
    /// nothing else), with no domain value to map from.
    /// </summary>
    private static IEnumerable<Api.PurposeConsent> Purposes(Model.ConsentRecord? record, TypeAdapterConfig config) =>
        Model.ConsentPurposes.All.Select(purpose => record?.For(purpose) is { } consent
            ? consent.Adapt<Model.PurposeConsent, Api.PurposeConsent>(config)
            : new Api.PurposeConsent { Purpose = ToProto(purpose), Status = Api.ConsentStatus.None });

    private static Model.ConsentPurpose? ToDomain(Api.ConsentPurpose purpose) => purpose switch
    {
        Api.ConsentPurpose.Marketing => Model.ConsentPurpose.Marketing,
        Api.ConsentPurpose.Utility => Model.ConsentPurpose.Utility,
        Api.ConsentPurpose.Automation => Model.ConsentPurpose.Automation,
        _ => null,
    };

    private static Model.ConsentStatus? ToDomain(Api.ConsentStatus status) => status switch
    {
        Api.ConsentStatus.None => Model.ConsentStatus.None,
        Api.ConsentStatus.OptedIn => Model.ConsentStatus.OptedIn,
        Api.ConsentStatus.OptedOut => Model.ConsentStatus.OptedOut,
        _ => null,
    };

    private static Model.ConsentSource? ToDomain(Api.ConsentSource source) => source switch
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

    private static Api.ConsentPurpose ToProto(Model.ConsentPurpose purpose) => purpose switch
    {
        Model.ConsentPurpose.Marketing => Api.ConsentPurpose.Marketing,
        Model.ConsentPurpose.Utility => Api.ConsentPurpose.Utility,
        Model.ConsentPurpose.Automation => Api.ConsentPurpose.Automation,
        _ => Api.ConsentPurpose.Unspecified,
    };

    private static Api.ConsentStatus ToProto(Model.ConsentStatus status) => status switch
    {
        Model.ConsentStatus.None => Api.ConsentStatus.None,
        Model.ConsentStatus.OptedIn => Api.ConsentStatus.OptedIn,
        Model.ConsentStatus.OptedOut => Api.ConsentStatus.OptedOut,
        _ => Api.ConsentStatus.Unspecified,
    };

    private static Api.ConsentSource ToProto(Model.ConsentSource source) => source switch
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
}
