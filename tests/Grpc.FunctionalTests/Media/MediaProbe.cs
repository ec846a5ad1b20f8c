using Npgsql;

namespace PesanAI.FunctionalTests.Media;

/// <summary>The emulator's media fault names (its /_emulator/faults body).</summary>
internal static class MediaFaults
{
    public const string Error5xx = "media_error_5xx_ratio";
    public const string WrongSha256 = "media_wrong_sha256_ratio";
    public const string Truncate = "media_truncate_ratio";
    public const string Oversize = "media_oversize_ratio";
    public const string LatencyMs = "media_latency_ms";
}

/// <summary>Looks underneath the media pipeline, as the database's admin: the list of fetches and the store's rows.</summary>
internal static class MediaProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task UntilAttemptsAsync(PesanAiApp app, Guid mediaId, int attempts)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(attempts), 0) from pesanai.media_fetches where media_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = mediaId });
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while ((int)(await command.ExecuteScalarAsync())! < attempts)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"media {mediaId} was not tried {attempts} time(s)");
            await Task.Delay(20);
        }
    }

    /// <summary>How many objects the embedded media store holds (all tenants).</summary>
    public static async Task<long> StoredBlobCountAsync(PesanAiApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(distinct key) from pesanai.media_chunks", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
