using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class AssignmentTests
{
    [Fact]
    public void Assign_unassigned_conversation_emits_the_assignment()
    {
        Assert.Equal([new ConversationAssigned(ConversationId, AgentId, Now)], ConversationDecider.Assign(Given(), AgentId, Now));
    }

    [Fact]
    public void Assign_to_the_same_member_emits_nothing()
    {
        Assert.Empty(ConversationDecider.Assign(Given(new ConversationAssigned(ConversationId, AgentId, StartedAt)), AgentId, Now));
    }

    [Fact]
    public void Assign_to_another_member_reassigns()
    {
        var state = Given(new ConversationAssigned(ConversationId, AgentId, StartedAt));

        var events = ConversationDecider.Assign(state, OtherAgentId, Now);

        Assert.Equal([new ConversationAssigned(ConversationId, OtherAgentId, Now)], events);
        Assert.Equal(OtherAgentId, Fold(state, events)!.AssigneeId);
    }

    [Fact]
    public void Assign_without_a_member_is_refused()
    {
        var refused = Refused(() => ConversationDecider.Assign(Given(), Guid.Empty, Now));

        Assert.Equal(("ASSIGNEE_REQUIRED", RuleKind.Precondition), (refused.Reason, refused.Kind));
    }

    [Fact]
    public void Assign_closed_conversation_is_allowed_and_keeps_it_closed()
    {
        var closed = Given(new ConversationClosed(ConversationId, StartedAt));

        var assigned = Fold(closed, ConversationDecider.Assign(closed, AgentId, Now))!;

        Assert.Equal((AgentId, ConversationState.Closed), (assigned.AssigneeId, assigned.State));
    }

    [Fact]
    public void Assign_does_not_hand_off_the_conversation()
    {
        var state = Given();

        Assert.Equal(Handler.Automation, Fold(state, ConversationDecider.Assign(state, AgentId, Now))!.Handler);
    }

    [Fact]
    public void Unassign_assigned_conversation_emits_the_unassignment()
    {
        var state = Given(new ConversationAssigned(ConversationId, AgentId, StartedAt));

        var events = ConversationDecider.Unassign(state, Now);

        Assert.Equal([new ConversationUnassigned(ConversationId, Now)], events);
        Assert.Null(Fold(state, events)!.AssigneeId);
    }

    [Fact]
    public void Unassign_unassigned_conversation_emits_nothing()
    {
        Assert.Empty(ConversationDecider.Unassign(Given(), Now));
        Assert.Empty(ConversationDecider.Unassign(Given(new ConversationAssigned(ConversationId, AgentId, StartedAt), new ConversationUnassigned(ConversationId, StartedAt)), Now));
    }

    [Fact]
    public void Unassign_closed_conversation_is_allowed()
    {
        var state = Given(new ConversationAssigned(ConversationId, AgentId, StartedAt), new ConversationClosed(ConversationId, StartedAt));

        Assert.Equal([new ConversationUnassigned(ConversationId, Now)], ConversationDecider.Unassign(state, Now));
    }
}
