using Marten;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Common;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Templates;

/// <summary>What an import found: templates new to PesanAI, changed, unchanged, gone at Meta, and left out (unknown values).</summary>
public sealed record TemplateImportResult(int Imported, int Updated, int Unchanged, int Removed, int Skipped);

/// <summary>
/// Brings a number's templates in step with Meta's list (<c>GET /{waba-id}/message_templates</c>, every page): a template
/// created in Business Manager is imported (<see cref="TemplateImported"/>), one that changed there gets the events
/// that say how, and one Meta no longer lists is marked deleted. Each template is written under its lock (the one
/// registration and webhooks take), so a webhook arriving meanwhile is applied before or after, never lost.
/// </summary>
public sealed partial class TemplateImport(IDocumentStore store, IWhatsAppSender meta, ISecretProtector secrets, TimeProvider clock, ITransactionLocks locks, ILogger<TemplateImport> logger)
{
    /// <summary>Meta lists at most this many pages for one number (25 per page by default: 250 is the WABA's cap before verification, 6,000 after).</summary>
    private const int MaxPages = 1000;

    /// <summary>Every template of the number's WABA.</summary>
    public async Task<TemplateImportResult> SyncAsync(Guid tenantId, RegisteredPhoneNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var remote = await ListAsync(number, new TemplateQuery(), cancellationToken);
        var result = await ApplyAsync(tenantId, number, remote, cancellationToken);

        // Templates Meta no longer lists were deleted there (in Business Manager): they cannot be sent any more.
        await using var session = store.LightweightSession(tenantId.ToString());
        var listed = remote.Select(t => MessageTemplate.KeyOf(number.PhoneNumberId, t.Name, t.Language)).ToHashSet(StringComparer.Ordinal);
        var held = await session.Query<MessageTemplate>().Where(t => t.PhoneNumberId == number.PhoneNumberId).ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var gone in held.Where(t => !listed.Contains(t.Key) && t.MetaTemplateId is not null && t.Status is not (TemplateStatus.Deleted or TemplateStatus.Rejected)))
        {
            await TemplateLock.TakeAsync(session, locks, gone.WabaId, gone.Name, cancellationToken);
            session.Events.Append(gone.Id, new TemplateStatusChanged(gone.Id, TemplateStatus.Deleted, "DELETED", "NOT_LISTED_AT_META", null, clock.GetUtcNow()));
            removed++;
        }

        await session.SaveChangesAsync(cancellationToken);
        return result with { Removed = removed };
    }

    /// <summary>One template by name and language, looked up at Meta when PesanAI does not know it yet; null when Meta has none such.</summary>
    public async Task<MessageTemplate?> FindAsync(Guid tenantId, RegisteredPhoneNumber number, string name, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var remote = (await ListAsync(number, new TemplateQuery(name, language), cancellationToken))
            .Where(t => t.Name == name && t.Language == language)
            .ToList();
        if (remote.Count == 0)
        {
            return null;
        }

        await ApplyAsync(tenantId, number, remote, cancellationToken);
        await using var session = store.QuerySession(tenantId.ToString());
        return await session.LoadAsync<MessageTemplate>(MessageTemplate.StreamIdOf(tenantId, MessageTemplate.KeyOf(number.PhoneNumberId, name, language)), cancellationToken);
    }

    private async Task<List<RemoteTemplate>> ListAsync(RegisteredPhoneNumber number, TemplateQuery query, CancellationToken cancellationToken)
    {
        var account = new SenderAccount(number.PhoneNumberId, number.WabaId, secrets.Unprotect(number.ProtectedAccessToken));
        var all = new List<RemoteTemplate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            TemplatePage listed;
            try
            {
                listed = await meta.ListTemplatesAsync(account, query, cancellationToken);
            }
            catch (GraphApiException ex)
            {
                throw new Domain.Common.DomainException("META_REFUSED", $"Meta refused to list the templates: {ex.Error.Code} {ex.Error.Title}. {ex.Error.Details}".Trim());
            }

            all.AddRange(listed.Templates);

            // A cursor seen before would loop for ever: Meta's paging ends there.
            if (listed.After is not { Length: > 0 } after || !seen.Add(after))
            {
                return all;
            }

            query = query with { After = after };
        }

        return all;
    }

    private async Task<TemplateImportResult> ApplyAsync(Guid tenantId, RegisteredPhoneNumber number, IReadOnlyList<RemoteTemplate> remote, CancellationToken cancellationToken)
    {
        int imported = 0, updated = 0, unchanged = 0, skipped = 0;
        await using var session = store.LightweightSession(tenantId.ToString());
        foreach (var template in remote.DistinctBy(t => (t.Name, t.Language)))
        {
            if (template is not { Category: { } category, Status: { } status })
            {
                LogSkipped(number.PhoneNumberId, template.MetaTemplateId, template.RawStatus);
                skipped++;
                continue;
            }

            await TemplateLock.TakeAsync(session, locks, number.WabaId, template.Name, cancellationToken);
            var key = MessageTemplate.KeyOf(number.PhoneNumberId, template.Name, template.Language);
            var streamId = MessageTemplate.StreamIdOf(tenantId, key);
            var definition = new TemplateDefinition(
                number.PhoneNumberId, number.WabaId, template.Name, template.Language, category, template.ParameterFormat, template.Components,
                status, template.MetaTemplateId, null, template.Quality);
            var held = await session.LoadAsync<MessageTemplate>(streamId, cancellationToken);
            var now = clock.GetUtcNow();
            if (held is null)
            {
                session.Events.Append(streamId, new TemplateImported(streamId, definition, now));
                imported++;
                continue;
            }

            var steps = held.StepsTo(definition, now);
            if (steps.Count == 0)
            {
                unchanged++;
                continue;
            }

            session.Events.Append(streamId, [.. steps.Cast<object>()]);
            updated++;
        }

        await session.SaveChangesAsync(cancellationToken);
        return new TemplateImportResult(imported, updated, unchanged, 0, skipped);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Template {MetaTemplateId} of number {PhoneNumberId} has a category or status PesanAI does not know ({Status}); not imported")]
    private partial void LogSkipped(string phoneNumberId, string metaTemplateId, string? status);
}
