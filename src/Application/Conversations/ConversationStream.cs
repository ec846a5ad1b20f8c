using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

/// <summary>A conversation of the caller's tenant on the one write path (<see cref="StreamWrite"/>): NOT_FOUND when it does not exist.</summary>
internal static class ConversationStream
{
    public static StreamKind<Conversation> Kind { get; } = new(
        "conversation",
        (state, e) => state is null ? (e is ConversationStarted started ? Conversation.Start(started) : null) : state.Evolve(e),
        (state, version) => state with { Version = version })
    {
        Missing = NotFound,
    };

    public static async Task<Conversation> Update(
        IDocumentSession session,
        Guid conversationId,
        long? expectedVersion,
        Func<Conversation, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken) =>
        (await session.UpdateAsync(Kind, conversationId, expectedVersion, c => decide(c!), cancellationToken))!;

    public static async Task<Conversation> Load(IQuerySession session, Guid conversationId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Conversation>(conversationId, cancellationToken) ?? throw NotFound(conversationId);

    public static NotFoundException NotFound(Guid conversationId) => new("conversation", conversationId.ToString());
}
