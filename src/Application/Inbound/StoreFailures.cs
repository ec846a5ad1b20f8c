using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Tells a failure that a retry may fix (the store is unavailable: Meta should redeliver) from one it never will (this
/// content is refused: park it, acknowledge the rest).
/// </summary>
public static class StoreFailures
{
    /// <summary>
    /// Whether a redelivery may succeed: the failure is transient, or a race lost to other deliveries (a key, link or
    /// stream the other one committed first: the next attempt finds them).
    /// </summary>
    public static bool IsRetryable(Exception exception) => IsTransient(exception) || LostRace.Is(exception);

    /// <summary>
    /// Transient: connection failures, timeouts (Npgsql wraps them), serialization failures (40001), deadlocks (40P01), a cancelled
    /// statement (57014, e.g. statement_timeout), a retry inside an aborted transaction (25P02) and whatever else Npgsql
    /// calls transient (too many connections, shutdown, out of resources). Everything else, such as a value PostgreSQL refuses (22P05, 22021, 54000), is permanent.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        null => false,
        AggregateException all => all.InnerExceptions.Any(IsTransient),
        PostgresException
        {
            SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.QueryCanceled

                // A statement after a failed one in the same transaction: what Marten's retry of a transient failure
                // inside a transaction meets (a permanent failure is not retried, so it surfaces as itself).
                or PostgresErrorCodes.InFailedSqlTransaction,
        } => true,
        NpgsqlException { IsTransient: true } => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>Why, without the exception's text (PostgreSQL's messages and contexts can quote the data): the SQL state or the type.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[0] : e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return "PostgreSQL " + postgres.SqlState;
            }
        }

        return exception.GetType().Name;
    }
}
