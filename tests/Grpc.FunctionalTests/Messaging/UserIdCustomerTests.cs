extern alias client;

using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>
/// Customers who hide their phone number (usernames) are known only by a business-scoped user id (BSUID): the team
/// answers them by that id (Meta's <c>recipient</c>, no <c>to</c>), and the statuses that name only the id settle it.
/// </summary>
public sealed class UserIdCustomerTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly MessagingBed _bed = new(app);

    [Fact]
    public async Task A_team_members_reply_reaches_a_customer_known_only_by_user_id_and_is_read()
    {
        var tenant = await _bed.TenantAsync();
        var userId = "ID." + Guid.NewGuid().ToString("N")[..24];
        await _bed.CustomerWritesAsync(tenant, string.Empty, "Kak, pesanan saya belum sampai", userId: userId);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        var sent = await tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            ConversationId = conversation.Id,
            Text = new TextContent { Body = "Maaf kak, kami cek dulu ya" },
        });
        var read = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status == DeliveryStatus.Read);

        Assert.Equal((string.Empty, userId), (conversation.Customer.WaId, conversation.Customer.UserId));
        Assert.Equal((SendState.Accepted, DeliveryStatus.Read), (read.SendState, read.Status));
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, userId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(userId, atMeta.GetProperty("recipient").GetString());
        Assert.False(atMeta.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task A_user_id_customer_who_writes_with_the_phone_number_stays_one_customer_and_is_answered_at_the_number()
    {
        var tenant = await _bed.TenantAsync();
        var userId = "ID." + Guid.NewGuid().ToString("N")[..24];
        var waId = Inbound.InboundBed.NewWaId();
        await _bed.CustomerWritesAsync(tenant, string.Empty, "Kak, pesanan saya belum sampai", userId: userId);
        await _bed.CustomerWritesAsync(tenant, waId, "Ini nomor saya kak", userId: userId);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        var sent = await tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            ConversationId = conversation.Id,
            Text = new TextContent { Body = "Baik kak, kami cek" },
        });
        var read = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status == DeliveryStatus.Read);

        Assert.Equal((waId, userId), (conversation.Customer.WaId, conversation.Customer.UserId));
        var history = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
        Assert.Equal(2, history.Count(m => m.Direction == MessageDirection.Inbound));
        Assert.Equal((SendState.Accepted, DeliveryStatus.Read), (read.SendState, read.Status));

        // Meta: with both, "to" wins; PesanAI sends "to" once it knows the wa_id.
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, waId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(waId, atMeta.GetProperty("to").GetString());
        Assert.False(atMeta.TryGetProperty("recipient", out _));
        Assert.Equal(0, (await _bed.EmulatorMessagesAsync(tenant, userId)).GetArrayLength());
    }

    [Fact]
    public async Task A_changed_user_id_keeps_the_customer_and_the_conversation_and_replies_go_to_the_new_id()
    {
        var tenant = await _bed.TenantAsync();
        var oldUserId = "ID." + Guid.NewGuid().ToString("N")[..24];
        var newUserId = "ID." + Guid.NewGuid().ToString("N")[..24];
        await _bed.CustomerWritesAsync(tenant, string.Empty, "Kak, pesanan saya belum sampai", userId: oldUserId);

        await _bed.UserIdChangesAsync(tenant, oldUserId, newUserId);
        await _bed.CustomerWritesAsync(tenant, string.Empty, "Saya ganti nomor kak", userId: newUserId);
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);
        var sent = await tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            ConversationId = conversation.Id,
            Text = new TextContent { Body = "Baik kak, kami cek" },
        });
        var read = await MessagingBed.UntilAsync(tenant, sent.Message.MessageId, m => m.Status == DeliveryStatus.Read);

        Assert.Equal((string.Empty, newUserId), (conversation.Customer.WaId, conversation.Customer.UserId));
        var history = (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
        Assert.Equal(["text", "system", "text"], history.Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.RecordTime.ToDateTimeOffset()).Select(m => m.Type));
        Assert.Equal(newUserId, history.Single(m => m.Type == "system").System.NewUserId);

        // The statuses name only the new id (recipient_user_id): they settle the message in the same conversation.
        Assert.Equal((SendState.Accepted, DeliveryStatus.Read), (read.SendState, read.Status));
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, newUserId)).EnumerateArray()).GetProperty("request");
        Assert.Equal(newUserId, atMeta.GetProperty("recipient").GetString());
        Assert.False(atMeta.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task An_authentication_template_to_a_user_id_is_refused_before_queueing()
    {
        var tenant = await _bed.TenantAsync();
        var userId = "ID." + Guid.NewGuid().ToString("N")[..24];
        await _bed.CustomerWritesAsync(tenant, string.Empty, "Kode login saya?", userId: userId);
        await MessagingBed.ApprovedTemplateAsync(tenant, "login_code", TemplateCategory.Authentication, "Kode Anda {{1}}");
        var conversation = Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        var refused = await Assert.ThrowsAsync<RpcException>(() => tenant.Messaging.SendMessageAsync(new SendMessageRequest
        {
            ConversationId = conversation.Id,
            Template = new TemplateContent { Name = "login_code", Language = "id", BodyParameters = { "123456" } },
        }).ResponseAsync);

        RpcAssert.Reason(refused, StatusCode.FailedPrecondition, "NOT_ALLOWED_FOR_USER_ID");
        Assert.Equal(0, (await _bed.EmulatorMessagesAsync(tenant, userId)).GetArrayLength());
    }
}
