namespace PesanAI.Application.Inbound;

/// <summary>
/// A webhook body as Meta sent it, kept as technical data for a retention period (default 30 days) so a
/// delivery can be examined or re-run. Platform data, not a tenant's: single-tenanted, never returned by the API.
/// </summary>
public sealed record RawWebhook(Guid Id, DateTimeOffset ReceivedAt, bool SignatureValid, IReadOnlyList<string> PhoneNumberIds, string Body);
