extern alias client;

using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Media;
using PesanAI.FunctionalTests.Messaging;
using PesanAI.FunctionalTests.Team;
using Conv = client::PesanAI.Protos.Conversations.V1;
using Know = client::PesanAI.Protos.Knowledge.V1;
using Tenants = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>
/// A business leaves: its owner asks, the tenant is suspended, the request can be withdrawn within the grace period,
/// and once the period is over (the host's clock moved on) nothing of it is left in any table; the other tenant keeps
/// every row and goes on working.
/// </summary>
public sealed class TenantDeletionTests(TenantDeletionTests.ClockedApp fixture) : IClassFixture<TenantDeletionTests.ClockedApp>
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly PesanAiApp _app = fixture.App;

    [Fact]
    public async Task After_the_grace_period_no_row_carries_the_tenant_and_the_other_tenant_is_untouched()
    {
        var bed = new MediaBed(_app);
        var leaving = await PopulatedTenantAsync(bed, "Toko Pergi");
        var staying = await PopulatedTenantAsync(bed, "Toko Tinggal");
        var owner = await bed.Messaging.Team.MemberCaller(leaving.TenantId, Tenants.MemberRole.Owner);
        var privacy = new PrivacyService.PrivacyServiceClient(owner.Channel);

        RpcAssert.FieldViolation(await RpcAssert.Fails(StatusCode.InvalidArgument, () => privacy.DeleteTenantAsync(new DeleteTenantRequest()).ResponseAsync), "tenant_id");
        Assert.Equal(Tenants.TenantState.Active, (await bed.Messaging.Team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = leaving.TenantId })).State);
        var requested = await privacy.DeleteTenantAsync(new DeleteTenantRequest { TenantId = leaving.TenantId, Reason = "pindah platform" });
        Assert.Equal(TenantDeletionState.Scheduled, requested.State);
        Assert.Equal(leaving.TenantId, requested.TenantId);
        Assert.Equal(TimeSpan.FromDays(30), requested.DeleteTime.ToDateTimeOffset() - requested.RequestTime.ToDateTimeOffset());
        Assert.Equal(Tenants.TenantState.Suspended, (await bed.Messaging.Team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = leaving.TenantId })).State);

        var cancelled = await privacy.CancelTenantDeletionAsync(new CancelTenantDeletionRequest());
        Assert.Equal(TenantDeletionState.Cancelled, cancelled.State);
        Assert.Equal(Tenants.TenantState.Active, (await bed.Messaging.Team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = leaving.TenantId })).State);

        await privacy.DeleteTenantAsync(new DeleteTenantRequest { TenantId = leaving.TenantId, Reason = "pindah platform" });
        Assert.Equal(TenantDeletionState.Scheduled, (await privacy.GetTenantDeletionAsync(new GetTenantDeletionRequest())).State);
        Assert.Equal(Tenants.TenantState.Suspended, (await bed.Messaging.Team.Operator.GetTenantAsync(new Tenants.GetTenantRequest { Id = leaving.TenantId })).State);
        Assert.NotEmpty(await DatabaseScan.RowsContainingAsync(_app.ConnectionString, leaving.TenantId));
        var stayingBefore = await DatabaseScan.RowsContainingAsync(_app.ConnectionString, staying.TenantId);

        fixture.Clock.Advance(TimeSpan.FromDays(31));

        // A fresh operator token: the one held was issued a month ago, as far as the host is concerned.
        var operatorPrivacy = new PrivacyService.PrivacyServiceClient(_app.OperatorChannel());
        var completed = await UntilCompletedAsync(fixture.Clock, operatorPrivacy, leaving.TenantId);
        Assert.Equal(leaving.TenantId, completed.TenantId);
        Assert.Empty(completed.RequestedBy);

        var left = await DatabaseScan.RowsContainingAsync(_app.ConnectionString, leaving.TenantId);
        Assert.True(left.Count == 0, "rows of the deleted tenant left: " + string.Join(", ", left.Select(t => $"{t.Key}={t.Value}")));
        var numberLeft = await DatabaseScan.RowsContainingAsync(_app.ConnectionString, leaving.PhoneNumberId);
        Assert.True(numberLeft.Count == 0, "rows naming the deleted tenant's number left: " + string.Join(", ", numberLeft.Select(t => $"{t.Key}={t.Value}")));
        Assert.Equal(stayingBefore.OrderBy(t => t.Key), (await DatabaseScan.RowsContainingAsync(_app.ConnectionString, staying.TenantId)).OrderBy(t => t.Key));

        var (_, token, _) = await TokenRequests.Request(_app, owner.ClientId, owner.Secret);
        Assert.Null(token);
        await RpcAssert.Fails(StatusCode.Unauthenticated, () => privacy.GetTenantDeletionAsync(new GetTenantDeletionRequest()).ResponseAsync);
        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_DELETED", () =>
            operatorPrivacy.CancelTenantDeletionAsync(new CancelTenantDeletionRequest { TenantId = leaving.TenantId }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () =>
            new Tenants.TenantService.TenantServiceClient(_app.OperatorChannel()).GetTenantAsync(new Tenants.GetTenantRequest { Id = leaving.TenantId }).ResponseAsync);

        // The other tenant goes on: a new credential (tokens of a month ago have expired) reads its conversation.
        var team = new TeamBuilder(_app);
        var agent = await team.MemberCaller(staying.TenantId, Tenants.MemberRole.Agent);
        Assert.Equal(Tenants.TenantState.Active, (await agent.Tenants.GetTenantAsync(new Tenants.GetTenantRequest())).State);
        var conversation = Assert.Single((await new Conv.ConversationService.ConversationServiceClient(agent.Channel)
            .ListConversationsAsync(new Conv.ListConversationsRequest())).Conversations);
        Assert.Equal(3, (await new Conv.ConversationService.ConversationServiceClient(agent.Channel)
            .ListMessagesAsync(new Conv.ListMessagesRequest { ConversationId = conversation.Id })).Messages.Count);
    }

    /// <summary>
    /// A number, a customer's text and photo (stored media), a reply through Meta, a template, an agent and an owner with
    /// credentials, a knowledge entry: rows in most tables.
    /// </summary>
    internal static async Task<SendingTenant> PopulatedTenantAsync(MediaBed bed, string name)
    {
        var tenant = await bed.Messaging.TenantAsync(name);
        var customer = Inbound.InboundBed.NewWaId();
        await bed.Messaging.CustomerWritesAsync(tenant, customer, $"Halo {name}, pesanan saya?");
        var photo = await bed.CustomerSendsAsync(tenant, customer, "image", MediaBed.Bytes(5_000, seed: name.Length), "image/jpeg");
        Assert.Null((await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), MediaBed.MediaIdOf(photo))).Error);
        var reply = await tenant.Messaging.SendMessageAsync(MessagingBed.Text(tenant, customer, "Masih ada, kak."));

        // Read: Meta's last status webhook is in, so nothing of the tenant changes behind the test's back.
        Assert.Equal(Conv.DeliveryStatus.Read, (await MessagingBed.UntilAsync(tenant, reply.Message.MessageId, m => m.Status == Conv.DeliveryStatus.Read)).Status);
        await MessagingBed.ApprovedTemplateAsync(tenant, "promo_" + Guid.NewGuid().ToString("N")[..8], client::PesanAI.Protos.Messaging.V1.TemplateCategory.Marketing, "Diskon {{1}} hari ini");
        var owner = await bed.Messaging.Team.MemberCaller(tenant.TenantId, Tenants.MemberRole.Owner);
        await new Know.KnowledgeService.KnowledgeServiceClient(owner.Channel)
            .UpsertEntryAsync(new Know.UpsertEntryRequest { Question = $"Jam buka {name}?", Answer = "Jam 9 sampai 5." });
        return tenant;
    }

    /// <summary>
    /// Polls GetTenantDeletion; meanwhile the host's time runs fast (ten seconds a poll), so the second, sweeping pass
    /// (a minute after the first) comes without a real wait.
    /// </summary>
    internal static async Task<TenantDeletion> UntilCompletedAsync(ShiftedClock clock, PrivacyService.PrivacyServiceClient privacy, string tenantId)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var deletion = await privacy.GetTenantDeletionAsync(new GetTenantDeletionRequest { TenantId = tenantId });
            if (deletion.State == TenantDeletionState.Completed)
            {
                return deletion;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the deletion stayed {deletion.State}");
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(100);
        }
    }

    public sealed class ClockedApp : IAsyncLifetime
    {
        public ShiftedClock Clock { get; } = new();

        public PesanAiApp App { get; }

        public ClockedApp() => App = new PesanAiApp
        {
            Clock = Clock,
            Settings = new Dictionary<string, string?> { ["PESANAI_TENANT_DELETION_POLL_SECONDS"] = "0.2" },
        };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
