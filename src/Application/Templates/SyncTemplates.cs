using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>
/// Imports the templates of the number's WABA from Meta (every page of Meta's list), so that a template created or
/// approved in Business Manager can be sent without registering it in PesanAI; webhooks keep them current afterwards.
/// </summary>
public sealed record SyncTemplates(string PhoneNumberId) : ICommand<TemplateSyncResult>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Check.Digits("phone_number_id", PhoneNumberId, 32);
}

/// <summary>The counts of the import and the number's templates after it.</summary>
public sealed record TemplateSyncResult(TemplateImportResult Counts, IReadOnlyList<MessageTemplate> Templates);

public sealed class SyncTemplatesHandler(IQuerySession session, ICurrentActor actor, TemplateImport import) : ICommandHandler<SyncTemplates, TemplateSyncResult>
{
    public async ValueTask<TemplateSyncResult> Handle(SyncTemplates command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = TenantOwned.TenantOf(actor);
        var number = (await TenantStream.Load(session, tenantId, cancellationToken)).FindPhoneNumber(command.PhoneNumberId)
            ?? throw new NotFoundException("phone_number", command.PhoneNumberId);
        var counts = await import.SyncAsync(tenantId, number, cancellationToken);
        await using var fresh = session.DocumentStore.QuerySession(tenantId.ToString());
        var templates = await fresh.Query<MessageTemplate>().Where(t => t.PhoneNumberId == number.PhoneNumberId).ToListAsync(cancellationToken);
        return new TemplateSyncResult(counts, [.. templates.OrderBy(t => t.Name).ThenBy(t => t.Language)]);
    }
}
