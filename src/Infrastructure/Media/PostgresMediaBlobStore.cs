using System.Buffers;
using System.Data;
using Marten;
using Npgsql;
using NpgsqlTypes;
using PesanAI.Infrastructure.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// The embedded store (ADR 011): ciphertext in rows of <see cref="ChunkSize"/> bytes of <c>pesanai.media_chunks</c>,
/// written in one transaction that commits only after the caller's check, read back one row per query, so that
/// neither direction holds more than a chunk and a slow reader holds no connection between chunks.
/// </summary>
public sealed class PostgresMediaBlobStore(IDocumentStore store) : IMediaBlobStore
{
    public const string TableName = "media_chunks";
    public const string QualifiedName = MartenSetup.Schema + "." + TableName;

    /// <summary>Large enough that a 100 MB file is 100 rows, small enough to sit in memory once per stream.</summary>
    public const int ChunkSize = 1024 * 1024;

    /// <summary>The table, created and kept by Marten's schema management with the others.</summary>
    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<int>("seq").AsPrimaryKey();
        table.AddColumn("data", "bytea").NotNull();
        return table;
    }

    public async Task WriteAsync(Guid tenantId, string key, Stream content, Func<CancellationToken, Task> beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(beforeCommit);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new NpgsqlCommand($"insert into {QualifiedName} (tenant_id, key, seq, data) values ($1, $2, $3, $4)", connection, transaction);
            var seq = new NpgsqlParameter<int>();
            var data = new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea };
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            insert.Parameters.Add(seq);
            insert.Parameters.Add(data);
            for (var read = ChunkSize; read == ChunkSize; seq.TypedValue++)
            {
                read = await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken);
                if (read == 0 && seq.TypedValue > 0)
                {
                    break;
                }

                data.TypedValue = buffer.AsMemory(0, read);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            // Rolled back with the connection if the check throws: no row was ever visible to anyone else.
            await beforeCommit(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream?> OpenReadAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        var stream = new ChunkStream(store, tenantId, key);
        if (await stream.LoadNextAsync(cancellationToken))
        {
            return stream;
        }

        await stream.DisposeAsync();
        return null;
    }

    public async Task DeleteAsync(Guid tenantId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand($"delete from {QualifiedName} where tenant_id = $1 and key = $2", connection);
        delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The rows of one key in order, one query per row into one reused buffer; ends at the first missing row.</summary>
    private sealed class ChunkStream(IDocumentStore store, Guid tenantId, string key) : ReadOnlyStream
    {
        private readonly byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        private int _seq;
        private bool _ended;
        private ReadOnlyMemory<byte> _pending;
        private bool _disposed;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_pending.IsEmpty)
            {
                if (_ended || !await LoadNextAsync(cancellationToken))
                {
                    return 0;
                }
            }

            var take = Math.Min(buffer.Length, _pending.Length);
            _pending[..take].CopyTo(buffer);
            _pending = _pending[take..];
            return take;
        }

        public async Task<bool> LoadNextAsync(CancellationToken cancellationToken)
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var select = new NpgsqlCommand($"select data from {QualifiedName} where tenant_id = $1 and key = $2 and seq = $3", connection);
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _seq });
            await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                _ended = true;
                return false;
            }

            await using var column = await reader.GetStreamAsync(0, cancellationToken);
            var length = await column.ReadAtLeastAsync(_chunk.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (length == ChunkSize && await column.ReadAsync(new byte[1], cancellationToken) > 0)
            {
                throw new InvalidDataException($"A stored media chunk is larger than {ChunkSize} bytes.");
            }

            _pending = _chunk.AsMemory(0, length);
            _seq++;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true; // the buffer goes back to the pool once
                ArrayPool<byte>.Shared.Return(_chunk);
            }

            base.Dispose(disposing);
        }
    }
}
