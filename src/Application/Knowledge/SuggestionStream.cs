using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Knowledge;

/// <summary>
/// A knowledge suggestion's stream on the one write path, and where suggestions are born: inside the transaction that
/// queues a team member's reply (<see cref="Messaging.SendMessageHandler"/>).
/// </summary>
public static class SuggestionStream
{
    internal static StreamKind<KnowledgeSuggestion> Kind { get; } = new(
        "knowledge suggestion",
        (state, e) => state is null ? (e is KnowledgeEntrySuggested first ? KnowledgeSuggestion.Start(first) : null) : state.Evolve(e),
        (state, version) => state with { Version = version })
    {
        Missing = id => new NotFoundException("knowledge suggestion", id.ToString()),
    };

    /// <summary>How many customer messages before the handed-off one may belong to its question (those since the business last wrote).</summary>
    private const int RecentTurns = 10;

    /// <summary>
    /// When <paramref name="before"/> (the conversation before the reply) waits for a person's answer to a hand-off for
    /// lack of knowledge, and this is a team member's text, appends the suggestion to <paramref name="session"/> (saved
    /// with the reply). The conversation's own version guards the rest: the reply clears the wait in the same
    /// transaction, so a second reply or a retry proposes nothing.
    /// </summary>
    public static async Task ProposeAsync(
        IDocumentSession session, Conversation? before, MessageOrigin origin, OutboundContent content, Guid? memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(content);
        if (before?.AwaitingTeamAnswer is not { } trigger || origin != MessageOrigin.Member || content.Text is not { Length: > 0 } answer)
        {
            return;
        }

        var id = KnowledgeSuggestion.IdOf(before.Id, trigger);
        if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null)
        {
            return;
        }

        var question = await QuestionAsync(session, before.Id, trigger, cancellationToken);
        if (question.Count == 0
            || KnowledgeSuggestionDecider.Suggest(before.Id, trigger, question, answer, before.Customer.ProfileName, memberId, now) is not { } suggested)
        {
            return;
        }

        // The AI's best candidate when it handed off: the entry the question may be a phrasing of.
        var handOff = await session.Events.QueryRawEventDataOnly<AiHandedOff>()
            .Where(e => e.ConversationId == before.Id && e.TriggerWamid == trigger)
            .FirstOrDefaultAsync(cancellationToken);
        session.Events.StartStream<KnowledgeSuggestion>(id, suggested with { ClosestEntryId = handOff?.EntryIds.FirstOrDefault() is { } closest && closest != Guid.Empty ? closest : null });
    }

    /// <summary>The handed-off message's text, after the customer's texts just before it (since the business last wrote), oldest first.</summary>
    private static async Task<IReadOnlyList<string>> QuestionAsync(IQuerySession session, Guid conversationId, string triggerWamid, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<MessageRecord>(triggerWamid, cancellationToken) is not { } handedOff || AutomationDecider.TextOf(handedOff.Content) is not { } last)
        {
            return [];
        }

        var earlier = await session.Query<MessageRecord>()
            .Where(m => m.ConversationId == conversationId && m.RecordedAt < handedOff.RecordedAt)
            .OrderByDescending(m => m.RecordedAt)
            .Take(RecentTurns)
            .ToListAsync(cancellationToken);
        return
        [
            .. earlier.TakeWhile(m => m.Direction == MessageDirection.Inbound)
                .Reverse()
                .Select(m => AutomationDecider.TextOf(m.Content))
                .OfType<string>(),
            last,
        ];
    }
}
