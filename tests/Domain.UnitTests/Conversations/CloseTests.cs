using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class CloseTests
{
    [Fact]
    public void Close_open_conversation_emits_the_closing()
    {
        var events = ConversationDecider.Close(Given(Received()), Now);

        Assert.Equal([new ConversationClosed(ConversationId, Now)], events);
        Assert.Equal(ConversationState.Closed, Fold(Given(Received()), events)!.State);
    }

    [Fact]
    public void Close_closed_conversation_emits_nothing()
    {
        Assert.Empty(ConversationDecider.Close(Given(new ConversationClosed(ConversationId, StartedAt)), Now));
    }

    [Fact]
    public void Closing_keeps_handler_assignee_labels_and_window()
    {
        var state = Given(
            Received(sentAt: StartedAt),
            new ConversationHandedOff(ConversationId, "Customer asks for a refund", StartedAt),
            new ConversationAssigned(ConversationId, AgentId, StartedAt),
            new ConversationLabelsSet(ConversationId, ["refund"], StartedAt));

        var closed = Fold(state, ConversationDecider.Close(state, Now))!;

        ConversationAssert.Equivalent(state with { State = ConversationState.Closed, UpdatedAt = Now }, closed);
        Assert.True(closed.IsWindowOpen(Now));
    }
}
