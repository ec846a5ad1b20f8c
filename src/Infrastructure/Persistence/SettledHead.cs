using System.Diagnostics;
using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// The newest position up to which every event is either committed or will never exist. Positions come
/// from a sequence and are visible in commit order, not sequence order: a reader that saw position 11
/// while 10's transaction was still open, and resumed after 11, would never see 10. So a replay waits for
/// the transactions that may still hold a lower position before it reads up to the head.
/// </summary>
/// <remarks>
/// In Marten's Quick append mode (<see cref="MartenSetup"/>) <c>mt_quick_append_events</c> reads
/// <c>mt_streams</c> before it takes a position, and a transaction keeps its table locks until it ends. So
/// every open transaction that may hold a position at or below the head read here holds a lock on
/// <c>mt_streams</c> or <c>mt_events</c> when the locks are read after the head.
/// </remarks>
internal static class SettledHead
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public static async Task<long> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var head = await ScalarAsync<long>(connection, $"select coalesce(max(seq_id), 0) from {MartenSetup.Schema}.mt_events", null, cancellationToken);
        var writers = await ScalarAsync<string[]>(
            connection,
            $"""
            select coalesce(array_agg(distinct virtualtransaction), array[]::text[]) from pg_locks
            where relation in ('{MartenSetup.Schema}.mt_events'::regclass, '{MartenSetup.Schema}.mt_streams'::regclass)
              and pid <> pg_backend_pid()
            """,
            null,
            cancellationToken);

        var delay = TimeSpan.FromMilliseconds(5);
        var waiting = Stopwatch.StartNew();
        while (writers.Length > 0)
        {
            writers = await ScalarAsync<string[]>(
                connection,
                "select coalesce(array_agg(distinct virtualtransaction), array[]::text[]) from pg_locks where virtualtransaction = any(@writers)",
                writers,
                cancellationToken);
            if (writers.Length == 0)
            {
                break;
            }

            if (waiting.Elapsed > MaxWait)
            {
                throw new UnavailableException("Events are still being written by a long-running transaction; retry.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }

        return head;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string[]? writers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (writers is not null)
        {
            command.Parameters.AddWithValue("writers", writers);
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
