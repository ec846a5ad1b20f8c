extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Google.Protobuf.WellKnownTypes;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Team;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Consent;

/// <summary>A tenant and an agent of it (consent.manage and conversations.read), as the consent tests use them.</summary>
internal sealed record ConsentTenant(string TenantId, Caller Agent)
{
    public ConsentService.ConsentServiceClient Consent => new(Agent.Channel);
}

internal sealed class ConsentBed(PesanAiApp app)
{
    public const string FormUrl = "https://tokomaju.id/langganan";

    public TeamBuilder Team { get; } = new(app);

    public async Task<ConsentTenant> TenantAsync(string name = "Toko Setuju")
    {
        var tenant = await Team.Tenant(name);
        return new ConsentTenant(tenant.Id, await Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Agent));
    }

    public static string NewWaId() => InboundBed.NewWaId();

    public static RecordOptInRequest OptIn(
        string waId,
        ConsentPurpose purpose = ConsentPurpose.Marketing,
        DateTimeOffset? collectedAt = null,
        ConsentSource source = ConsentSource.WebForm,
        string evidence = FormUrl,
        string userId = "") => new()
        {
            WaId = waId,
            UserId = userId,
            Purpose = purpose,
            Source = source,
            Evidence = evidence,
            CollectTime = collectedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };

    public static RecordOptOutRequest OptOut(
        string waId,
        ConsentPurpose purpose = ConsentPurpose.Marketing,
        bool all = false,
        DateTimeOffset? collectedAt = null,
        ConsentSource source = ConsentSource.Api,
        string evidence = "",
        long? expectedVersion = null)
    {
        var request = new RecordOptOutRequest
        {
            WaId = waId,
            Purpose = all ? ConsentPurpose.Unspecified : purpose,
            AllPurposes = all,
            Source = source,
            Evidence = evidence,
            CollectTime = collectedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        if (expectedVersion is { } expected)
        {
            request.ExpectedVersion = expected;
        }

        return request;
    }

    public static ConsentStatus StatusOf(CustomerConsent consent, ConsentPurpose purpose) =>
        consent.Purposes.Single(p => p.Purpose == purpose).Status;
}
