using System.Globalization;
using Npgsql;

namespace PesanAI.Bench;

/// <summary>
/// One file as the server's database has it: the MediaItem document (created when the media feed registered the fetch,
/// stored when the worker committed it) and its media_stored events.
/// </summary>
internal sealed record MediaRow(Guid Id, string State, DateTimeOffset CreatedAt, DateTimeOffset? StoredAt, string? Sha256, long? Size, int StoredEvents, string? EventSha256, DateTimeOffset? EventAt);

/// <summary>
/// Reads the media documents and media_stored events with the admin role (row-level security hides nothing):
/// states for polling, and per file what was stored, when, and how many times.
/// </summary>
internal static class MediaRows
{
    /// <summary>How many of the ids are settled (no longer pending): stored or unavailable.</summary>
    public static async Task<(int Stored, int Unavailable)> CountAsync(string connectionString, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) filter (where data ->> 'state' = 'Stored'), count(*) filter (where data ->> 'state' = 'Unavailable') "
            + "from pesanai.mt_doc_mediaitem where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>Polls until every id is settled; false at the deadline.</summary>
    public static async Task<bool> UntilSettledAsync(string connectionString, Guid[] ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var (stored, unavailable) = await CountAsync(connectionString, ids);
            if (stored + unavailable == ids.Length)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public static async Task<IReadOnlyDictionary<Guid, MediaRow>> ReadAsync(string connectionString, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var events = new Dictionary<Guid, (int Count, string? Sha256, DateTimeOffset? At)>();
        await using (var command = new NpgsqlCommand(
            "select data ->> 'mediaId', count(*), min(data ->> 'sha256'), min(data ->> 'at') from pesanai.mt_events "
            + "where type = 'media_stored' and (data ->> 'mediaId')::uuid = any($1) group by 1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events[Guid.Parse(reader.GetString(0))] = ((int)reader.GetInt64(1), reader.GetString(2), Time(reader.GetString(3)));
            }
        }

        var rows = new Dictionary<Guid, MediaRow>();
        await using (var command = new NpgsqlCommand(
            "select id, data ->> 'state', data ->> 'storedAt', data ->> 'sha256', (data ->> 'size')::bigint, data ->> 'createdAt' from pesanai.mt_doc_mediaitem where id = any($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                var stored = events.GetValueOrDefault(id);
                rows[id] = new MediaRow(id, reader.GetString(1), Time(reader.GetString(5)), reader.IsDBNull(2) ? null : Time(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4), stored.Count, stored.Sha256, stored.At);
            }
        }

        return rows;
    }

    /// <summary>Stored media items of every tenant, and distinct object keys in pesanai.media_chunks (a second copy of a file would be an extra key).</summary>
    public static async Task<(long StoredItems, long ChunkKeys)> StoreTotalsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from pesanai.mt_doc_mediaitem where data ->> 'state' = 'Stored'), "
            + "(select count(*) from (select distinct tenant_id, key from pesanai.media_chunks) k)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
