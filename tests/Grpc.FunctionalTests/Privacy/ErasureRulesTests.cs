extern alias client;

using client::PesanAI.Protos.Consent.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Inbound;
using PesanAI.FunctionalTests.Messaging;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>What an erasure keeps (an opt-out), what it refuses, who may ask, and erasure under traffic.</summary>
public sealed class ErasureRulesTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task An_opt_out_outlives_the_erasure_and_a_new_message_starts_a_clean_customer()
    {
        var shop = await PrivacyBed.ShopAsync(app, _bed);
        var (stopped, quiet) = (InboundBed.NewWaId(), InboundBed.NewWaId());
        var consent = new ConsentService.ConsentServiceClient(shop.Tenant.Agent.Channel);
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, stopped, "Rina", "halo kak");
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, quiet, "Dewi", "halo juga");
        await consent.RecordOptOutAsync(Consent.ConsentBed.OptOut(stopped));
        await consent.RecordOptInAsync(Consent.ConsentBed.OptIn(quiet));

        var first = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = stopped, RequestId = "r-1" });
        var second = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = quiet, RequestId = "r-2" });
        Assert.Equal((true, false), (first.OptOutKept, second.OptOutKept));
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, stopped, "Rina", "saya mau tanya lagi");
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, quiet, "Dewi", "saya juga");

        var again = await consent.GetConsentAsync(new GetConsentRequest { WaId = stopped });
        var marketing = again.Purposes.Single(p => p.Purpose == ConsentPurpose.Marketing);
        Assert.Equal((ConsentStatus.OptedOut, ConsentSource.Import), (marketing.Status, marketing.Source));
        Assert.Equal(ConsentStatus.None, (await consent.GetConsentAsync(new GetConsentRequest { WaId = quiet })).Purposes.Single(p => p.Purpose == ConsentPurpose.Marketing).Status);

        // Only the new message is there: a clean customer.
        var conversation = await PrivacyBed.ConversationOfAsync(shop.Tenant, stopped);
        var messages = (await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
        Assert.Equal(["saya mau tanya lagi"], messages.Where(m => m.Direction == MessageDirection.Inbound).Select(m => m.Text));
    }

    [Fact]
    public async Task Bad_requests_are_refused_naming_the_field_and_an_unknown_customer_is_not_found()
    {
        var shop = await PrivacyBed.ShopAsync(app, _bed);

        var none = await Assert.ThrowsAsync<RpcException>(() => shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { RequestId = "x" }).ResponseAsync);
        var noRequest = await Assert.ThrowsAsync<RpcException>(() => shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = InboundBed.NewWaId() }).ResponseAsync);
        var letters = await Assert.ThrowsAsync<RpcException>(() => shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = "62abc", RequestId = "x" }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = InboundBed.NewWaId(), RequestId = "x" }).ResponseAsync);
        var unknownId = await Assert.ThrowsAsync<RpcException>(() => shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = Guid.NewGuid().ToString(), RequestId = "x" }).ResponseAsync);

        RpcAssert.FieldViolation(none, "customer");
        RpcAssert.FieldViolation(noRequest, "request_id");
        RpcAssert.FieldViolation(letters, "wa_id");
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (unknown.StatusCode, unknownId.StatusCode));
    }

    [Fact]
    public async Task Only_the_tenants_owners_and_admins_may_export_or_erase_and_the_export_is_audited()
    {
        var shop = await PrivacyBed.ShopAsync(app, _bed);
        var customer = InboundBed.NewWaId();
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, customer, "Sari", "halo");
        var agentPrivacy = new PrivacyService.PrivacyServiceClient(shop.Tenant.Agent.Channel);
        var auditor = await _bed.Team.MemberCaller(shop.Tenant.TenantId, TenantsApi.MemberRole.Auditor);

        var agent = await Assert.ThrowsAsync<RpcException>(() => PrivacyBed.ExportAsync(agentPrivacy, new ExportCustomerDataRequest { WaId = customer }));
        var audit = await Assert.ThrowsAsync<RpcException>(() => new PrivacyService.PrivacyServiceClient(auditor.Channel)
            .EraseCustomerAsync(new EraseCustomerRequest { WaId = customer, RequestId = "x" }).ResponseAsync);
        var op = await Assert.ThrowsAsync<RpcException>(() => new PrivacyService.PrivacyServiceClient(app.OperatorChannel())
            .EraseCustomerAsync(new EraseCustomerRequest { WaId = customer, RequestId = "x" }).ResponseAsync);
        var owner = await PrivacyBed.ExportAsync(new PrivacyService.PrivacyServiceClient(shop.Owner.Channel), new ExportCustomerDataRequest { WaId = customer });

        Assert.Equal(
            (StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.PermissionDenied),
            (agent.StatusCode, audit.StatusCode, op.StatusCode));
        Assert.Contains("customer.json", owner.Keys);
        var reads = await Audit.AuditBed.ReplayAsync(
            new client::PesanAI.Protos.Audit.V1.AuditService.AuditServiceClient(shop.Owner.Channel),
            new client::PesanAI.Protos.Audit.V1.ReplayEventsRequest { EventTypes = { "data_accessed" } });
        Assert.Contains(reads, e => e.Data.Contains("\"customer_export\"", StringComparison.Ordinal) && e.Data.Contains("ExportCustomerData", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_racing_the_erasure_are_erased_with_it_or_start_a_new_whole_record()
    {
        var shop = await PrivacyBed.ShopAsync(app, _bed, ai: false);
        var customer = InboundBed.NewWaId();
        var token = Guid.NewGuid().ToString("N")[..10];
        var before = $"sebelum {token}";
        await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, customer, "Sari", before);
        var racing = Enumerable.Range(0, 6).Select(i => $"bersamaan {token} {i}").ToList();

        var writes = Task.Run(async () =>
        {
            foreach (var text in racing)
            {
                await PrivacyBed.CustomerWritesAsync(app, shop.Tenant, customer, "Sari", text);
            }
        });
        var erased = await shop.Privacy.EraseCustomerAsync(new EraseCustomerRequest { WaId = customer, RequestId = "race-" + token });
        await writes;
        await app.UntilInboundProcessedAsync();

        Assert.Empty(await DatabaseScan.RowsContainingAsync(app.ConnectionString, before));
        var conversation = (await shop.Tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.SingleOrDefault(c => c.Customer.WaId == customer);
        var kept = conversation is null ? [] : (await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages
            .Where(m => m.Direction == MessageDirection.Inbound).Select(m => m.Text).ToList();

        // Whatever came after the erasure is a whole record (every stored message listed, counted by the
        // conversation); whatever came before it is gone everywhere.
        Assert.Equal(1 + racing.Count, erased.Messages + kept.Count);
        foreach (var text in racing)
        {
            var rows = await DatabaseScan.RowsContainingAsync(app.ConnectionString, text);
            Assert.True(kept.Contains(text) || rows.Count == 0, $"{text}: half erased ({string.Join(", ", rows.Keys)})");
        }

        if (conversation is not null)
        {
            Assert.Equal(racing.Skip(racing.Count - kept.Count).Order(), kept.Order());
            Assert.Equal(conversation.MessageCount, (await shop.Tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.Count);
        }
    }
}
