using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Looks underneath at the inbound queue (the admin connection): whether the webhooks with a given body have been
/// processed. What tests wait for after a 200, since the events come after the acknowledgement.
/// </summary>
internal sealed class InboundQueueProbe(PesanAiApp app)
{
    public const string Table = "pesanai.inbound_webhooks";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Waits until no webhook with this body is pending (none was appended: at once).</summary>
    public async Task UntilProcessedAsync(byte[] body)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (await PendingAsync(body) > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"An acknowledged webhook was not processed within {Deadline.TotalSeconds} s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Pending webhooks with this body.</summary>
    public async Task<long> PendingAsync(byte[] body) =>
        await ScalarAsync($"select count(*) from {Table} where body = $1 and processed_at is null", body);

    /// <summary>Webhooks with this body, settled or not.</summary>
    public async Task<long> AppendedAsync(byte[] body) =>
        await ScalarAsync($"select count(*) from {Table} where body = $1", body);

    private async Task<long> ScalarAsync(string sql, byte[] body)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
