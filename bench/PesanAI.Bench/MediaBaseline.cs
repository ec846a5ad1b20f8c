using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using NpgsqlTypes;

namespace PesanAI.Bench;

/// <summary>
/// The floor of "fetch + store": the same files fetched straight from the emulator as Meta's API serves them (GET
/// /{media-id} with the number's token, then the download URL with the bearer) and written with one plain autocommit
/// INSERT into a scratch bytea table of the same database. No webhook, ingest, feed, lease, hashing, encryption or
/// chunking: what any store of these bytes in this PostgreSQL must at least pay.
/// </summary>
internal sealed class MediaBaseline : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly HttpClient _http;
    private readonly string _token;

    private MediaBaseline(NpgsqlDataSource dataSource, HttpClient http, string token)
    {
        _dataSource = dataSource;
        _http = http;
        _token = token;
    }

    public static async Task<MediaBaseline> CreateAsync(string connectionString, Uri emulator, string token, int connections)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections + 4 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "create table if not exists bench_media_raw (seq bigserial primary key, meta_media_id text not null, data bytea not null);"
            + "create table if not exists bench_media_document (run int not null, seq int not null, data bytea not null, primary key (run, seq));");
        await command.ExecuteNonQueryAsync();
        return new MediaBaseline(dataSource, new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromMinutes(2) }, token);
    }

    /// <summary>Only for <see cref="DocumentAsync"/>: no emulator.</summary>
    public static Task<MediaBaseline> CreateDocumentAsync(string connectionString) =>
        CreateAsync(connectionString, new Uri("http://127.0.0.1/"), string.Empty, 1);

    public async Task<MediaPhase> RunAsync(string name, MediaFile[] files, int concurrency)
    {
        var timings = await LoadRunner.RunAsync(files.Length, concurrency, i => FetchAndInsertAsync(files[i]));
        IReadOnlyList<string> problems = timings.Failed.Count == 0 ? [] : [$"{timings.Failed.Count} files not fetched whole"];
        return new MediaPhase(name, files.Length, timings.Elapsed.TotalSeconds, timings.LatenciesMs, null, problems);
    }

    /// <summary>The document's floor: MiB rows of random bytes inserted in one transaction, then read back one row per query (as the store does).</summary>
    public async Task<(double WriteSeconds, double ReadSeconds)> DocumentAsync(int run, int mib)
    {
        var chunk = new byte[1024 * 1024];
        var random = new Random(run);
        var clock = Stopwatch.GetTimestamp();
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var seq = 0; seq < mib; seq++)
            {
                random.NextBytes(chunk);
                await using var insert = new NpgsqlCommand("insert into bench_media_document (run, seq, data) values ($1, $2, $3)", connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run });
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = chunk, NpgsqlDbType = NpgsqlDbType.Bytea });
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var write = Stopwatch.GetElapsedTime(clock).TotalSeconds;
        clock = Stopwatch.GetTimestamp();
        long read = 0;
        for (var seq = 0; seq < mib; seq++)
        {
            await using var select = _dataSource.CreateCommand("select data from bench_media_document where run = $1 and seq = $2");
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = seq });
            await using var reader = await select.ExecuteReaderAsync();
            await reader.ReadAsync();
            read += reader.GetBytes(0, 0, chunk, 0, chunk.Length);
        }

        return read == (long)mib * chunk.Length ? (write, Stopwatch.GetElapsedTime(clock).TotalSeconds) : throw new InvalidOperationException("The baseline read back less than it wrote.");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _dataSource.DisposeAsync();
    }

    private async Task<bool> FetchAndInsertAsync(MediaFile file)
    {
        using var lookup = new HttpRequestMessage(HttpMethod.Get, $"/v21.0/{file.MetaMediaId}");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var answer = await _http.SendAsync(lookup);
        answer.EnsureSuccessStatusCode();
        var media = await answer.Content.ReadFromJsonAsync<MediaUrl>() ?? throw new InvalidOperationException("GET /{media-id} answered no URL.");
        using var download = new HttpRequestMessage(HttpMethod.Get, media.Url);
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(download);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();

        await using var insert = _dataSource.CreateCommand("insert into bench_media_raw (meta_media_id, data) values ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = file.MetaMediaId });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync();
        return bytes.Length == file.Bytes;
    }

    private sealed record MediaUrl(Uri Url);
}
