using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>
/// Applies Meta's template webhooks (status, quality and category updates) to the tenant's templates: every number of
/// the WABA with that name (and language, when the report names one), as events on each template's stream. A report
/// that changes nothing (a redelivery) appends nothing.
/// </summary>
public static class TemplateStatusSync
{
    public static async Task ApplyAsync(IDocumentSession session, ITransactionLocks locks, IReadOnlyList<TemplateStatusReport> reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var report in reports)
        {
            if (report.Name is null)
            {
                continue;
            }

            await TemplateLock.TakeAsync(session, locks, report.WabaId, report.Name, cancellationToken);
            var templates = await session.Query<MessageTemplate>()
                .Where(t => t.WabaId == report.WabaId && t.Name == report.Name)
                .ToListAsync(cancellationToken);
            foreach (var template in templates.Where(t => report.Language is null || t.Language == report.Language))
            {
                if (Change(template, report, now) is { } change)
                {
                    session.Events.Append(template.Id, change);
                }
            }
        }
    }

    /// <summary>The event a report makes of a template, or null when it changes nothing (or says nothing PesanAI keeps).</summary>
    public static ITemplateEvent? Change(MessageTemplate template, TemplateStatusReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(report);
        switch (report.Event)
        {
            case TemplateStatusReport.QualityUpdate:
                var quality = QualityOf(report.NewQuality);
                return quality is { } q && q != template.Quality ? new TemplateQualityChanged(template.Id, q, now) : null;
            case TemplateStatusReport.CategoryUpdate:
                var category = CategoryOf(report.NewCategory) ?? template.Category;
                var upcoming = CategoryOf(report.CorrectCategory);
                if (upcoming is { } next && next != category)
                {
                    // A notice: the change lands at category_update_timestamp; until then the template keeps its category.
                    return next == template.UpcomingCategory ? null : new TemplateCategoryChanged(template.Id, category, next, report.CategoryChangeAt, now);
                }

                return category != template.Category || template.UpcomingCategory is not null
                    ? new TemplateCategoryChanged(template.Id, category, null, report.CategoryChangeAt, now)
                    : null;
            default:
                var status = StatusOf(report.Event);
                if (status is null)
                {
                    return null;
                }

                var reason = report.Reason;
                return status != template.Status || reason != template.Reason || (report.TemplateId is not null && report.TemplateId != template.MetaTemplateId)
                    ? new TemplateStatusChanged(template.Id, status.Value, report.Event.ToUpperInvariant(), reason, report.TemplateId, now)
                    : null;
        }
    }

    /// <summary>
    /// Meta's status or status event as PesanAI keeps it; null for events that are not a status (FLAGGED warns of a
    /// quality drop, LOCKED of an edit freeze) or are unknown: the report stays stored, the template unchanged.
    /// </summary>
    public static TemplateStatus? StatusOf(string metaEvent) => metaEvent?.ToUpperInvariant() switch
    {
        "APPROVED" or "REINSTATED" or "UNARCHIVED" => TemplateStatus.Approved,
        "REJECTED" => TemplateStatus.Rejected,
        "PENDING" => TemplateStatus.Pending,
        "PAUSED" => TemplateStatus.Paused,
        "DISABLED" => TemplateStatus.Disabled,
        "IN_APPEAL" => TemplateStatus.InAppeal,
        "PENDING_DELETION" => TemplateStatus.PendingDeletion,
        "DELETED" => TemplateStatus.Deleted,
        "ARCHIVED" => TemplateStatus.Archived,
        "LIMIT_EXCEEDED" => TemplateStatus.LimitExceeded,
        _ => null,
    };

    public static TemplateQuality? QualityOf(string? score) => score?.ToUpperInvariant() switch
    {
        "GREEN" or "HIGH" => TemplateQuality.Green,
        "YELLOW" or "MEDIUM" => TemplateQuality.Yellow,
        "RED" or "LOW" => TemplateQuality.Red,
        "UNKNOWN" => TemplateQuality.Unknown,
        _ => null,
    };

    public static TemplateCategory? CategoryOf(string? category) => category?.ToUpperInvariant() switch
    {
        "MARKETING" => TemplateCategory.Marketing,
        "UTILITY" => TemplateCategory.Utility,
        "AUTHENTICATION" => TemplateCategory.Authentication,
        _ => null,
    };
}
