using System.Diagnostics;
using Npgsql;

namespace PesanAI.Bench;

/// <summary>One span of acknowledged webhooks (by seq) as the processor settled them: when each came in and when it was settled.</summary>
internal sealed record InboundSpan(
    long Webhooks, long Parked, long Pending, double[] LagsMs, DateTimeOffset[] Processed, DateTimeOffset? FirstReceived, DateTimeOffset? FirstProcessed, DateTimeOffset? LastProcessed)
{
    /// <summary>From the first acknowledgement to the last settlement: the span's processing time when it was sent faster than processed.</summary>
    public double Seconds => FirstReceived is { } first && LastProcessed is { } last ? (last - first).TotalSeconds : 0;
}

/// <summary>
/// The server's inbound queue (pesanai.inbound_webhooks), read with the admin role: its arrival numbers, whether
/// anything is pending, and per webhook received_at (set when the request verified it, just before its append and 200)
/// and processed_at (set when the processor settled its claim, after the webhook's events committed).
/// </summary>
internal static class InboundTable
{
    /// <summary>The highest arrival number so far (0: none): a phase's webhooks are those after the number before it.</summary>
    public static async Task<long> LastSeqAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq), 0) from pesanai.inbound_webhooks", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until no webhook is pending; returns the time waited, or null after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan?> UntilDrainedAsync(string connectionString, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select exists (select 1 from pesanai.inbound_webhooks where processed_at is null)", connection);
        while ((bool)(await command.ExecuteScalarAsync())!)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return null;
            }

            await Task.Delay(20);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The webhooks numbered after <paramref name="afterSeq"/> up to <paramref name="toSeq"/>, with each one's lag (processed_at - received_at).</summary>
    public static async Task<InboundSpan> SpanAsync(string connectionString, long afterSeq, long toSeq = long.MaxValue)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select received_at, processed_at, parked from pesanai.inbound_webhooks where seq > $1 and seq <= $2 order by seq", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSeq });
        var lags = new List<double>();
        var settled = new List<DateTimeOffset>();
        long webhooks = 0, parked = 0, pending = 0;
        DateTimeOffset? firstReceived = null, firstProcessed = null, lastProcessed = null;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            webhooks++;
            var received = reader.GetFieldValue<DateTimeOffset>(0);
            firstReceived = firstReceived is null || received < firstReceived ? received : firstReceived;
            if (await reader.IsDBNullAsync(1))
            {
                pending++;
                continue;
            }

            var processed = reader.GetFieldValue<DateTimeOffset>(1);
            parked += reader.GetBoolean(2) ? 1 : 0;
            lags.Add((processed - received).TotalMilliseconds);
            settled.Add(processed);
            firstProcessed = firstProcessed is null || processed < firstProcessed ? processed : firstProcessed;
            lastProcessed = lastProcessed is null || processed > lastProcessed ? processed : lastProcessed;
        }

        return new InboundSpan(webhooks, parked, pending, [.. lags], [.. settled], firstReceived, firstProcessed, lastProcessed);
    }
}
