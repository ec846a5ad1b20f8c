extern alias client;

using System.Text;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Operations.V1;
using Grpc.Core;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// The operator's InboundService over a real channel: webhooks the processor parked are listed (without their body)
/// with their reasons, and replayed once the cause is gone, exactly once. The host parks after two failed attempts.
/// </summary>
public sealed class ParkedWebhookTests(ParkedWebhookTests.TwoAttemptsApp fixture) : IClassFixture<ParkedWebhookTests.TwoAttemptsApp>
{
    private readonly PesanAiApp _app = fixture.App;
    private readonly InboundBed _bed = new(fixture.App);
    private readonly InboundService.InboundServiceClient _operator = new(fixture.App.OperatorChannel());

    [Fact]
    public async Task A_message_the_store_refuses_for_good_is_listed_with_its_reason_and_a_replay_stores_it_once()
    {
        var tenant = await _bed.TenantAsync();
        var sent = Enumerable.Range(0, 3).Select(i => (InboundBed.NewWaId(), InboundBed.NewWamid(), $"Pesan {i}")).ToArray();
        var poison = sent[1].Item2;
        await StoreRefusal.RefuseAsync(_app, poison, "22023");
        var body = MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow.AddSeconds(-5));

        await _bed.PostAsync(body, tenant.AppSecret);

        Assert.Equal(new[] { sent[0].Item2, sent[2].Item2 }.Order(StringComparer.Ordinal), (await WamidsAsync(tenant)).Order(StringComparer.Ordinal));
        var parked = await ParkedNamingAsync(poison);
        var item = Assert.Single(parked.Items);
        Assert.Equal(("message", poison, "PostgreSQL 22023", tenant.TenantId, tenant.PhoneNumberId), (item.Kind, Unfingerprinted(item.ItemFingerprint, poison), item.Reason, item.TenantId, item.PhoneNumberId));
        Assert.Equal(Encoding.UTF8.GetByteCount(body), parked.BodyBytes);
        Assert.Equal(await StoreRefusal.RawWebhookIdAsync(_app, Encoding.UTF8.GetBytes(body)), parked.RawWebhookId);
        Assert.Null(parked.ReplayTime);
        var waiting = (await _operator.GetInboundBacklogAsync(new GetInboundBacklogRequest())).ParkedWebhooks;
        Assert.True(waiting >= 1);

        await StoreRefusal.RefuseAsync(_app, poison, null);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => OutcomeAsync(parked.Id)));
        await new InboundQueueProbe(_app).UntilProcessedAsync(Encoding.UTF8.GetBytes(body));

        // Two replays at once: one requeues, the other finds it replayed.
        Assert.Equal([StatusCode.OK, StatusCode.FailedPrecondition], outcomes.Order());
        Assert.Equal(sent.Select(s => s.Item2).Order(StringComparer.Ordinal), (await WamidsAsync(tenant)).Order(StringComparer.Ordinal));
        var replayed = await ParkedNamingAsync(poison);
        Assert.Equal(parked.Id, replayed.Id);
        Assert.NotNull(replayed.ReplayTime);
        Assert.Equal(waiting - 1, (await _operator.GetInboundBacklogAsync(new GetInboundBacklogRequest())).ParkedWebhooks);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "ALREADY_REPLAYED", () => _operator.ReplayParkedWebhookAsync(
            new ReplayParkedWebhookRequest { ParkedWebhookId = parked.Id }).ResponseAsync);
        Assert.Equal(sent.Length, (await WamidsAsync(tenant)).Count);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_parked_after_its_attempts_while_others_flow_and_a_replay_stores_it()
    {
        var tenant = await _bed.TenantAsync();
        var sent = Enumerable.Range(0, 3).Select(i => (InboundBed.NewWaId(), InboundBed.NewWamid(), $"Pesan {i}")).ToArray();
        await StoreRefusal.RefuseAsync(_app, sent[1].Item2, "40001");
        var body = Encoding.UTF8.GetBytes(MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow.AddSeconds(-5)));

        await _bed.AcknowledgeAsync(body, tenant.AppSecret);
        var otherWamid = InboundBed.NewWamid();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), otherWamid, "lain", DateTimeOffset.UtcNow), tenant.AppSecret);
        await new InboundQueueProbe(_app).UntilProcessedAsync(body);

        // Nothing of the failing webhook went in (its tenant's transaction failed whole); the one behind it did.
        Assert.Equal([otherWamid], await WamidsAsync(tenant));
        var rawWebhookId = await StoreRefusal.RawWebhookIdAsync(_app, body);
        var parked = Assert.Single(await ListAllAsync(), p => p.RawWebhookId == rawWebhookId);
        var item = Assert.Single(parked.Items);
        Assert.Equal(("webhook", "PostgreSQL 40001 (after 2 attempts)", string.Empty, string.Empty), (item.Kind, item.Reason, item.ItemFingerprint, item.TenantId));

        await StoreRefusal.RefuseAsync(_app, sent[1].Item2, null);
        var replayed = await _operator.ReplayParkedWebhookAsync(new ReplayParkedWebhookRequest { ParkedWebhookId = parked.Id });
        await new InboundQueueProbe(_app).UntilProcessedAsync(body);

        Assert.NotNull(replayed.ReplayTime);
        Assert.Equal(sent.Select(s => s.Item2).Append(otherWamid).Order(StringComparer.Ordinal), (await WamidsAsync(tenant)).Order(StringComparer.Ordinal));
        Assert.Single(await ListAllAsync(), p => p.RawWebhookId == rawWebhookId);
    }

    [Fact]
    public async Task A_parked_webhook_whose_body_was_purged_cannot_be_replayed_and_stays_parked()
    {
        var tenant = await _bed.TenantAsync();
        var wamid = InboundBed.NewWamid();
        await StoreRefusal.RefuseAsync(_app, wamid, "22023");
        var body = MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), wamid, "hilang", DateTimeOffset.UtcNow);
        await _bed.PostAsync(body, tenant.AppSecret);
        var parked = await ParkedNamingAsync(wamid);
        await StoreRefusal.PurgeAsync(_app, parked.RawWebhookId);

        var info = await RpcAssert.WithReason(StatusCode.FailedPrecondition, "RAW_WEBHOOK_PURGED", () => _operator.ReplayParkedWebhookAsync(
            new ReplayParkedWebhookRequest { ParkedWebhookId = parked.Id }).ResponseAsync);

        Assert.Equal("pesanai.io", info.Domain);
        Assert.Null((await ParkedNamingAsync(wamid)).ReplayTime);
        await RpcAssert.Fails(StatusCode.NotFound, () => _operator.ReplayParkedWebhookAsync(
            new ReplayParkedWebhookRequest { ParkedWebhookId = Guid.NewGuid().ToString() }).ResponseAsync);
        var badRequest = await RpcAssert.InvalidArgument(() => _operator.ReplayParkedWebhookAsync(new ReplayParkedWebhookRequest()).ResponseAsync);
        Assert.Equal("parked_webhook_id", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Parked_webhooks_are_paged_oldest_first_and_a_foreign_page_token_is_refused()
    {
        var tenant = await _bed.TenantAsync();
        var wamids = new[] { InboundBed.NewWamid(), InboundBed.NewWamid() };
        foreach (var wamid in wamids)
        {
            await StoreRefusal.RefuseAsync(_app, wamid, "22023");
            await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), wamid, "x", DateTimeOffset.UtcNow), tenant.AppSecret);
        }

        var all = await ListAllAsync(pageSize: 1);

        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(all.OrderBy(p => p.ParkTime.ToDateTimeOffset()).Select(p => p.Id), all.Select(p => p.Id));
        var fingerprints = wamids.Select(Fingerprint).ToList();
        var ours = all.Where(p => p.Items.Any(i => fingerprints.Contains(i.ItemFingerprint))).ToList();
        Assert.Equal(fingerprints, ours.Select(p => Assert.Single(p.Items).ItemFingerprint));
        var badRequest = await RpcAssert.InvalidArgument(() => _operator.ListParkedWebhooksAsync(new ListParkedWebhooksRequest { PageToken = "nonsense" }).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Tenant_callers_and_callers_without_a_token_are_refused()
    {
        var tenant = await _bed.Team.Tenant("Toko Penasaran");
        var owner = new InboundService.InboundServiceClient((await _bed.Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Owner)).Channel);
        var anonymous = new InboundService.InboundServiceClient(_app.RawChannel());

        foreach (var (client, expected) in new[] { (owner, StatusCode.PermissionDenied), (anonymous, StatusCode.Unauthenticated) })
        {
            await RpcAssert.Fails(expected, () => client.GetInboundBacklogAsync(new GetInboundBacklogRequest()).ResponseAsync);
            await RpcAssert.Fails(expected, () => client.ListParkedWebhooksAsync(new ListParkedWebhooksRequest()).ResponseAsync);
            await RpcAssert.Fails(expected, () => client.ReplayParkedWebhookAsync(new ReplayParkedWebhookRequest { ParkedWebhookId = Guid.NewGuid().ToString() }).ResponseAsync);
        }
    }

    private async Task<StatusCode> OutcomeAsync(string parkedWebhookId)
    {
        try
        {
            await _operator.ReplayParkedWebhookAsync(new ReplayParkedWebhookRequest { ParkedWebhookId = parkedWebhookId });
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>The one parked webhook with an item naming this wamid.</summary>
    private async Task<ParkedWebhook> ParkedNamingAsync(string wamid) =>
        Assert.Single(await ListAllAsync(), p => p.Items.Any(i => i.ItemFingerprint == Fingerprint(wamid)));

    private async Task<List<ParkedWebhook>> ListAllAsync(int pageSize = 0)
    {
        var all = new List<ParkedWebhook>();
        var token = string.Empty;
        do
        {
            var page = await _operator.ListParkedWebhooksAsync(new ListParkedWebhooksRequest { PageSize = pageSize, PageToken = token });
            all.AddRange(page.ParkedWebhooks);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>Every stored message's wamid, duplicates kept.</summary>
    private static async Task<List<string>> WamidsAsync(InboundTenant tenant)
    {
        var wamids = new List<string>();
        foreach (var conversation in (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations)
        {
            wamids.AddRange((await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.Select(m => m.Wamid));
        }

        return wamids;
    }

    public sealed class TwoAttemptsApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?> { ["PESANAI_INBOUND_MAX_ATTEMPTS"] = "2" } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>The digest an operator computes to match a wamid they know (the proto's item_fingerprint).</summary>
    private static string Fingerprint(string wamid) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wamid)))[..16];

    /// <summary>The wamid whose fingerprint this is, or the fingerprint itself when it is not that wamid's.</summary>
    private static string Unfingerprinted(string fingerprint, string wamid) => fingerprint == Fingerprint(wamid) ? wamid : fingerprint;
}
