using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class ReceiveTests
{
    [Fact]
    public void First_message_starts_the_conversation_then_records_the_message()
    {
        var message = Inbound(sentAt: Now.AddMinutes(-2));

        var events = Receive(null, message, Now);

        Assert.Equal(
            [
                new ConversationStarted(ConversationId, TenantId, PhoneNumberId, CustomerId, Customer, Now),
                new MessageReceived(ConversationId, message.Wamid, Customer, message.Content, null, null, Now.AddMinutes(-2), Now),
            ],
            events);
    }

    [Fact]
    public void Message_on_an_open_conversation_only_records_the_message()
    {
        var message = Inbound("wamid.in2", sentAt: Now);

        var events = Receive(Given(Received()), message, Now);

        Assert.Equal([new MessageReceived(ConversationId, "wamid.in2", Customer, message.Content, null, null, Now, Now)], events);
    }

    [Fact]
    public void Message_on_a_closed_conversation_reopens_it_first()
    {
        var message = Inbound("wamid.in2", sentAt: Now);

        var events = Receive(Given(Received(), new ConversationClosed(ConversationId, StartedAt.AddMinutes(5))), message, Now);

        Assert.Equal(
            [new ConversationReopened(ConversationId, Now), new MessageReceived(ConversationId, "wamid.in2", Customer, message.Content, null, null, Now, Now)],
            events);
    }

    [Fact]
    public void Reopened_conversation_keeps_its_handler_assignee_and_labels()
    {
        var closed = Given(
            Received(),
            new ConversationHandedOff(ConversationId, "Customer asks for a refund", StartedAt.AddMinutes(1)),
            new ConversationAssigned(ConversationId, AgentId, StartedAt.AddMinutes(2)),
            new ConversationLabelsSet(ConversationId, ["refund"], StartedAt.AddMinutes(3)),
            new ConversationClosed(ConversationId, StartedAt.AddMinutes(4)));

        var reopened = Fold(closed, Receive(closed, Inbound("wamid.in2", sentAt: Now), Now))!;

        Assert.Equal((ConversationState.Open, Handler.Human, AgentId), (reopened.State, reopened.Handler, reopened.AssigneeId));
        Assert.Equal<string>(["refund"], reopened.Labels);
    }

    [Fact]
    public void A_message_on_an_existing_stream_names_that_stream()
    {
        var other = Given() with { Id = Guid.Parse("0199a4d0-9999-7000-8000-000000000009") };

        var events = Receive(other, Inbound(), Now);

        Assert.Equal(other.Id, Assert.IsType<MessageReceived>(Assert.Single(events)).ConversationId);
    }

    [Fact]
    public void A_redelivered_wamid_is_recorded_again_because_the_database_deduplicates()
    {
        // The decider keeps no list of inbound wamids; the unique (tenant, wamid) index refuses the second append.
        var events = Receive(Given(Received("wamid.in1")), Inbound("wamid.in1"), Now);

        Assert.IsType<MessageReceived>(Assert.Single(events));
    }

    [Fact]
    public void Received_messages_count_as_messages_and_as_unread()
    {
        var state = Given(Received("wamid.in1"), Received("wamid.in2", sentAt: StartedAt.AddMinutes(1)));

        Assert.Equal((2, 2), (state.MessageCount, state.UnreadCount));
        Assert.Equal(StartedAt.AddMinutes(1), state.LastMessageAt);
    }
}
