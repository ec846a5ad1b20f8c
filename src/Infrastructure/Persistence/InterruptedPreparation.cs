using System.Runtime.CompilerServices;
using Npgsql;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Works around an Npgsql 10 fault that turns a lost connection into INTERNAL. With automatic preparation on (the
/// host's default, <see cref="DependencyInjection"/>), the execution that reaches a statement's second use on a
/// connection also prepares it and marks the statement "being prepared". If that connection was broken while idle
/// (PostgreSQL restarted, a network cut), the write fails and Marten retries the same command or batch on a new
/// connection. Npgsql forgets the old connection's prepared statement but not the mark, and then throws
/// <see cref="NullReferenceException"/> reading the results (<c>NpgsqlDataReader.NextResult</c>: <c>preparedStatement!</c>).
/// Npgsql's main branch still has it (<c>NpgsqlBatchCommand.ResetPreparation</c> leaves <c>IsPreparing</c> set).
/// <para>
/// Before every execution, a statement still marked from an execution that never finished is made new again: its
/// preparation is forgotten (setting its text does that) and the mark cleared. A statement that finished its last
/// execution has no mark, so the ordinary path costs one field read per statement.
/// </para>
/// </summary>
public static class InterruptedPreparation
{
    /// <summary>Clears leftovers of an interrupted execution from a command's statements; true when there were some.</summary>
    public static bool Clear(NpgsqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var cleared = false;
        foreach (var statement in Statements(command))
        {
            cleared |= Clear(statement);
        }

        return cleared;
    }

    /// <summary>Clears leftovers of an interrupted execution from a batch's statements; true when there were some.</summary>
    public static bool Clear(NpgsqlBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var cleared = false;
        foreach (NpgsqlBatchCommand statement in batch.BatchCommands)
        {
            cleared |= Clear(statement);
        }

        return cleared;
    }

    private static bool Clear(NpgsqlBatchCommand statement)
    {
        ref var preparing = ref IsPreparing(statement);
        if (!preparing)
        {
            return false;
        }

        // The setter forgets the statement's prepared statement and the connection it was prepared on.
        statement.CommandText = statement.CommandText;
        preparing = false;
        return true;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "IsPreparing")]
    private static extern ref bool IsPreparing(NpgsqlBatchCommand statement);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_InternalBatchCommands")]
    private static extern List<NpgsqlBatchCommand> Statements(NpgsqlCommand command);
}
