using JasperFx.Events;
using Marten;
using Mediator;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Media;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Privacy;

/// <summary>Everything kept about one customer, as a ZIP archive (layout: README "Your data").</summary>
public sealed record ExportCustomerData(CustomerRef Customer) : IQuery<PreparedExport>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() => Customer.Validate();
}

/// <summary>
/// Reads the customer's footprint and records the read in the access audit (committed before the first byte leaves,
/// as every read of personal data); the archive is then written entry by entry, media streamed from the store.
/// </summary>
public sealed class ExportCustomerDataHandler(IQuerySession session, ICurrentActor actor, IMediaStore media, DataAccessRecorder recorder, TimeProvider clock)
    : IQueryHandler<ExportCustomerData, PreparedExport>
{
    public async ValueTask<PreparedExport> Handle(ExportCustomerData query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);
        var customerId = await query.Customer.ResolveAsync(session, cancellationToken);
        var footprint = await CustomerFootprint.LoadAsync(session, customerId, cancellationToken);
        await recorder.RecordAsync(new DataAccess(tenantId, "customer_export", footprint.ResourceIds), cancellationToken);
        return new PreparedExport("customer-data.zip", (destination, ct) => WriteAsync(tenantId, footprint, destination, ct));
    }

    private async Task WriteAsync(Guid tenantId, CustomerFootprint footprint, Stream destination, CancellationToken cancellationToken)
    {
        await using var archive = await ExportArchive.CreateAsync(destination, "customer", clock.GetUtcNow(), cancellationToken);
        await archive.AddJsonAsync("customer.json", new
        {
            footprint.CustomerId,
            footprint.Identities,
            Names = footprint.Conversations.Select(c => c.Customer).Append(footprint.Consent?.Customer).OfType<CustomerIdentity>().Distinct(),
            Links = footprint.Links.Select(l => l.Id),
            footprint.Preferences,
            MessagingLimitContacts = footprint.OutOfWindow,
        }, cancellationToken);

        var aiDecisions = new List<object>();
        foreach (var conversation in footprint.Conversations)
        {
            var folder = $"conversations/{conversation.Id:D}/";
            var events = await CustomerFootprint.EventsOfAsync(session, conversation.Id, cancellationToken);
            await archive.AddJsonAsync(folder + "conversation.json", conversation, cancellationToken);
            await archive.AddJsonAsync(folder + "messages.json", footprint.Messages.Where(m => m.ConversationId == conversation.Id), cancellationToken);
            await archive.AddJsonAsync(folder + "events.json", events.Select(Describe), cancellationToken);
            aiDecisions.AddRange(events.Where(e => e.Data is AiReplied or AiHandedOff or AiSuppressed).Select(Describe));
        }

        await archive.AddJsonAsync("ai-decisions.json", aiDecisions, cancellationToken);
        await archive.AddJsonAsync("consent.json", new
        {
            Current = footprint.Consent,
            History = (await CustomerFootprint.EventsOfAsync(session, footprint.CustomerId, cancellationToken)).Select(Describe),
        }, cancellationToken);

        await archive.AddJsonAsync("knowledge-suggestions.json", footprint.Suggestions, cancellationToken);
        await archive.AddJsonAsync("media.json", footprint.Media, cancellationToken);
        foreach (var item in footprint.Media)
        {
            await archive.AddStoredMediaAsync(media, tenantId, item, $"media/{item.Id:D}{Extension(item)}", cancellationToken);
        }

        await archive.AddJsonAsync("access-records.json", footprint.AccessRecords, cancellationToken);
        await archive.CompleteAsync(new { footprint.CustomerId }, cancellationToken);
    }

    private static object Describe(IEvent e) => new { Type = e.EventTypeName, e.Version, e.Timestamp, Data = e.Data };

    private static string Extension(MediaItem item) =>
        !string.IsNullOrEmpty(item.Filename) && Path.GetExtension(item.Filename) is { Length: > 1 and <= 10 } fromName ? fromName
        : item.MimeType.Split('/', ';') is [_, var subtype, ..] && subtype.Length is > 0 and <= 10 && subtype.All(char.IsAsciiLetterOrDigit) ? "." + subtype
        : string.Empty;
}
