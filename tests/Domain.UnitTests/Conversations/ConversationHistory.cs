using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.UnitTests.Conversations;

/// <summary>Events and commands the conversation tests start from: given events, when decide, then events.</summary>
internal static class ConversationHistory
{
    public const string PhoneNumberId = "1065550001";

    public static readonly Guid ConversationId = Guid.Parse("0199a4d0-1a2b-7c3d-8e4f-5a6b7c8d9e01");

    public static readonly Guid TenantId = Guid.Parse("0199a4c2-7f3e-7b10-9c1d-2a6f1e0b5d41");

    public static readonly Guid CustomerId = Guid.Parse("0199a4d0-2b3c-7d4e-8f5a-6b7c8d9e0f12");

    public static readonly Guid AgentId = Guid.Parse("0199a4c3-0000-7000-8000-000000000001");

    public static readonly Guid OtherAgentId = Guid.Parse("0199a4c3-0000-7000-8000-000000000002");

    public static readonly DateTimeOffset StartedAt = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));

    public static readonly DateTimeOffset Now = StartedAt.AddHours(1);

    /// <summary>Shared so that events built here and by the decider compare equal (record equality compares lists by reference).</summary>
    public static readonly IReadOnlyList<MessageError> NoErrors = [];

    public static CustomerIdentity Customer { get; } = new("6281234567890", null, "Sari");

    public static ConversationStarted Started { get; } = new(ConversationId, TenantId, PhoneNumberId, CustomerId, Customer, StartedAt);

    public static Conversation Given(params object[] events) => events.Aggregate(Conversation.Start(Started), (state, e) => state.Evolve(e));

    /// <summary>Folds decided events onto a state that may not exist yet (then the first event starts it).</summary>
    public static Conversation? Fold(Conversation? state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => s is null ? Conversation.Start(Assert.IsType<ConversationStarted>(e)) : s.Evolve(e));

    public static InboundMessage Inbound(
        string wamid = "wamid.in1",
        DateTimeOffset? sentAt = null,
        MessageContent? content = null,
        CustomerIdentity? from = null) =>
        new(wamid, from ?? Customer, content ?? MessageContent.OfText("Halo, kain batiknya masih ada?"), null, null, sentAt ?? StartedAt);

    public static MessageReceived Received(
        string wamid = "wamid.in1",
        DateTimeOffset? sentAt = null,
        DateTimeOffset? receivedAt = null,
        CustomerIdentity? from = null,
        MessageContent? content = null)
    {
        var message = Inbound(wamid, sentAt, content, from);
        return new(ConversationId, message.Wamid, message.From, message.Content, null, null, message.SentAt, receivedAt ?? message.SentAt);
    }

    public static StatusUpdate Status(DeliveryStatus status, string wamid = "wamid.out1", DateTimeOffset? at = null, IReadOnlyList<MessageError>? errors = null) =>
        new(wamid, status, at ?? Now, Customer.WaId, errors ?? NoErrors, null);

    public static MessageStatusChanged StatusChanged(DeliveryStatus status, string wamid = "wamid.out1", DateTimeOffset? at = null) =>
        new(ConversationId, wamid, status, at ?? Now, NoErrors, null);

    public static IReadOnlyList<object> Receive(Conversation? state, InboundMessage message, DateTimeOffset? now = null) =>
        ConversationDecider.Receive(state, ConversationId, TenantId, PhoneNumberId, CustomerId, message, now ?? Now);

    public static IReadOnlyList<object> Apply(Conversation? state, StatusUpdate status, DateTimeOffset? now = null) =>
        ConversationDecider.ApplyStatus(state, ConversationId, TenantId, PhoneNumberId, CustomerId, status, now ?? Now);

    public static DomainException Refused(Func<IReadOnlyList<object>> decide) => Assert.Throws<DomainException>(() => decide());
}
