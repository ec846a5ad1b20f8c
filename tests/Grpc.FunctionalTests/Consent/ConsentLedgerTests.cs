extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Inbound;
using static PesanAI.FunctionalTests.Consent.ConsentBed;
using ConversationsApi = client::PesanAI.Protos.Conversations.V1;

namespace PesanAI.FunctionalTests.Consent;

public sealed class ConsentLedgerTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly ConsentBed _bed = new(app);

    [Fact]
    public async Task An_opt_in_then_an_opt_out_round_trip_with_source_evidence_and_times()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        var collected = DateTimeOffset.UtcNow.AddDays(-2);

        var optedIn = await tenant.Consent.RecordOptInAsync(OptIn(waId, collectedAt: collected));
        var read = await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId });

        Assert.Equal(optedIn, read);
        Assert.Equal(waId, read.WaId);
        Assert.True(Guid.TryParse(read.CustomerId, out _));
        Assert.Equal(1, read.Version);
        Assert.Equal(
            [ConsentPurpose.Marketing, ConsentPurpose.Utility, ConsentPurpose.Automation],
            read.Purposes.Select(p => p.Purpose));
        var marketing = read.Purposes[0];
        Assert.Equal(ConsentStatus.OptedIn, marketing.Status);
        Assert.Equal(ConsentSource.WebForm, marketing.Source);
        Assert.Equal(FormUrl, marketing.Evidence);
        Assert.Equal(collected, marketing.CollectTime.ToDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.True(marketing.RecordTime.ToDateTimeOffset() > collected);
        Assert.Equal(ConsentStatus.None, StatusOf(read, ConsentPurpose.Utility));

        var optedOut = await tenant.Consent.RecordOptOutAsync(OptOut(waId, evidence: "Asked the cashier to stop promotions"));

        Assert.Equal(read.CustomerId, optedOut.CustomerId);
        Assert.Equal(2, optedOut.Version);
        Assert.Equal(ConsentStatus.OptedOut, StatusOf(optedOut, ConsentPurpose.Marketing));
        Assert.Equal("Asked the cashier to stop promotions", optedOut.Purposes[0].Evidence);
        Assert.Equal(optedOut, await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }));

        var again = await tenant.Consent.RecordOptInAsync(OptIn(waId, source: ConsentSource.Whatsapp, evidence: "Replied YES to our question in chat"));
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(again, ConsentPurpose.Marketing));
        Assert.Equal(3, again.Version);
    }

    [Fact]
    public async Task A_duplicate_statement_records_nothing_new()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        var first = await tenant.Consent.RecordOptInAsync(OptIn(waId));

        var second = await tenant.Consent.RecordOptInAsync(OptIn(waId, source: ConsentSource.Import, evidence: "crm export 2026-01"));
        await tenant.Consent.RecordOptOutAsync(OptOut(waId, ConsentPurpose.Utility));
        var outTwice = await tenant.Consent.RecordOptOutAsync(OptOut(waId, ConsentPurpose.Utility));

        Assert.Equal(first, second);
        Assert.Equal(2, outTwice.Version);
        var history = await tenant.Consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { WaId = waId });
        Assert.Equal(2, history.Changes.Count);
    }

    [Fact]
    public async Task An_opt_in_collected_before_the_latest_opt_out_does_not_undo_it()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        await tenant.Consent.RecordOptOutAsync(OptOut(waId, all: true, collectedAt: DateTimeOffset.UtcNow.AddDays(-7)));

        var imported = await tenant.Consent.RecordOptInAsync(OptIn(waId, collectedAt: DateTimeOffset.UtcNow.AddDays(-300), source: ConsentSource.Import, evidence: "old CRM"));

        Assert.Equal(1, imported.Version);
        Assert.All(imported.Purposes, p => Assert.Equal(ConsentStatus.OptedOut, p.Status));
        Assert.All(imported.Purposes, p => Assert.True(p.AllPurposes));
    }

    [Fact]
    public async Task A_customer_named_first_by_consent_is_the_same_customer_when_they_write()
    {
        var inbound = new InboundBed(app);
        var tenant = await inbound.TenantAsync("Toko Formulir");
        var consent = new ConsentService.ConsentServiceClient(tenant.Agent.Channel);
        var waId = NewWaId();
        var optedIn = await consent.RecordOptInAsync(OptIn("+" + waId));

        await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "Halo, saya dari formulir", DateTimeOffset.UtcNow), tenant.AppSecret);

        Assert.Equal(waId, optedIn.WaId);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ConversationsApi.ListConversationsRequest())).Conversations);
        Assert.Equal(optedIn.CustomerId, conversation.Customer.CustomerId);
    }

    [Fact]
    public async Task A_customer_who_wrote_is_found_without_any_consent_and_named_by_user_id_too()
    {
        var inbound = new InboundBed(app);
        var tenant = await inbound.TenantAsync("Toko Pesan");
        var consent = new ConsentService.ConsentServiceClient(tenant.Agent.Channel);
        var waId = NewWaId();
        await inbound.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "Halo", DateTimeOffset.UtcNow), tenant.AppSecret);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ConversationsApi.ListConversationsRequest())).Conversations);

        var none = await consent.GetConsentAsync(new GetConsentRequest { WaId = waId });

        Assert.Equal(conversation.Customer.CustomerId, none.CustomerId);
        Assert.Equal(0, none.Version);
        Assert.Null(none.UpdateTime);
        Assert.All(none.Purposes, p => Assert.Equal(ConsentStatus.None, p.Status));
        Assert.Empty((await consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { WaId = waId })).Changes);

        // Naming the customer by both links the business-scoped id: either name finds them afterwards.
        await consent.RecordOptInAsync(OptIn(waId, ConsentPurpose.Automation, userId: "ID.998877"));
        var byUserId = await consent.GetConsentAsync(new GetConsentRequest { UserId = "ID.998877" });
        Assert.Equal(conversation.Customer.CustomerId, byUserId.CustomerId);
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(byUserId, ConsentPurpose.Automation));
    }

    [Fact]
    public async Task Reads_of_a_customer_the_tenant_does_not_know_are_not_found_and_create_nothing()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();

        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { UserId = "ID.unknown" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }).ResponseAsync);
    }

    [Fact]
    public async Task Another_tenants_ledger_for_the_same_number_is_its_own()
    {
        var a = await _bed.TenantAsync("Toko A");
        var b = await _bed.TenantAsync("Toko B");
        var waId = NewWaId();
        var atB = await b.Consent.RecordOptInAsync(OptIn(waId));

        await RpcAssert.Fails(StatusCode.NotFound, () => a.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }).ResponseAsync);
        var atA = await a.Consent.RecordOptOutAsync(OptOut(waId, all: true));

        Assert.NotEqual(atB.CustomerId, atA.CustomerId);
        Assert.Equal(atB, await b.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId }));
        Assert.DoesNotContain((await a.Consent.ListCustomersAsync(new ListCustomersRequest())).Customers, c => c.CustomerId == atB.CustomerId);
    }

    [Fact]
    public async Task History_lists_every_statement_oldest_first_page_by_page_with_who_recorded_it()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        await tenant.Consent.RecordOptInAsync(OptIn(waId));
        await tenant.Consent.RecordOptOutAsync(OptOut(waId));
        await tenant.Consent.RecordOptInAsync(OptIn(waId, ConsentPurpose.Utility));
        await tenant.Consent.RecordOptOutAsync(OptOut(waId, all: true));
        await tenant.Consent.RecordOptInAsync(OptIn(waId, ConsentPurpose.Automation));

        var changes = new List<ConsentChange>();
        var token = string.Empty;
        var pages = 0;
        do
        {
            var page = await tenant.Consent.ListConsentHistoryAsync(new ListConsentHistoryRequest { WaId = waId, PageSize = 2, PageToken = token });
            Assert.True(page.Changes.Count <= 2);
            changes.AddRange(page.Changes);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal([1L, 2, 3, 4, 5], changes.Select(c => c.Version));
        Assert.Equal(
            [ConsentStatus.OptedIn, ConsentStatus.OptedOut, ConsentStatus.OptedIn, ConsentStatus.OptedOut, ConsentStatus.OptedIn],
            changes.Select(c => c.Status));
        Assert.Equal(
            [ConsentPurpose.Marketing, ConsentPurpose.Marketing, ConsentPurpose.Utility, ConsentPurpose.Unspecified, ConsentPurpose.Automation],
            changes.Select(c => c.Purpose));
        Assert.True(changes[3].AllPurposes);
        Assert.All(changes, c => Assert.Equal(tenant.Agent.MemberId, c.RecordedBy));
        Assert.Equal(FormUrl, changes[0].Evidence);

        var current = await tenant.Consent.GetConsentAsync(new GetConsentRequest { WaId = waId });
        Assert.Equal(
            [ConsentStatus.OptedOut, ConsentStatus.OptedOut, ConsentStatus.OptedIn],
            current.Purposes.Select(p => p.Status));
    }

    [Fact]
    public async Task Customers_are_listed_by_a_purposes_status_most_recently_changed_first()
    {
        var tenant = await _bed.TenantAsync();
        var marketingIn = NewWaId();
        var marketingOut = NewWaId();
        var utilityOnly = NewWaId();
        await tenant.Consent.RecordOptInAsync(OptIn(marketingIn));
        await tenant.Consent.RecordOptOutAsync(OptOut(marketingOut));
        await tenant.Consent.RecordOptInAsync(OptIn(utilityOnly, ConsentPurpose.Utility));

        async Task<List<string>> Listed(ConsentPurpose purpose, ConsentStatus status) =>
            [.. (await tenant.Consent.ListCustomersAsync(new ListCustomersRequest { Purpose = purpose, Status = status })).Customers.Select(c => c.WaId)];

        Assert.Equal([marketingIn], await Listed(ConsentPurpose.Marketing, ConsentStatus.OptedIn));
        Assert.Equal([marketingOut], await Listed(ConsentPurpose.Marketing, ConsentStatus.OptedOut));
        Assert.Equal([utilityOnly], await Listed(ConsentPurpose.Marketing, ConsentStatus.None));
        Assert.Equal([utilityOnly], await Listed(ConsentPurpose.Utility, ConsentStatus.OptedIn));
        Assert.Equal([utilityOnly, marketingOut, marketingIn], await Listed(ConsentPurpose.Automation, ConsentStatus.None));
        Assert.Empty(await Listed(ConsentPurpose.Automation, ConsentStatus.OptedIn));

        var all = await tenant.Consent.ListCustomersAsync(new ListCustomersRequest { PageSize = 2 });
        Assert.Equal([utilityOnly, marketingOut], all.Customers.Select(c => c.WaId));
        var rest = await tenant.Consent.ListCustomersAsync(new ListCustomersRequest { PageSize = 2, PageToken = all.NextPageToken });
        Assert.Equal([marketingIn], rest.Customers.Select(c => c.WaId));
        Assert.Empty(rest.NextPageToken);
        Assert.Equal(ConsentStatus.OptedIn, StatusOf(rest.Customers[0], ConsentPurpose.Marketing));
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted()
    {
        var tenant = await _bed.TenantAsync();
        var waId = NewWaId();
        var first = await tenant.Consent.RecordOptInAsync(OptIn(waId));

        await RpcAssert.WithReason(StatusCode.Aborted, "VERSION_CONFLICT", () => tenant.Consent.RecordOptOutAsync(
            OptOut(waId, expectedVersion: first.Version - 1)).ResponseAsync);
        var changed = await tenant.Consent.RecordOptOutAsync(OptOut(waId, expectedVersion: first.Version));

        Assert.Equal(first.Version + 1, changed.Version);
    }
}
