using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Privacy;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Mapping;

/// <summary>
/// A tenant's deletion on the wire, by hand: a running deletion is still SCHEDULED to callers (it runs at delete_time
/// and can no longer be cancelled), and a completed one says no more than its state and times.
/// </summary>
public static class TenantDeletionMapping
{
    public static Api.TenantDeletion ToProto(TenantDeletionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Api.TenantDeletion
        {
            TenantId = record.TenantId.ToString(),
            State = record.State switch
            {
                TenantDeletionState.Scheduled or TenantDeletionState.Running => Api.TenantDeletionState.Scheduled,
                TenantDeletionState.Cancelled => Api.TenantDeletionState.Cancelled,
                TenantDeletionState.Completed => Api.TenantDeletionState.Completed,
                _ => Api.TenantDeletionState.Unspecified,
            },
            RequestTime = Timestamp.FromDateTimeOffset(record.RequestedAt),
            DeleteTime = Timestamp.FromDateTimeOffset(record.DeleteAfter),
            RequestedBy = record.RequestedBy ?? string.Empty,
            Reason = record.Reason ?? string.Empty,
        };
    }
}
