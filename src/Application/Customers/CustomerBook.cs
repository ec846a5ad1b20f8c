using Marten;
using PesanAI.Application.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Application.Customers;

/// <summary>
/// Resolves Meta's names for customers (wa_id, business-scoped user id) to the tenant's customer ids, adding
/// the links a batch reveals: a customer first known by wa_id and later by both names stays one customer.
/// </summary>
internal sealed class CustomerBook
{
    private readonly IDocumentSession _session;
    private readonly Guid _tenantId;
    private readonly Dictionary<string, Guid> _links;

    private CustomerBook(IDocumentSession session, Guid tenantId, Dictionary<string, Guid> links)
    {
        _session = session;
        _tenantId = tenantId;
        _links = links;
    }

    public static async Task<CustomerBook> LoadAsync(
        IDocumentSession session, Guid tenantId, IEnumerable<CustomerIdentity> identities, CancellationToken cancellationToken)
    {
        var names = identities.SelectMany(Names).Distinct().ToList();
        var links = await session.LoadEachAsync<CustomerLink>(names, cancellationToken);
        return new CustomerBook(session, tenantId, links.ToDictionary(l => l.Id, l => l.CustomerId));
    }

    /// <summary>A book over links already read (e.g. in a batch with other reads).</summary>
    public static CustomerBook Over(IDocumentSession session, Guid tenantId, IEnumerable<CustomerLink> links) =>
        new(session, tenantId, links.ToDictionary(l => l.Id, l => l.CustomerId));

    /// <summary>The id a customer gets when none of its names is linked yet.</summary>
    public static Guid? FirstIdOf(Guid tenantId, CustomerIdentity identity) =>
        Names(identity).FirstOrDefault() is { } name ? StableIds.Customer(tenantId, name) : null;

    /// <summary>The link names of a customer (wa_id and/or business-scoped user id).</summary>
    public static IEnumerable<string> NamesOf(CustomerIdentity identity) => Names(identity);

    /// <summary>The customer's id; new names are linked (inserted: a racing delivery makes the insert fail and retry).</summary>
    public Guid IdOf(CustomerIdentity identity)
    {
        var names = Names(identity).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("A customer needs a wa_id or a user id.", nameof(identity));
        }

        var customerId = names.Select(n => _links.TryGetValue(n, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null)
            ?? StableIds.Customer(_tenantId, names[0]);
        foreach (var name in names.Where(n => !_links.ContainsKey(n)))
        {
            _session.Insert(new CustomerLink(name, customerId));
            _links[name] = customerId;
        }

        return customerId;
    }

    /// <summary>
    /// Links the names a customer announces (a new wa_id or business-scoped user id in a system message) to the
    /// customer, so later messages and statuses under them find the same customer and conversation. A name already
    /// linked keeps its customer: two customers are never merged here.
    /// </summary>
    public void Link(CustomerIdentity announced, Guid customerId)
    {
        foreach (var name in Names(announced).Where(n => !_links.ContainsKey(n)))
        {
            _session.Insert(new CustomerLink(name, customerId));
            _links[name] = customerId;
        }
    }

    private static IEnumerable<string> Names(CustomerIdentity identity)
    {
        if (!string.IsNullOrEmpty(identity.WaId))
        {
            yield return StableIds.WaLink(identity.WaId);
        }

        if (!string.IsNullOrEmpty(identity.UserId))
        {
            yield return StableIds.UserLink(identity.UserId);
        }
    }
}
