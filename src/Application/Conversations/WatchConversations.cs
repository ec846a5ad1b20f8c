using System.Runtime.CompilerServices;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Conversations;

/// <summary>The tenant's conversation events as they commit, endless until the caller stops reading.</summary>
public sealed record ConversationFeed(Guid TenantId, IAsyncEnumerable<RecordedEvent> Events);

/// <summary>
/// Follows the tenant's conversation events from <see cref="AfterPosition"/> on: what is committed is sent
/// at once, then new events as they commit (polled, so a watcher sees a commit within <see cref="PollInterval"/>).
/// The watch is recorded as one read when it starts.
/// </summary>
public sealed record WatchConversations(long AfterPosition) : IQuery<ConversationFeed>, IValidatable, IPersonalDataRead<ConversationFeed>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The stable names of the conversation event types (Marten's aliases: snake case of the type name).</summary>
    public static IReadOnlyList<string> EventTypeNames { get; } = [.. ConversationEventTypes.All.Select(t => SnakeCase(t.Name))];

    public IEnumerable<FieldViolation> Validate()
    {
        if (AfterPosition < 0)
        {
            yield return new FieldViolation("after_position", "must not be negative");
        }
    }

    public DataAccess DescribeAccess(ConversationFeed result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.TenantId, "conversation_stream", []);
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}

public sealed class WatchConversationsHandler(IEventHistory history, ICurrentActor actor, TimeProvider clock) : IQueryHandler<WatchConversations, ConversationFeed>
{
    public ValueTask<ConversationFeed> Handle(WatchConversations query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        return ValueTask.FromResult(new ConversationFeed(tenantId, Follow(tenantId, query.AfterPosition, cancellationToken)));
    }

    private async IAsyncEnumerable<RecordedEvent> Follow(Guid tenantId, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = false;
            var read = history.ReadAsync(
                new EventHistoryQuery(tenantId, after, [], WatchConversations.EventTypeNames, null, null, null, 500),
                cancellationToken);
            await foreach (var recorded in read)
            {
                after = recorded.Position;
                sent = true;
                yield return recorded;
            }

            if (!sent)
            {
                await Task.Delay(WatchConversations.PollInterval, clock, cancellationToken);
            }
        }
    }
}
