using Marten;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using PesanAI.Infrastructure.Media;
using PesanAI.Infrastructure.Secrets;
using Xunit.Abstractions;

namespace PesanAI.Application.Tests.Media;

/// <summary>The embedded store: ciphertext in <c>pesanai.media_chunks</c>, keys in <c>pesanai.media_keys</c>.</summary>
[Collection(MediaStoresCollection.Name)]
public sealed class PostgresMediaStoreTests(StoreFixture fixture, ITestOutputHelper output) : MediaStoreContract(output), IClassFixture<StoreFixture>
{
    protected override IMediaBlobStore Blobs { get; } = new PostgresMediaBlobStore(fixture.Store);

    protected override TenantMediaKeys Keys { get; } = NewKeys(fixture.Store);

    /// <summary>One protector for every "node" of a test run, as nodes share Data Protection's key ring.</summary>
    private static readonly DataProtectionSecretProtector Protector = new(new EphemeralDataProtectionProvider());

    /// <summary>Keys as one node holds them: its own cache over the shared table.</summary>
    internal static TenantMediaKeys NewKeys(IDocumentStore store) => new(store, Protector, TimeProvider.System);

    protected override async Task<byte[]?> RawAsync(Guid tenantId, string key)
    {
        await using var connection = await OpenAsync();
        await using var select = new NpgsqlCommand($"select data from {PostgresMediaBlobStore.QualifiedName} where tenant_id = $1 and key = $2 order by seq", connection);
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await select.ExecuteReaderAsync();
        var raw = new List<byte>();
        while (await reader.ReadAsync())
        {
            raw.AddRange(reader.GetFieldValue<byte[]>(0));
        }

        return raw.Count == 0 ? null : [.. raw];
    }

    protected override async Task ReplaceRawAsync(Guid tenantId, string key, byte[] ciphertext)
    {
        await Blobs.DeleteAsync(tenantId, key, default);
        await Blobs.WriteAsync(tenantId, key, new MemoryStream(ciphertext), _ => Task.CompletedTask, default);
    }

    protected override async Task<int> StoredCountAsync(Guid tenantId)
    {
        await using var connection = await OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {PostgresMediaBlobStore.QualifiedName} where tenant_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        return (int)(long)(await count.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = fixture.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
