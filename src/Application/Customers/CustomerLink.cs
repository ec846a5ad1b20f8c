namespace PesanAI.Application.Customers;

/// <summary>
/// Links one of Meta's names for a customer ("wa:&lt;wa_id&gt;" or "uid:&lt;business-scoped user id&gt;") to the
/// tenant's customer id, so a customer known by either name, or first by one and later by both, is one customer.
/// </summary>
public sealed record CustomerLink(string Id, Guid CustomerId);
