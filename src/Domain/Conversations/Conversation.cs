using System.Collections.Immutable;

namespace PesanAI.Domain.Conversations;

/// <summary>
/// One conversation: a tenant's phone number and one customer, rebuilt from its events by <see cref="Evolve"/>.
/// Times from Meta (<see cref="MessageReceived.SentAt"/>, status times) may arrive out of order, so the
/// "last" times keep the maximum seen, never the latest delivered.
/// </summary>
public sealed record Conversation(
    Guid Id,
    Guid TenantId,
    string PhoneNumberId,
    Guid CustomerId,
    CustomerIdentity Customer,
    ConversationState State,
    Handler Handler,
    Guid? AssigneeId,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset? LastMessageAt,
    int MessageCount,
    int UnreadCount)
{
    /// <summary>Meta's customer-service window: each customer message opens or refreshes it for this long.</summary>
    public static TimeSpan ServiceWindow { get; } = TimeSpan.FromHours(24);

    /// <summary>The stream version this state reflects (set by the event store).</summary>
    public long Version { get; init; }

    /// <summary>Normalized (trimmed, lower-case), distinct and sorted ordinally; see <see cref="ConversationLabels"/>.</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    /// <summary>AI replies since the customer last heard from a person (or since automation resumed); the limit hands off.</summary>
    public int ConsecutiveAiReplies { get; init; }

    /// <summary>The customer message the AI last decided on: a replayed or redelivered one is not answered twice.</summary>
    public string? LastAiTrigger { get; init; }

    /// <summary>
    /// The customer message the AI last handed off for lack of knowledge, while no person has answered since: the first
    /// team member's text answer to it proposes a knowledge entry (<see cref="Knowledge.KnowledgeSuggestionDecider"/>).
    /// </summary>
    public string? AwaitingTeamAnswer { get; init; }

    /// <summary>The tenant's calendar day the away message last went out (once per conversation per day).</summary>
    public DateOnly? AwaySentOn { get; init; }

    /// <summary>The furthest delivery status of every outbound message Meta reported on, by wamid.</summary>
    public ImmutableDictionary<string, DeliveryStatus> OutboundStatuses { get; init; } = ImmutableDictionary<string, DeliveryStatus>.Empty;

    /// <summary>When the customer-service window closes; null while the customer has never written.</summary>
    public DateTimeOffset? WindowExpiresAt => LastCustomerMessageAt + ServiceWindow;

    /// <summary>The window is open strictly before <see cref="WindowExpiresAt"/>.</summary>
    public bool IsWindowOpen(DateTimeOffset now) => WindowExpiresAt is { } expires && now < expires;

    /// <summary>The state after the first event. (Not named Create: Marten would take that for a convention method.)</summary>
    public static Conversation Start(ConversationStarted started) => new(
        started.ConversationId,
        started.TenantId,
        started.PhoneNumberId,
        started.CustomerId,
        started.Customer,
        ConversationState.Open,
        Handler.Automation,
        AssigneeId: null,
        started.StartedAt,
        started.StartedAt,
        LastCustomerMessageAt: null,
        LastMessageAt: null,
        MessageCount: 0,
        UnreadCount: 0);

    public Conversation Evolve(object @event) => @event switch
    {
        MessageReceived e => Received(e),
        MessageStatusChanged e => DeliveryProgress.Advances(StatusOf(e.Wamid), e.Status)
            ? this with { OutboundStatuses = OutboundStatuses.SetItem(e.Wamid, e.Status), UpdatedAt = Later(UpdatedAt, e.At) }
            : this,
        ConversationAssigned e => this with { AssigneeId = e.MemberId, UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationUnassigned e => this with { AssigneeId = null, UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationHandedOff e => this with { Handler = Handler.Human, UpdatedAt = Later(UpdatedAt, e.At) },
        AutomationResumed e => this with { Handler = Handler.Automation, ConsecutiveAiReplies = 0, UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationLabelsSet e => this with { Labels = [.. e.Labels], UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationClosed e => this with { State = ConversationState.Closed, UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationReopened e => this with { State = ConversationState.Open, UpdatedAt = Later(UpdatedAt, e.At) },
        MessageQueued e => this with
        {
            MessageCount = MessageCount + 1,
            LastMessageAt = Later(LastMessageAt, e.QueuedAt),
            UpdatedAt = Later(UpdatedAt, e.QueuedAt),

            // A person (member or partner) answering restarts the AI's count; the AI's own replies count in AiReplied.
            ConsecutiveAiReplies = e.Origin is Messaging.MessageOrigin.Member or Messaging.MessageOrigin.Api ? 0 : ConsecutiveAiReplies,
            AwaitingTeamAnswer = e.Origin is Messaging.MessageOrigin.Member or Messaging.MessageOrigin.Api ? null : AwaitingTeamAnswer,
        },
        AiReplied e => this with
        {
            ConsecutiveAiReplies = e.AwayDay is null ? ConsecutiveAiReplies + 1 : ConsecutiveAiReplies,
            AwaySentOn = e.AwayDay ?? AwaySentOn,
            LastAiTrigger = e.TriggerWamid,
            AwaitingTeamAnswer = e.AwayDay is null ? null : AwaitingTeamAnswer,
            UpdatedAt = Later(UpdatedAt, e.At),
        },
        AiHandedOff e => this with
        {
            Handler = Handler.Human,
            ConsecutiveAiReplies = 0,
            LastAiTrigger = e.TriggerWamid,
            AwaitingTeamAnswer = Knowledge.KnowledgeSuggestionDecider.IsKnowledgeGap(e.Reason) ? e.TriggerWamid : null,
            UpdatedAt = Later(UpdatedAt, e.At),
        },
        AiSuppressed e => this with { LastAiTrigger = e.TriggerWamid },
        MessageAccepted e => DeliveryProgress.Advances(StatusOf(e.Wamid), DeliveryStatus.Accepted)
            ? this with { OutboundStatuses = OutboundStatuses.SetItem(e.Wamid, DeliveryStatus.Accepted), UpdatedAt = Later(UpdatedAt, e.At) }
            : this,
        MessageFailed e => this with { UpdatedAt = Later(UpdatedAt, e.At) },
        ConversationMarkedRead e => this with { UnreadCount = 0, UpdatedAt = Later(UpdatedAt, e.At) },
        _ => this,
    };

    public DeliveryStatus? StatusOf(string wamid) => OutboundStatuses.TryGetValue(wamid, out var status) ? status : null;

    // Every inbound message counts as unread until the business marks the conversation read.
    private Conversation Received(MessageReceived e)
    {
        var newest = LastCustomerMessageAt is not { } last || e.SentAt >= last;
        return this with
        {
            Customer = CustomerMerge.With(Customer, CustomerMerge.Announced(e.From, e.Content), newest),
            LastCustomerMessageAt = Later(LastCustomerMessageAt, e.SentAt),
            LastMessageAt = Later(LastMessageAt, e.SentAt),
            MessageCount = MessageCount + 1,
            UnreadCount = UnreadCount + 1,
            UpdatedAt = Later(UpdatedAt, e.ReceivedAt),
        };
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } c && c > candidate ? c : candidate;
}
