using System.Collections.Concurrent;
using System.Security.Cryptography;
using Marten;
using Npgsql;
using PesanAI.Application.Common;
using PesanAI.Infrastructure.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PesanAI.Infrastructure.Media;

/// <summary>A tenant's media data key: its id (named in every object's header) and the 256 key bits.</summary>
public sealed record TenantMediaKey(Guid Id, byte[] Key);

/// <summary>
/// One random 256-bit data key per tenant, created on first use, kept in <c>pesanai.media_keys</c> wrapped by the
/// app's secret protector (Data Protection, whose own keys live in PostgreSQL), and cached in memory for
/// <see cref="CacheFor"/>. Destroying a tenant's key makes all of its media unreadable at once (crypto-shredding, for
/// erasure): on this node at once, on the others once their cache entry expires.
/// </summary>
public sealed class TenantMediaKeys(IDocumentStore store, ISecretProtector protector, TimeProvider clock)
{
    public const string TableName = "media_keys";
    public const string QualifiedName = MartenSetup.Schema + "." + TableName;

    /// <summary>Short: the bound on how long another node may still read a destroyed tenant's media.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (TenantMediaKey Key, DateTimeOffset Until)> _cache = new();

    /// <summary>The table, created and kept by Marten's schema management with the others.</summary>
    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("tenant_id").AsPrimaryKey();
        table.AddColumn<Guid>("key_id").NotNull();
        table.AddColumn<string>("wrapped_key").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    /// <summary>The tenant's key, created if it has none; concurrent first uses, on any node, agree on one key.</summary>
    public async Task<TenantMediaKey> GetOrCreateAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, cancellationToken) is { } known)
        {
            return known;
        }

        var key = RandomNumberGenerator.GetBytes(32);
        await using (var connection = await store.OpenConnectionAsync(cancellationToken))
        await using (var insert = new NpgsqlCommand(
            $"insert into {QualifiedName} (tenant_id, key_id, wrapped_key) values ($1, $2, $3) on conflict (tenant_id) do nothing", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protector.Protect(Convert.ToBase64String(key)) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        CryptographicOperations.ZeroMemory(key);

        // Whoever won the insert, the row is the key.
        return await FindAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException("The tenant's media key was destroyed while it was being created.");
    }

    /// <summary>The tenant's key, or null when it has none (never had one, or it was destroyed).</summary>
    public async Task<TenantMediaKey?> FindAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"select key_id, wrapped_key from {QualifiedName} where tenant_id = $1", connection);
        select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            _cache.TryRemove(tenantId, out _);
            return null;
        }

        var key = new TenantMediaKey(reader.GetGuid(0), Convert.FromBase64String(protector.Unprotect(reader.GetString(1))));
        _cache[tenantId] = (key, now + CacheFor);
        return key;
    }

    /// <summary>Deletes the tenant's key: its media can no longer be read by anyone. A new upload creates a new key.</summary>
    public async Task DestroyAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        _cache.TryRemove(tenantId, out _);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand($"delete from {QualifiedName} where tenant_id = $1", connection);
        delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        await delete.ExecuteNonQueryAsync(cancellationToken);
        _cache.TryRemove(tenantId, out _);
    }
}
