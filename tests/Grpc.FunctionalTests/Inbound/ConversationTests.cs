extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Inbound;

public sealed class ConversationTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task The_team_assigns_hands_off_labels_and_closes_and_a_new_message_reopens()
    {
        var tenant = await _bed.TenantAsync();
        var waId = InboundBed.NewWaId();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "halo", DateTimeOffset.UtcNow), tenant.AppSecret);
        var conversations = tenant.Conversations;
        var id = Assert.Single((await conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations).Id;

        var assigned = await conversations.AssignConversationAsync(new AssignConversationRequest { ConversationId = id, MemberId = tenant.Agent.MemberId });
        var human = await conversations.HandOffToHumanAsync(new HandOffToHumanRequest { ConversationId = id, Reason = "customer asked" });
        var labelled = await conversations.SetLabelsAsync(new SetLabelsRequest { ConversationId = id, Labels = { "VIP", "billing" } });
        var closed = await conversations.CloseConversationAsync(new CloseConversationRequest { ConversationId = id });

        Assert.Equal(tenant.Agent.MemberId, assigned.AssigneeId);
        Assert.Equal(ConversationHandler.Human, human.Handler);
        Assert.Equal(["billing", "vip"], labelled.Labels.Order(StringComparer.Ordinal));
        Assert.Equal(ConversationState.Closed, closed.State);
        Assert.Single((await conversations.ListConversationsAsync(new ListConversationsRequest { Label = "vip" })).Conversations);
        Assert.Single((await conversations.ListConversationsAsync(new ListConversationsRequest { State = ConversationState.Closed })).Conversations);
        Assert.Single((await conversations.ListConversationsAsync(new ListConversationsRequest { AssigneeId = tenant.Agent.MemberId })).Conversations);

        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, waId, InboundBed.NewWamid(), "masih ada?", DateTimeOffset.UtcNow), tenant.AppSecret);

        var reopened = await conversations.GetConversationAsync(new GetConversationRequest { ConversationId = id });
        Assert.Equal(ConversationState.Open, reopened.State);
        Assert.Equal(2, reopened.MessageCount);
    }

    [Fact]
    public async Task Assigning_to_a_member_of_no_one_or_an_unknown_conversation_is_not_found()
    {
        var tenant = await _bed.TenantAsync();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "halo", DateTimeOffset.UtcNow), tenant.AppSecret);
        var id = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations).Id;

        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Conversations.AssignConversationAsync(
            new AssignConversationRequest { ConversationId = id, MemberId = Guid.NewGuid().ToString() }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.NotFound, () => tenant.Conversations.GetConversationAsync(
            new GetConversationRequest { ConversationId = Guid.NewGuid().ToString() }).ResponseAsync);
        var bad = await RpcAssert.InvalidArgument(() => tenant.Conversations.GetConversationAsync(new GetConversationRequest { ConversationId = "x" }).ResponseAsync);
        Assert.Equal("conversation_id", Assert.Single(bad.FieldViolations).Field);
    }

    [Fact]
    public async Task Statuses_move_forward_only_and_a_status_for_an_unknown_outbound_message_is_kept()
    {
        var tenant = await _bed.TenantAsync();
        var waId = InboundBed.NewWaId();
        var outbound = InboundBed.NewWamid();
        var at = DateTimeOffset.UtcNow;
        foreach (var status in new[] { "sent", "read", "delivered", "sent", "read" })
        {
            await _bed.PostAsync(MetaPayloads.Status(tenant.PhoneNumberId, outbound, status, waId, at), tenant.AppSecret);
        }

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.TenantId);
        var state = await session.LoadAsync<Domain.Conversations.Conversation>(Guid.Parse(conversation.Id));
        Assert.Equal(Domain.Conversations.DeliveryStatus.Read, state!.StatusOf(outbound));
        var changes = await session.Events.FetchStreamAsync(Guid.Parse(conversation.Id));
        Assert.Equal(2, changes.Count(e => e.Data is Domain.Conversations.MessageStatusChanged));
    }

    [Fact]
    public async Task A_status_for_a_customer_known_only_by_user_id_lands_in_their_conversation()
    {
        var tenant = await _bed.TenantAsync();
        var userId = "ID." + Guid.NewGuid().ToString("N");
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, string.Empty, InboundBed.NewWamid(), "halo", DateTimeOffset.UtcNow, userId), tenant.AppSecret);

        await _bed.PostAsync(MetaPayloads.Status(tenant.PhoneNumberId, InboundBed.NewWamid(), "delivered", string.Empty, DateTimeOffset.UtcNow, userId), tenant.AppSecret);

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal(userId, conversation.Customer.UserId);
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.TenantId);
        var state = await session.LoadAsync<Domain.Conversations.Conversation>(Guid.Parse(conversation.Id));
        Assert.Single(state!.OutboundStatuses);
    }

    [Fact]
    public async Task Conversations_are_invisible_to_the_operator_and_to_an_auditor()
    {
        var tenant = await _bed.TenantAsync();
        var auditor = await _bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Auditor);

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new ConversationService.ConversationServiceClient(app.OperatorChannel())
            .ListConversationsAsync(new ListConversationsRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new ConversationService.ConversationServiceClient(auditor.Channel)
            .ListConversationsAsync(new ListConversationsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Watching_shows_conversation_events_as_they_commit_and_resumes_from_a_position()
    {
        var tenant = await _bed.TenantAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = tenant.Conversations.WatchConversations(new WatchConversationsRequest(), cancellationToken: cancel.Token);

        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "lihat", DateTimeOffset.UtcNow), tenant.AppSecret);
        var seen = new List<ConversationEvent>();
        while (seen.Count < 2 && await watch.ResponseStream.MoveNext(cancel.Token))
        {
            seen.Add(watch.ResponseStream.Current);
        }

        Assert.Equal(["conversation_started", "message_received"], seen.Select(e => e.Type));
        Assert.Contains("lihat", seen[1].Data, StringComparison.Ordinal);
        await cancel.CancelAsync();

        using var resumed = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var again = tenant.Conversations.WatchConversations(new WatchConversationsRequest { AfterPosition = seen[0].Position }, cancellationToken: resumed.Token);
        Assert.True(await again.ResponseStream.MoveNext(resumed.Token));
        Assert.Equal(seen[1].Position, again.ResponseStream.Current.Position);
        await resumed.CancelAsync();
    }

    [Fact]
    public async Task Reading_conversations_is_recorded_in_the_access_audit()
    {
        var tenant = await _bed.TenantAsync();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "rahasia", DateTimeOffset.UtcNow), tenant.AppSecret);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id });

        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant.TenantId);
        var reads = (await session.Events.FetchStreamAsync(Domain.Audit.AccessStream.For(Guid.Parse(tenant.TenantId))))
            .Select(e => (Domain.Audit.DataAccessed)e.Data)
            .ToList();
        Assert.Contains(reads, r => r.Operation.EndsWith("/ListConversations", StringComparison.Ordinal) && r.ResourceIds.Contains(conversation.Id));
        Assert.Contains(reads, r => r.Operation.EndsWith("/ListMessages", StringComparison.Ordinal) && r.CredentialId == tenant.Agent.ClientId);
    }
}
