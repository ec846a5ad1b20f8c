using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Conversations;
using PesanAI.Application.Media;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Privacy;

/// <summary>
/// Everything of a tenant as a ZIP archive (layout in the README's "Your data"). The access is recorded first; the
/// archive is written afterwards, entry by entry, by <see cref="PreparedExport.WriteAsync"/> into the caller's stream.
/// </summary>
public sealed record ExportTenantData(string TenantId) : IQuery<PreparedExport>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.OptionalId("tenant_id", TenantId);
}

public sealed class ExportTenantDataHandler(
    IDocumentStore store,
    ICurrentActor actor,
    TimeProvider clock,
    IMediaStore media,
    DataAccessRecorder recorder) : IQueryHandler<ExportTenantData, PreparedExport>
{
    public async ValueTask<PreparedExport> Handle(ExportTenantData query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwnerScope.Resolve(actor, query.TenantId);
        await using (var session = store.QuerySession(tenantId.ToString()))
        {
            await TenantStream.Load(session, tenantId, cancellationToken);
        }

        // Committed before a byte leaves, as every personal-data read is.
        await recorder.RecordAsync(new DataAccess(tenantId, "tenant_export", [tenantId.ToString()]), cancellationToken);
        return new PreparedExport($"tenant-{tenantId}.zip", (destination, ct) => WriteAsync(tenantId, destination, ct));
    }

    private async Task WriteAsync(Guid tenantId, Stream destination, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession(tenantId.ToString());
        var tenant = await TenantStream.Load(session, tenantId, cancellationToken);
        await using var archive = await ExportArchive.CreateAsync(destination, "tenant", clock.GetUtcNow(), cancellationToken);

        await archive.AddJsonAsync("tenant.json", Registry(tenant), cancellationToken);
        await archive.AddJsonAsync("team.json", new { tenant.Members, tenant.Credentials }, cancellationToken);
        await archive.AddJsonAsync("templates.json", await session.Query<MessageTemplate>().ToListAsync(cancellationToken), cancellationToken);
        await archive.AddJsonAsync("knowledge.json", await session.LoadAsync<KnowledgeBase>(KnowledgeBase.StreamIdOf(tenantId), cancellationToken), cancellationToken);
        await archive.AddJsonAsync("knowledge-suggestions.json", await session.Query<KnowledgeSuggestion>().OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken), cancellationToken);

        var conversations = await session.Query<Conversation>().OrderBy(c => c.StartedAt).ToListAsync(cancellationToken);
        await archive.AddJsonAsync("conversations.json", conversations.Select(c => new { c.Id, c.CustomerId, c.PhoneNumberId, c.StartedAt }), cancellationToken);
        foreach (var conversation in conversations)
        {
            var messages = await session.Query<MessageRecord>()
                .Where(m => m.ConversationId == conversation.Id)
                .OrderBy(m => m.SentAt)
                .ToListAsync(cancellationToken);
            await archive.AddJsonAsync($"conversations/{conversation.Id}/conversation.json", conversation, cancellationToken);
            await archive.AddJsonAsync($"conversations/{conversation.Id}/messages.json", messages, cancellationToken);
        }

        foreach (var consent in await session.Query<ConsentRecord>().ToListAsync(cancellationToken))
        {
            await archive.AddJsonAsync($"consent/{consent.CustomerId}.json", consent, cancellationToken);
        }

        var items = await session.Query<MediaItem>().OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        await archive.AddJsonAsync("media.json", items, cancellationToken);
        foreach (var item in items)
        {
            await archive.AddStoredMediaAsync(media, tenantId, item, $"media/{item.Id}", cancellationToken);
        }

        await archive.AddJsonAsync("access-records.json", await session.Query<DataAccessEntry>().OrderBy(e => e.AccessedAt).ToListAsync(cancellationToken), cancellationToken);
        await archive.CompleteAsync(new { TenantId = tenantId, tenant.DisplayName }, cancellationToken);
    }

    /// <summary>The registry entry without secrets: no access token, app secret, verify token hash or AI provider key.</summary>
    private static object Registry(Tenant tenant) => new
    {
        tenant.Id,
        tenant.DisplayName,
        tenant.TimeZone,
        tenant.DefaultLanguage,
        tenant.Status,
        tenant.SuspensionReason,
        tenant.Profile,
        PhoneNumbers = tenant.PhoneNumbers.Select(p => new { p.PhoneNumberId, p.DisplayPhoneNumber, p.WabaId, p.Label, p.RegisteredAt, p.TokenRejectedAt, p.Health }),
        tenant.Accounts,
        Settings = new { Ai = tenant.Ai with { ProtectedApiKey = null }, tenant.ConsentKeywords },
        tenant.Deletion,
        tenant.CreatedAt,
        tenant.UpdatedAt,
    };
}
