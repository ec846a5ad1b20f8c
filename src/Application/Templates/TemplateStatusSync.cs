using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>Applies Meta's template status reports to the tenant's templates (every number of the WABA with that name and language).</summary>
internal static class TemplateStatusSync
{
    public static async Task ApplyAsync(IDocumentSession session, ITransactionLocks locks, IReadOnlyList<TemplateStatusReport> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            if (StatusOf(report.Event) is not { } status || report.Name is null)
            {
                continue;
            }

            await TemplateLock.TakeAsync(session, locks, report.WabaId, report.Name, cancellationToken);
            var templates = await session.Query<MessageTemplate>()
                .Where(t => t.WabaId == report.WabaId && t.Name == report.Name)
                .ToListAsync(cancellationToken);
            foreach (var template in templates.Where(t => report.Language is null || t.Language == report.Language))
            {
                session.Store(template with { Status = status, Reason = report.Reason, MetaTemplateId = report.TemplateId ?? template.MetaTemplateId, UpdatedAt = now });
            }
        }
    }

    public static TemplateStatus? StatusOf(string metaEvent) => metaEvent.ToUpperInvariant() switch
    {
        "APPROVED" => TemplateStatus.Approved,
        "REJECTED" => TemplateStatus.Rejected,
        "PENDING" => TemplateStatus.Pending,
        "PAUSED" => TemplateStatus.Paused,
        "DISABLED" or "PENDING_DELETION" or "DELETED" => TemplateStatus.Disabled,
        _ => null,
    };
}
