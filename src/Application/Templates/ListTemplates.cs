using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Messaging;

namespace PesanAI.Application.Templates;

/// <summary>The tenant's templates, optionally of one number, by name and language.</summary>
public sealed record ListTemplates(string? PhoneNumberId) : IQuery<IReadOnlyList<MessageTemplate>>, IValidatable
{
    public IEnumerable<FieldViolation> Validate() =>
        string.IsNullOrEmpty(PhoneNumberId) ? [] : Check.Digits("phone_number_id", PhoneNumberId, 32);
}

public sealed class ListTemplatesHandler(IQuerySession session, ICurrentActor actor) : IQueryHandler<ListTemplates, IReadOnlyList<MessageTemplate>>
{
    public async ValueTask<IReadOnlyList<MessageTemplate>> Handle(ListTemplates query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = TenantOwned.TenantOf(actor);

        // A number the tenant does not own is NOT_FOUND, as everywhere else it is named (not an empty list).
        if (!string.IsNullOrEmpty(query.PhoneNumberId)
            && (await TenantStream.Load(session, tenantId, cancellationToken)).FindPhoneNumber(query.PhoneNumberId) is null)
        {
            throw new NotFoundException("phone_number", query.PhoneNumberId);
        }

        var templates = string.IsNullOrEmpty(query.PhoneNumberId)
            ? session.Query<MessageTemplate>()
            : session.Query<MessageTemplate>().Where(t => t.PhoneNumberId == query.PhoneNumberId);
        return [.. (await templates.ToListAsync(cancellationToken)).OrderBy(t => t.PhoneNumberId).ThenBy(t => t.Name).ThenBy(t => t.Language)];
    }
}
