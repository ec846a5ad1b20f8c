using JasperFx;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

/// <summary>The write loop for a conversation of the caller's tenant: fetch for writing, decide, append, save.</summary>
internal static class ConversationStream
{
    public static async Task<Conversation> Update(
        IDocumentSession session,
        Guid conversationId,
        long? expectedVersion,
        Func<Conversation, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Conversation>(conversationId, cancellationToken);
        var conversation = stream.Aggregate ?? throw NotFound(conversationId);
        if (expectedVersion is { } expected && expected != stream.StartingVersion)
        {
            throw new ConcurrencyConflictException($"The conversation is at version {stream.StartingVersion}, not {expected}; read it again and retry.");
        }

        var events = decide(conversation);
        if (events.Count == 0)
        {
            return conversation;
        }

        stream.AppendMany(events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException ex)
        {
            throw new ConcurrencyConflictException("The conversation was changed concurrently; read it again and retry.", ex);
        }

        return events.Aggregate(conversation, (state, e) => state.Evolve(e)) with { Version = stream.CurrentVersion ?? 0 };
    }

    public static async Task<Conversation> Load(IQuerySession session, Guid conversationId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Conversation>(conversationId, cancellationToken) ?? throw NotFound(conversationId);

    public static NotFoundException NotFound(Guid conversationId) => new("conversation", conversationId.ToString());
}
