extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Domain.Audit;
using static PesanAI.FunctionalTests.Consent.ConsentBed;

namespace PesanAI.FunctionalTests.Consent;

public sealed class ConsentAuditTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly ConsentBed _bed = new(app);

    [Fact]
    public async Task Every_read_of_customers_consent_is_recorded_with_who_what_and_why_and_writes_are_not_reads()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        var other = NewWaId();
        var customer = (await tenant.Consent.RecordOptInAsync(OptIn(waId))).CustomerId;
        var otherCustomer = (await tenant.Consent.RecordOptOutAsync(OptOut(other))).CustomerId;
        await tenant.Consent.GetConsentSettingsAsync(new GetConsentSettingsRequest());
        Assert.Empty(await AccessesAsync(tenant.TenantId));

        var why = new Metadata { { "x-purpose", "campaign audience check" } };
        await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }, why);
        await tenant.Consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { WaId = waId }, why);
        await tenant.Consent.ListCustomersAsync(new ListCustomersRequest(), why);

        var accesses = await AccessesAsync(tenant.TenantId);
        Assert.Equal(
            ["pesanai.consent.v1.ConsentService/GetConsent", "pesanai.consent.v1.ConsentService/ListConsentHistory", "pesanai.consent.v1.ConsentService/ListCustomers"],
            accesses.Select(a => a.Operation));
        Assert.Equal(["consent", "consent_history", "consent"], accesses.Select(a => a.ResourceType));
        Assert.Equal([customer], accesses[0].ResourceIds);
        Assert.Equal([customer], accesses[1].ResourceIds);
        Assert.Equal([otherCustomer, customer], accesses[2].ResourceIds);
        Assert.All(accesses, a =>
        {
            Assert.Equal(tenant.Agent.ClientId, a.CredentialId);
            Assert.Equal(tenant.Agent.MemberId, a.MemberId);
            Assert.Equal("agent", a.Role);
            Assert.Equal("campaign audience check", a.Purpose);
        });
    }

    [Fact]
    public async Task A_read_that_finds_no_customer_returns_nothing_and_records_nothing()
    {
        var tenant = await _bed.TenantAsync();

        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = NewWaId() }).ResponseAsync);

        Assert.Empty(await AccessesAsync(tenant.TenantId));
    }

    private async Task<List<DataAccessed>> AccessesAsync(string tenantId)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenantId);
        var events = await session.Events.FetchStreamAsync(AccessStream.For(Guid.Parse(tenantId)));
        return [.. events.Select(e => (DataAccessed)e.Data)];
    }
}
