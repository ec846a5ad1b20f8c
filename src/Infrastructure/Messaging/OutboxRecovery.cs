using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Infrastructure.Messaging;

/// <summary>
/// At start, and then every <see cref="DispatchOptions.SweepInterval"/>, every message of every tenant that is not
/// settled (queued, deferred, or cut off mid-attempt) goes back to the dispatch queue: whatever the subscription had
/// reached, nothing queued is lost by a crash, and a node that died mid-send is taken over (the per-message
/// lease in DispatchMessageHandler keeps two nodes from sending the same message).
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

    /// <summary>
    /// Tenant by tenant: message records are row-level secured, so a query outside a tenant's session sees none of
    /// them when PesanAI runs as its own (non-superuser) role, as in production.
    /// </summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<Guid> tenants;
        await using (var registry = store.QuerySession())
        {
            tenants = await registry.Query<Tenant>().Select(t => t.Id).ToListAsync(stoppingToken);
        }

        foreach (var tenantId in tenants)
        {
            await SweepAsync(tenantId, stoppingToken);
        }
    }

    private async Task SweepAsync(Guid tenantId, CancellationToken stoppingToken)
    {
        var tenant = tenantId.ToString();
        await using var session = store.QuerySession(tenant);

        // Two queries per tenant however many messages are open. The tenant filter also holds for a role that
        // bypasses row-level security (a superuser in development).
        var open = await session.QueryAsync<MessageRecord>(
            "where tenant_id = ? and data ->> 'direction' = 'Outbound' and data ->> 'sendState' in ('Queued', 'Attempting', 'Deferred') order by sent_at, id",
            stoppingToken,
            tenant);
        if (open.Count == 0)
        {
            return;
        }

        var conversations = (await session.LoadEachAsync<Conversation>(open.Select(r => r.ConversationId), stoppingToken))
            .ToDictionary(c => c.Id);
        foreach (var record in open)
        {
            if (record.MessageId is { } messageId
                && conversations.TryGetValue(record.ConversationId, out var conversation) && conversation.Customer.WaId is { } waId)
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
