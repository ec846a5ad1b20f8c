using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class EvolveTests
{
    private static readonly DateTimeOffset Later = StartedAt.AddMinutes(30);

    [Fact]
    public void Started_conversation_is_open_automated_unassigned_and_empty()
    {
        var state = Conversation.Start(Started);

        ConversationAssert.Equivalent(
            new Conversation(ConversationId, TenantId, PhoneNumberId, CustomerId, Customer, ConversationState.Open, Handler.Automation, null, StartedAt, StartedAt, null, null, 0, 0),
            state);
        Assert.Empty(state.Labels);
        Assert.Empty(state.OutboundStatuses);
    }

    [Fact]
    public void Message_received_counts_it_and_moves_the_message_times()
    {
        var state = Given(Received(sentAt: Later.AddSeconds(-2), receivedAt: Later));

        Assert.Equal((1, 1), (state.MessageCount, state.UnreadCount));
        Assert.Equal(Later.AddSeconds(-2), state.LastCustomerMessageAt);
        Assert.Equal(Later.AddSeconds(-2), state.LastMessageAt);
        Assert.Equal(Later, state.UpdatedAt);
    }

    [Fact]
    public void Status_change_records_the_status_by_wamid()
    {
        var state = Given(StatusChanged(DeliveryStatus.Delivered, "wamid.out7", at: Later));

        Assert.Equal(DeliveryStatus.Delivered, state.OutboundStatuses["wamid.out7"]);
        Assert.Null(state.StatusOf("wamid.other"));
        Assert.Equal(Later, state.UpdatedAt);
    }

    [Fact]
    public void Assignment_and_unassignment_set_and_clear_the_assignee()
    {
        var assigned = Given(new ConversationAssigned(ConversationId, AgentId, Later));
        var unassigned = assigned.Evolve(new ConversationUnassigned(ConversationId, Later.AddMinutes(1)));

        Assert.Equal((AgentId, Later), (assigned.AssigneeId, assigned.UpdatedAt));
        Assert.Equal((null, Later.AddMinutes(1)), (unassigned.AssigneeId, unassigned.UpdatedAt));
    }

    [Fact]
    public void Hand_off_and_resumption_switch_the_handler()
    {
        var human = Given(new ConversationHandedOff(ConversationId, "Customer asks for a refund", Later));
        var automated = human.Evolve(new AutomationResumed(ConversationId, Later.AddMinutes(1)));

        Assert.Equal((Handler.Human, Later), (human.Handler, human.UpdatedAt));
        Assert.Equal((Handler.Automation, Later.AddMinutes(1)), (automated.Handler, automated.UpdatedAt));
    }

    [Fact]
    public void Closing_and_reopening_switch_the_state()
    {
        var closed = Given(new ConversationClosed(ConversationId, Later));
        var reopened = closed.Evolve(new ConversationReopened(ConversationId, Later.AddMinutes(1)));

        Assert.Equal((ConversationState.Closed, Later), (closed.State, closed.UpdatedAt));
        Assert.Equal((ConversationState.Open, Later.AddMinutes(1)), (reopened.State, reopened.UpdatedAt));
    }

    [Fact]
    public void Labels_set_replaces_the_labels_with_a_copy()
    {
        List<string> labels = ["vip"];

        var state = Given(new ConversationLabelsSet(ConversationId, labels, Later));
        labels.Add("mutated");

        Assert.Equal<string>(["vip"], state.Labels);
        Assert.Equal(Later, state.UpdatedAt);
    }

    [Fact]
    public void An_unknown_event_or_a_second_start_leaves_the_state_unchanged()
    {
        var state = Given(Received());

        Assert.Same(state, state.Evolve(new object()));
        Assert.Same(state, state.Evolve(Started with { StartedAt = Later }));
    }

    [Fact]
    public void Every_conversation_event_type_but_the_start_and_the_send_progress_changes_the_state()
    {
        // Attempts, deferrals and doubts are the message's progress (OutboundProgress, the message record), and the
        // media events the file's (its MediaItem), not the conversation's.
        Type[] messageProgress = [typeof(SendAttempted), typeof(SendDeferred), typeof(SendInDoubt), typeof(MediaStored), typeof(MediaUnavailable), typeof(MediaDeleted)];
        object[] samples =
        [
            Received(receivedAt: Later),
            StatusChanged(DeliveryStatus.Sent),
            new ConversationAssigned(ConversationId, AgentId, Later),
            new ConversationUnassigned(ConversationId, Later),
            new AutomationResumed(ConversationId, Later),
            new ConversationHandedOff(ConversationId, "Customer asks for a refund", Later),
            new ConversationLabelsSet(ConversationId, ["vip"], Later),
            new ConversationClosed(ConversationId, Later),
            new ConversationReopened(ConversationId, Later),
            new MessageQueued(ConversationId, Guid.CreateVersion7(), PhoneNumberId, "6281234567890", Domain.Messaging.OutboundContent.OfText("Halo"), null, Domain.Messaging.MessageOrigin.Api, null, null, Later),
            new MessageAccepted(ConversationId, Guid.CreateVersion7(), "wamid.accepted", Later.AddMinutes(1)),
            new MessageFailed(ConversationId, Guid.CreateVersion7(), new MessageError(131026, "Undeliverable"), Later.AddHours(2)),
            new ConversationMarkedRead(ConversationId, "wamid.in1", Later.AddMinutes(3)),
            new AiReplied(ConversationId, Guid.CreateVersion7(), "wamid.in1", "embedded", null, 2, null, null, [], 0.8, "MATCHED", Later.AddHours(3)),
            new AiSuppressed(ConversationId, "wamid.in2", "HUMAN_HANDLING", Later.AddHours(3)),
            new AiHandedOff(ConversationId, "wamid.in3", "embedded", null, 2, [], 0.1, "LOW_MARGIN", Later.AddHours(3)),
        ];
        Assert.Equal(
            ConversationEventTypes.All.Where(t => t != typeof(ConversationStarted) && !messageProgress.Contains(t)).OrderBy(t => t.Name),
            samples.Select(s => s.GetType()).OrderBy(t => t.Name));

        // Each sample follows a state where it has something to change (an assignee to clear, a handler to resume, ...).
        var state = Given(new ConversationAssigned(ConversationId, OtherAgentId, StartedAt), new ConversationHandedOff(ConversationId, "x", StartedAt));
        foreach (var sample in samples)
        {
            var next = state.Evolve(sample);
            Assert.NotEqual(state, next);
            state = next;
        }
    }

    [Fact]
    public void Updated_at_never_moves_back()
    {
        var state = Given(new ConversationAssigned(ConversationId, AgentId, Later), StatusChanged(DeliveryStatus.Read, at: StartedAt.AddMinutes(1)));

        Assert.Equal(Later, state.UpdatedAt);
    }
}
