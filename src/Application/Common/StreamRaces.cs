using JasperFx;
using Npgsql;

namespace PesanAI.Application.Common;

/// <summary>Lost a race to another writer of the same stream or key: nothing was committed, so trying again is safe.</summary>
public static class StreamRaces
{
    public static bool IsRace(Exception ex) =>
        ex is ConcurrencyException or DocumentAlreadyExistsException or Marten.Exceptions.ExistingStreamIdCollisionException
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
