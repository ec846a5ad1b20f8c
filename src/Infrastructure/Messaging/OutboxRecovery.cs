using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>
/// At start, and then every <see cref="DispatchOptions.SweepInterval"/>, every message of every tenant that is not
/// settled (queued, deferred, or cut off mid-attempt) goes back to the dispatch queue: whatever the subscription had
/// reached, nothing queued is lost by a crash, and a node that died mid-send is taken over (the per-message
/// liveness lock in OutboxDispatch keeps two nodes from sending the same message).
/// </summary>
public sealed partial class OutboxRecovery(IDocumentStore store, DispatchQueue queue, DispatchOptions options, TimeProvider clock, ILogger<OutboxRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (options.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable right now: the next sweep tries again.
                LogSweepFailed(ex);
            }

            await Task.Delay(options.SweepInterval, clock, stoppingToken);
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var session = store.QuerySession();
        var open = await session.AdvancedSql.QueryAsync<string>(
            "select tenant_id || '/' || id from pesanai.mt_doc_messagerecord where data ->> 'direction' = 'Outbound' and data ->> 'sendState' in ('Queued', 'Attempting', 'Deferred') order by sent_at, id",
            stoppingToken);
        foreach (var key in open)
        {
            var (tenant, id) = (key[..key.IndexOf('/', StringComparison.Ordinal)], key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            await using var tenantSession = store.QuerySession(tenant);
            var record = await tenantSession.LoadAsync<MessageRecord>(id, stoppingToken);
            if (record?.MessageId is { } messageId && Guid.TryParse(tenant, out var tenantId)
                && await tenantSession.LoadAsync<Conversation>(record.ConversationId, stoppingToken) is { Customer.WaId: { } waId } conversation)
            {
                queue.Enqueue(tenantId, new MessageQueued(
                    record.ConversationId, messageId, conversation.PhoneNumberId, waId, record.Outbound!,
                    record.Context?.RepliedToWamid, record.Origin ?? MessageOrigin.Api, record.Category, record.RequestId, record.RecordedAt));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
