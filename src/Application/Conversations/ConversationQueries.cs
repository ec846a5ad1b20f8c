using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

public sealed record ConversationPage(Guid TenantId, IReadOnlyList<Conversation> Conversations, string NextPageToken);

public sealed record MessagePage(Guid TenantId, Guid ConversationId, IReadOnlyList<MessageRecord> Messages, string NextPageToken);

public sealed record ConversationRead(Guid TenantId, Conversation Conversation);

/// <summary>Conversations of the caller's tenant, most recently updated first.</summary>
public sealed record ListConversations(
    ConversationState? State,
    string? AssigneeId,
    string? Label,
    bool UnreadOnly,
    DateTimeOffset? UpdatedSince,
    int PageSize,
    string? PageToken) : IQuery<ConversationPage>, IValidatable, IPersonalDataRead<ConversationPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public IEnumerable<FieldViolation> Validate() =>
        Check.OptionalId("assignee_id", AssigneeId)
            .Concat(Check.MaxLength("label", Label, 50))
            .Concat(Check.PageSize(PageSize, MaxPageSize))
            .Concat(Check.PageToken(PageToken));

    public DataAccess DescribeAccess(ConversationPage result) =>
        new(result.TenantId, "conversation", [.. result.Conversations.Select(c => c.Id.ToString())]);
}

public sealed record GetConversation(string ConversationId) : IQuery<ConversationRead>, IValidatable, IPersonalDataRead<ConversationRead>
{
    public IEnumerable<FieldViolation> Validate() => Check.Id("conversation_id", ConversationId);

    public DataAccess DescribeAccess(ConversationRead result) => new(result.TenantId, "conversation", [result.Conversation.Id.ToString()]);
}

/// <summary>Messages of one conversation, both directions, newest first.</summary>
public sealed record ListMessages(string ConversationId, int PageSize, string? PageToken) : IQuery<MessagePage>, IValidatable, IPersonalDataRead<MessagePage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public IEnumerable<FieldViolation> Validate() =>
        Check.Id("conversation_id", ConversationId).Concat(Check.PageSize(PageSize, MaxPageSize)).Concat(Check.PageToken(PageToken));

    public DataAccess DescribeAccess(MessagePage result) =>
        new(result.TenantId, "message", [result.ConversationId.ToString(), .. result.Messages.Select(m => m.Id)]);
}

public sealed class ConversationQueryHandlers(IQuerySession session, ICurrentActor actor)
    : IQueryHandler<ListConversations, ConversationPage>,
        IQueryHandler<GetConversation, ConversationRead>,
        IQueryHandler<ListMessages, MessagePage>
{
    public async ValueTask<ConversationPage> Handle(ListConversations query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListConversations.DefaultPageSize : query.PageSize;

        var conversations = session.Query<Conversation>().AsQueryable();
        if (query.State is { } state)
        {
            conversations = conversations.Where(c => c.State == state);
        }

        if (!string.IsNullOrEmpty(query.AssigneeId))
        {
            var assignee = Guid.Parse(query.AssigneeId);
            conversations = conversations.Where(c => c.AssigneeId == assignee);
        }

        if (!string.IsNullOrEmpty(query.Label))
        {
            var label = query.Label;
            conversations = conversations.Where(c => c.Labels.Contains(label));
        }

        if (query.UnreadOnly)
        {
            conversations = conversations.Where(c => c.UnreadCount > 0);
        }

        if (query.UpdatedSince is { } since)
        {
            conversations = conversations.Where(c => c.UpdatedAt >= since);
        }

        var rows = await conversations
            .OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id)
            .Skip(offset).Take(size + 1)
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? PageToken.Encode(offset + size) : string.Empty;
        return new ConversationPage(tenantId, [.. rows.Take(size)], next);
    }

    public async ValueTask<ConversationRead> Handle(GetConversation query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        return new ConversationRead(tenantId, await ConversationStream.Load(session, Guid.Parse(query.ConversationId), cancellationToken));
    }

    public async ValueTask<MessagePage> Handle(ListMessages query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var conversationId = Guid.Parse(query.ConversationId);
        await ConversationStream.Load(session, conversationId, cancellationToken);
        PageToken.TryDecode(query.PageToken, out var offset);
        var size = query.PageSize == 0 ? ListMessages.DefaultPageSize : query.PageSize;
        var rows = await session.Query<MessageRecord>()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.SentAt).ThenBy(m => m.Id)
            .Skip(offset).Take(size + 1)
            .ToListAsync(cancellationToken);
        var next = rows.Count > size ? PageToken.Encode(offset + size) : string.Empty;
        return new MessagePage(tenantId, conversationId, [.. rows.Take(size)], next);
    }
}
