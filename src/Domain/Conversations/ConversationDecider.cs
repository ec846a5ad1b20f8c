using PesanAI.Domain.Common;

namespace PesanAI.Domain.Conversations;

/// <summary>
/// Pure decisions over a <see cref="Conversation"/>: (state, command, now) -> events. A null state means the stream
/// does not exist yet. A command that would change nothing returns no events.
/// </summary>
public static class ConversationDecider
{
    /// <summary>
    /// A customer message: it starts the conversation, reopens a closed one, and (whatever its type, request_welcome,
    /// reactions and system messages included) opens or refreshes the customer-service window.
    /// Redelivered messages are not detected here: that would need every wamid in the state. The database
    /// deduplicates by tenant + wamid, so a duplicate never reaches this decider's events.
    /// </summary>
    public static IReadOnlyList<object> Receive(
        Conversation? state,
        Guid conversationId,
        Guid tenantId,
        string phoneNumberId,
        Guid customerId,
        InboundMessage message,
        DateTimeOffset now)
    {
        var id = state?.Id ?? conversationId;
        var received = new MessageReceived(id, message.Wamid, message.From, message.Content, message.Context, message.Referral, message.SentAt, now);
        return state switch
        {
            null => [new ConversationStarted(id, tenantId, phoneNumberId, customerId, message.From, now), received],
            { State: ConversationState.Closed } => [new ConversationReopened(id, now), received],
            _ => [received],
        };
    }

    /// <summary>
    /// A delivery status from Meta, recorded only when it moves the message forward (<see cref="DeliveryProgress.Advances"/>):
    /// late and repeated statuses return no events. A status for a wamid the conversation never saw (a message sent
    /// outside PesanAI) is recorded too, and a status for a conversation that does not exist yet starts it, with the
    /// recipient as the customer. A status never reopens a closed conversation: only the customer does.
    /// </summary>
    public static IReadOnlyList<object> ApplyStatus(
        Conversation? state,
        Guid conversationId,
        Guid tenantId,
        string phoneNumberId,
        Guid customerId,
        StatusUpdate status,
        DateTimeOffset now,
        Guid? messageId = null)
    {
        if (!DeliveryProgress.Advances(state?.StatusOf(status.Wamid), status.Status))
        {
            return [];
        }

        var id = state?.Id ?? conversationId;
        var changed = new MessageStatusChanged(id, status.Wamid, status.Status, status.At, status.Errors, status.Pricing) { MessageId = messageId };
        return state is null
            ? [new ConversationStarted(id, tenantId, phoneNumberId, customerId, status.Recipient, now), changed]
            : [changed];
    }

    /// <summary>
    /// Allowed on a closed conversation (an owner can be set for follow-up). Assigning does not change the handler:
    /// hand-off is its own decision. That the member belongs to the tenant is checked by the caller against the tenant.
    /// </summary>
    public static IReadOnlyList<object> Assign(Conversation state, Guid memberId, DateTimeOffset now)
    {
        if (memberId == Guid.Empty)
        {
            throw new DomainException("ASSIGNEE_REQUIRED", "An assignment names a team member.");
        }

        return state.AssigneeId == memberId ? [] : [new ConversationAssigned(state.Id, memberId, now)];
    }

    /// <summary>Allowed on a closed conversation.</summary>
    public static IReadOnlyList<object> Unassign(Conversation state, DateTimeOffset now) =>
        state.AssigneeId is null ? [] : [new ConversationUnassigned(state.Id, now)];

    /// <summary>Refused on a closed conversation: nobody, human or automation, answers it until the customer writes again.</summary>
    public static IReadOnlyList<object> HandOffToHuman(Conversation state, string reason, DateTimeOffset now)
    {
        EnsureOpen(state);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("HANDOFF_REASON_REQUIRED", "A hand-off says why the conversation needs a human.");
        }

        return state.Handler == Handler.Human ? [] : [new ConversationHandedOff(state.Id, reason.Trim(), now)];
    }

    /// <summary>Refused on a closed conversation, as <see cref="HandOffToHuman"/> is.</summary>
    public static IReadOnlyList<object> ResumeAutomation(Conversation state, DateTimeOffset now)
    {
        EnsureOpen(state);
        return state.Handler == Handler.Automation ? [] : [new AutomationResumed(state.Id, now)];
    }

    /// <summary>Replaces the labels, normalized by <see cref="ConversationLabels.Normalize"/>. Allowed on a closed conversation.</summary>
    public static IReadOnlyList<object> SetLabels(Conversation state, IReadOnlyList<string> labels, DateTimeOffset now)
    {
        var normalized = ConversationLabels.Normalize(labels);
        return normalized.SequenceEqual(state.Labels, StringComparer.Ordinal) ? [] : [new ConversationLabelsSet(state.Id, normalized, now)];
    }

    /// <summary>
    /// Closing keeps the handler, the assignee and the labels; the customer's next message reopens the conversation
    /// as it was.
    /// </summary>
    public static IReadOnlyList<object> Close(Conversation state, DateTimeOffset now) =>
        state.State == ConversationState.Closed ? [] : [new ConversationClosed(state.Id, now)];

    private static void EnsureOpen(Conversation state)
    {
        if (state.State == ConversationState.Closed)
        {
            throw new DomainException("CONVERSATION_CLOSED", "The conversation is closed; it reopens when the customer writes again.");
        }
    }
}
