namespace PesanAI.Application.Inbound;

/// <summary>
/// A verified webhook body exactly as Meta sent it, appended durably before the 200 (<see cref="IInboundQueue"/>) and
/// turned into events afterwards by the ingest processor. Kept as technical data for a retention period (default 30
/// days) so a delivery can be examined or re-run. Platform data, not a tenant's: never returned by the API.
/// <see cref="PhoneNumberIds"/> are every number the body names; <see cref="Signers"/> what the signature check found.
/// </summary>
public sealed record RawWebhook(Guid Id, DateTimeOffset ReceivedAt, IReadOnlyList<string> PhoneNumberIds, byte[] Body, WebhookSigners Signers)
{
    public override string ToString() => $"RawWebhook {{ Id = {Id}, ReceivedAt = {ReceivedAt:O}, Bytes = {Body.Length} }}";
}

/// <summary>
/// Whose secret signed a body, as checked in the request: the platform's (covers every number), or the app secrets of
/// these numbers and tenants. The processor looks the routes up again (keywords, tenant state as they are now) and
/// keeps only what these signers cover, so a body never carries more in later than its signature did then.
/// </summary>
public sealed record WebhookSigners(bool Platform, IReadOnlyList<string> PhoneNumberIds, IReadOnlyList<Guid> TenantIds);
