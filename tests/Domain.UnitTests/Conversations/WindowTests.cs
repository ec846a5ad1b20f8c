using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class WindowTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void Conversation_the_customer_never_wrote_in_has_no_window()
    {
        var state = Fold(null, Apply(null, Status(DeliveryStatus.Sent)))!;

        Assert.Null(state.WindowExpiresAt);
        Assert.False(state.IsWindowOpen(Now));
    }

    [Fact]
    public void Customer_message_opens_the_window_for_24_hours_from_its_sent_time()
    {
        var sentAt = Now.AddMinutes(-3);

        var state = Fold(null, Receive(null, Inbound(sentAt: sentAt), Now))!;

        Assert.Equal(sentAt + Day, state.WindowExpiresAt);
        Assert.True(state.IsWindowOpen(sentAt));
        Assert.True(state.IsWindowOpen(sentAt + Day - TimeSpan.FromTicks(1)));
        Assert.False(state.IsWindowOpen(sentAt + Day));
        Assert.False(state.IsWindowOpen(sentAt + Day + TimeSpan.FromDays(3)));
    }

    [Fact]
    public void A_later_customer_message_refreshes_the_window()
    {
        var state = Given(Received("wamid.in1", sentAt: StartedAt), Received("wamid.in2", sentAt: StartedAt.AddHours(20)));

        Assert.Equal(StartedAt.AddHours(20) + Day, state.WindowExpiresAt);
        Assert.True(state.IsWindowOpen(StartedAt.AddHours(30)));
    }

    [Fact]
    public void A_late_older_message_does_not_shorten_the_window()
    {
        var state = Given(Received("wamid.in2", sentAt: StartedAt.AddHours(20)), Received("wamid.in1", sentAt: StartedAt, receivedAt: StartedAt.AddHours(21)));

        Assert.Equal(StartedAt.AddHours(20), state.LastCustomerMessageAt);
        Assert.Equal(StartedAt.AddHours(20), state.LastMessageAt);
        Assert.Equal(StartedAt.AddHours(21), state.UpdatedAt);
    }

    [Fact]
    public void Request_welcome_opens_the_window()
    {
        var state = Fold(null, Receive(null, Inbound(sentAt: Now, content: new MessageContent("request_welcome")), Now))!;

        Assert.True(state.IsWindowOpen(Now.AddHours(23)));
    }

    public static TheoryData<MessageContent> CustomerMessagesOfEveryKind() =>
    [
        MessageContent.OfText("Terima kasih"),
        new MessageContent("reaction") { Reaction = new ReactionContent("wamid.out1", "👍") },
        new MessageContent("reaction") { Reaction = new ReactionContent("wamid.out1", null) },
        new MessageContent("system") { System = new SystemNotice("user_changed_number", "Sari changed her number", "6289876543210") },
        new MessageContent("unsupported") { RawJson = """{"type":"unsupported"}""" },
    ];

    [Theory]
    [MemberData(nameof(CustomerMessagesOfEveryKind))]
    public void Every_inbound_message_refreshes_the_window(MessageContent content)
    {
        var state = Given(Received(sentAt: StartedAt));

        var refreshed = Fold(state, Receive(state, Inbound("wamid.in2", sentAt: StartedAt.AddHours(23), content: content), Now))!;

        Assert.Equal(StartedAt.AddHours(47), refreshed.WindowExpiresAt);
    }
}
