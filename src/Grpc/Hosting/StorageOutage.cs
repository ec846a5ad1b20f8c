using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using PesanAI.Application.Inbound;

namespace PesanAI.Host.Hosting;

/// <summary>
/// The one answer to "is this failure PostgreSQL being out of reach right now?" (refused or reset connections,
/// connect and command timeouts, an exhausted pool, a server shutting down): retrying later can succeed. A statement
/// PostgreSQL refused (a constraint, bad input, a missing table) is not an outage: retrying would fail the same way.
/// </summary>
public static class StorageOutage
{
    /// <summary>What callers are told to wait before retrying (gRPC <c>RetryInfo</c>, HTTP <c>Retry-After</c>).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public const string Message = "Storage is temporarily unavailable; retry.";

    /// <summary>
    /// True when the failure, or one it wraps (Marten and EF Core wrap Npgsql's), is transient: the one classifier
    /// the webhook's store uses too (<see cref="StoreFailures.IsTransient"/>).
    /// </summary>
    public static bool Is(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StoreFailures.IsTransient(exception);
    }

    /// <summary>UNAVAILABLE with <c>RetryInfo</c>, as every gRPC caller gets it.</summary>
    public static Status GrpcStatus() => new()
    {
        Code = (int)Code.Unavailable,
        Message = Message,
        Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(RetryDelay) }) },
    };
}
