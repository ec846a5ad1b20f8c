namespace PesanAI.Architecture.Tests.Planted;

/// <summary>Planted for NpgsqlRules: matches an error code inside a method body, as Application's race classifier did.</summary>
internal static class PlantedErrorCodeMatch
{
    public static bool IsDuplicateKey(Exception exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}

/// <summary>Planted for NpgsqlRules: runs lock SQL on a connection, as Application's outbox dispatch did.</summary>
internal static class PlantedLockCommand
{
    public static async Task<bool> TryLockAsync(Npgsql.NpgsqlConnection connection, long key)
    {
        await using var command = new Npgsql.NpgsqlCommand("select pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() is true;
    }
}
