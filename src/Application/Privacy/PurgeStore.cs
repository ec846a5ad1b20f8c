namespace PesanAI.Application.Privacy;

/// <summary>
/// Port: what a retention purge changes in storage, per tenant and per kind of data, each in one transaction so that
/// the stored events and the documents kept from them never disagree. Each returns how many items it changed; items
/// changed before (a purge run again) are not counted again.
/// </summary>
public interface IPurgeStore
{
    /// <summary>
    /// Messages stored before <paramref name="before"/> (inbound ones when received, outbound ones when queued and
    /// since settled: accepted or failed) lose their content in the conversation's events and in their records; time,
    /// direction, status, type and ids stay. <paramref name="aiOnly"/>: only what the AI was given (the customer
    /// messages an AI decision answered) and what it wrote (its replies).
    /// </summary>
    Task<int> StripMessageContentAsync(Guid tenantId, DateTimeOffset before, bool aiOnly, CancellationToken cancellationToken);

    /// <summary>Deletes the tenant's data-access records (the access stream's events and their entries) made before <paramref name="before"/>.</summary>
    Task<int> DeleteAccessRecordsAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Deletes processed raw webhook bodies received before <paramref name="before"/> that belong to the tenant (whichever other tenants they also belong to).</summary>
    Task<int> DeleteWebhookBodiesAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken);
}
