using JasperFx;
using Marten.Exceptions;
using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// What Marten's and PostgreSQL's failures mean to the use cases: the only place that reads PostgreSQL's error codes
/// (installed at start-up as the <see cref="StoreFailureClassifier"/>).
/// </summary>
public sealed class PostgresFailureClassifier : IStoreFailureClassifier
{
    /// <summary>
    /// Marten reports several collisions of one batch (a redelivered webhook of many messages) together, as an
    /// AggregateException: a race only if all of them are. A <see cref="ConcurrencyConflictException"/> is a race when
    /// it wraps one; a stale expected version is not (reading again gives the same answer).
    /// </summary>
    public bool IsLostRace(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.All(IsLostRace),
        ConcurrencyConflictException conflict => conflict.InnerException is { } inner && IsLostRace(inner),
        ConcurrencyException or DocumentAlreadyExistsException or ExistingStreamIdCollisionException => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation },
    };

    /// <summary>
    /// Transient: connection failures, timeouts (Npgsql wraps them), serialization failures (40001), deadlocks (40P01), a cancelled
    /// statement (57014, e.g. statement_timeout), a retry inside an aborted transaction (25P02) and whatever else Npgsql
    /// calls transient (too many connections, shutdown, out of resources). Everything else, such as a value PostgreSQL refuses (22P05, 22021, 54000), is permanent.
    /// </summary>
    public bool IsTransient(Exception exception) => exception switch
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

    /// <summary>The SQL state (PostgreSQL's messages and contexts can quote the data), else the type.</summary>
    public string Reason(Exception exception)
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
