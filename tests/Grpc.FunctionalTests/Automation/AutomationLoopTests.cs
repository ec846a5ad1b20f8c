extern alias client;

using client::PesanAI.Protos.Automation.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Knowledge.V1;
using PesanAI.FunctionalTests.Messaging;
using PesanAI.FunctionalTests.Team;
using Events = PesanAI.Domain.Conversations;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Automation;

/// <summary>The AI loop end to end: a customer writes through the emulator, the automation feed decides, the reply goes out.</summary>
public sealed class AutomationLoopTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task The_AI_answers_from_the_knowledge_base_through_the_outbox()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var customer = Inbound.InboundBed.NewWaId();

        await _bed.CustomerWritesAsync(tenant, customer, "jam buka toko kapan ya kak?");
        var reply = await AiMessageAsync(tenant, customer);

        Assert.NotNull(reply);
        Assert.Equal(MessageOrigin.Ai, reply.Origin);
        Assert.Contains("09.00", reply.Text, StringComparison.Ordinal);
        var atMeta = await MessagingBed.UntilAsync(tenant, reply.MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, atMeta.SendState);
    }

    [Fact]
    public async Task A_customer_known_only_by_user_id_gets_the_ais_answer_by_that_id()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var userId = "ID." + Guid.NewGuid().ToString("N")[..20];

        await _bed.CustomerWritesAsync(tenant, string.Empty, "jam buka toko kapan ya kak?", userId: userId);
        var reply = await AiMessageAsync(tenant, userId);

        Assert.NotNull(reply);
        Assert.Contains("09.00", reply.Text, StringComparison.Ordinal);
        var read = await MessagingBed.UntilAsync(tenant, reply.MessageId, m => m.Status == DeliveryStatus.Read);
        Assert.Equal((SendState.Accepted, DeliveryStatus.Read), (read.SendState, read.Status));
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, userId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(userId, atMeta.GetProperty("recipient").GetString());
        Assert.False(atMeta.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Once_a_user_id_customer_writes_with_the_phone_number_the_ai_answers_at_the_number_in_the_same_conversation()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var userId = "ID." + Guid.NewGuid().ToString("N")[..20];
        var waId = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, string.Empty, "jam buka toko kapan ya kak?", userId: userId);
        var first = await AiMessageAsync(tenant, userId);
        Assert.NotNull(first);

        await _bed.CustomerWritesAsync(tenant, waId, "berapa ongkos kirim?", userId: userId);
        var replies = await AiMessagesAsync(tenant, waId, count: 2);

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal((waId, userId), (conversation.Customer.WaId, conversation.Customer.UserId));
        var second = Assert.Single(replies, r => r.MessageId != first.MessageId);
        Assert.Contains("Rp10.000", second.Text, StringComparison.Ordinal);
        var accepted = await MessagingBed.UntilAsync(tenant, second.MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, waId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(waId, atMeta.GetProperty("to").GetString());
        Assert.False(atMeta.TryGetProperty("recipient", out _));
    }

    [Fact]
    public async Task After_a_changed_user_id_the_ai_answers_the_new_id_and_the_notice_itself_is_not_answered()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var oldUserId = "ID." + Guid.NewGuid().ToString("N")[..20];
        var newUserId = "ID." + Guid.NewGuid().ToString("N")[..20];
        await _bed.CustomerWritesAsync(tenant, string.Empty, "jam buka toko kapan ya kak?", userId: oldUserId);
        Assert.NotNull(await AiMessageAsync(tenant, oldUserId));

        await _bed.UserIdChangesAsync(tenant, oldUserId, newUserId);
        var later = await _bed.CustomerWritesAsync(tenant, string.Empty, "berapa ongkos kirim?", userId: newUserId);
        var replies = await AiMessagesAsync(tenant, newUserId, count: 2);
        var decision = await DecisionOnAsync(tenant, newUserId, later);

        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        Assert.Equal((ConversationHandler.Automation, newUserId), (conversation.Handler, conversation.Customer.UserId));
        Assert.IsType<Events.AiReplied>(decision);
        Assert.Equal(2, replies.Count);
        var accepted = await MessagingBed.UntilAsync(tenant, replies.Single(r => r.Text.Contains("Rp10.000", StringComparison.Ordinal)).MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, newUserId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(newUserId, atMeta.GetProperty("recipient").GetString());
        Assert.Contains("Rp10.000", atMeta.GetProperty("text").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_off_keyword_gives_the_conversation_to_people_and_the_AI_stays_out_afterwards()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var customer = Inbound.InboundBed.NewWaId();

        await _bed.CustomerWritesAsync(tenant, customer, "saya mau bicara dengan manusia");
        var conversation = await UntilAsync(tenant, customer, c => c.Handler == ConversationHandler.Human);
        var later = await _bed.CustomerWritesAsync(tenant, customer, "jam buka toko kapan?");
        var decision = await DecisionOnAsync(tenant, customer, later);

        Assert.Equal(ConversationHandler.Human, conversation?.Handler);
        Assert.Equal(Domain.Automation.AutomationReasons.HumanHandling, Assert.IsType<Events.AiSuppressed>(decision).Reason);
        Assert.Null(await AiMessageAsync(tenant, customer, wait: false));
    }

    [Fact]
    public async Task Two_quick_messages_get_one_reply()
    {
        var (tenant, _) = await ShopAsync(aiOn: true);
        var customer = Inbound.InboundBed.NewWaId();

        var wamids = await Task.WhenAll(
            _bed.CustomerWritesAsync(tenant, customer, "halo kak"),
            _bed.CustomerWritesAsync(tenant, customer, "jam buka toko kapan?"));
        var reply = await AiMessageAsync(tenant, customer);
        var decisions = await Task.WhenAll(wamids.Select(w => DecisionOnAsync(tenant, customer, w)));

        Assert.NotNull(reply);
        Assert.Single(decisions, d => d is Events.AiReplied);
        Assert.Single(await MessagesAsync(tenant, customer), m => m.Origin == MessageOrigin.Ai);
    }

    [Fact]
    public async Task With_the_AI_off_nothing_is_answered()
    {
        var (tenant, _) = await ShopAsync(aiOn: false);
        var customer = Inbound.InboundBed.NewWaId();

        var wamid = await _bed.CustomerWritesAsync(tenant, customer, "jam buka toko kapan?");
        var conversation = await UntilAsync(tenant, customer, _ => true);
        var received = await DaemonProgress.SequenceOfAsync<Events.MessageReceived>(app, tenant.TenantId, conversation!.Id, m => m.Wamid == wamid);
        // With the AI off no decision is recorded: the feed having passed the message is the signal.
        await DaemonProgress.UntilHandledAsync(app, DaemonProgress.Automation, received);

        Assert.Null(await AiMessageAsync(tenant, customer, wait: false));
    }

    [Fact]
    public async Task With_the_AI_off_business_hours_still_send_the_away_message_once()
    {
        var (tenant, admin) = await ShopAsync(aiOn: false);
        var automation = new AutomationService.AutomationServiceClient(admin.Channel);
        var settings = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        // Closed all week: every message arrives outside business hours.
        settings.BusinessHours = new BusinessHours { TimeZone = "Asia/Jakarta", AwayMessage = "Kami sedang tutup, kak. Besok kami balas ya." };
        await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = settings });
        var customer = Inbound.InboundBed.NewWaId();

        await _bed.CustomerWritesAsync(tenant, customer, "halo, masih buka?");
        var away = await AiMessageAsync(tenant, customer);
        var second = await _bed.CustomerWritesAsync(tenant, customer, "kak?");
        var conversation = await UntilAsync(tenant, customer, _ => true);
        var received = await DaemonProgress.SequenceOfAsync<Events.MessageReceived>(app, tenant.TenantId, conversation!.Id, m => m.Wamid == second);
        // The feed having passed the second message is the signal that it was decided (once a day: no second away).
        await DaemonProgress.UntilHandledAsync(app, DaemonProgress.Automation, received);

        Assert.NotNull(away);
        Assert.Equal("Kami sedang tutup, kak. Besok kami balas ya.", away.Text);
        Assert.Single(await MessagesAsync(tenant, customer), m => m.Origin == MessageOrigin.Ai);
        var atMeta = await MessagingBed.UntilAsync(tenant, away.MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, atMeta.SendState);
    }

    private async Task<(SendingTenant Tenant, Caller Admin)> ShopAsync(bool aiOn)
    {
        var tenant = await _bed.TenantAsync();
        var admin = await _bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Admin);
        await new KnowledgeService.KnowledgeServiceClient(admin.Channel).ImportEntriesAsync(new ImportEntriesRequest
        {
            Entries =
            {
                new ImportEntry { Question = "Jam buka toko kapan?", Answer = "Toko buka Senin–Sabtu 09.00–20.00 WIB.", Language = "id" },
                new ImportEntry { Question = "Berapa ongkos kirim?", Answer = "Ongkir mulai Rp10.000 di Jawa.", Language = "id" },
                new ImportEntry { Question = "Bagaimana cara retur barang?", Answer = "Retur dalam 7 hari dengan label terpasang.", Language = "id" },
            },
        });
        if (aiOn)
        {
            var automation = new AutomationService.AutomationServiceClient(admin.Channel);
            var settings = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
            settings.Enabled = true;
            await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = settings });
        }

        return (tenant, admin);
    }

    private static async Task<IReadOnlyList<Message>> MessagesAsync(SendingTenant tenant, string customer)
    {
        var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.FirstOrDefault(c => c.Customer.WaId == customer || c.Customer.UserId == customer);
        return conversation is null ? [] : (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
    }

    private static async Task<Message?> AiMessageAsync(SendingTenant tenant, string customer, bool wait = true)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(wait ? 15 : 0);
        while (true)
        {
            var reply = (await MessagesAsync(tenant, customer)).FirstOrDefault(m => m.Origin == MessageOrigin.Ai);
            if (reply is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return reply;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<IReadOnlyList<Message>> AiMessagesAsync(SendingTenant tenant, string customer, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var replies = (await MessagesAsync(tenant, customer)).Where(m => m.Origin == MessageOrigin.Ai).ToList();
            if (replies.Count >= count || DateTimeOffset.UtcNow >= deadline)
            {
                return replies;
            }

            await Task.Delay(100);
        }
    }

    private Task<object> DecisionOnAsync(SendingTenant tenant, string customer, string wamid) => AiDecisions.OnAsync(app, tenant, customer, wamid);

    private static async Task<Conversation?> UntilAsync(SendingTenant tenant, string customer, Func<Conversation, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.FirstOrDefault(c => c.Customer.WaId == customer || c.Customer.UserId == customer);
            if ((conversation is not null && done(conversation)) || DateTimeOffset.UtcNow >= deadline)
            {
                return conversation;
            }

            await Task.Delay(100);
        }
    }
}
